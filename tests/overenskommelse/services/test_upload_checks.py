# ruff: noqa: F811  (the remiss fixtures are imported, then named as arguments)
"""Every overenskommelse service that stores an upload checks it itself: called with
no form in front, a file over the limit or a program renamed .pdf is refused with
the Swedish message, and neither a row nor a file is stored."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from overenskommelse.agreement.models import (
    ActionPlan,
    Affiliation,
    AffiliationApplication,
    RemissAnswer,
    RemissAnswerAttachment,
)
from overenskommelse.agreement.services import action_plan, affiliation, remiss
from tests.bad_uploads import BAD, LIMIT, OVERENSKOMMELSE_APPS, PDF, assert_refused
from tests.factories import AffiliationFactory
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_upload_limit(settings):
    settings.PORTAL_UPLOAD_MAX_BYTES = LIMIT


@pytest.fixture
def plan():
    return ActionPlan.objects.create(
        title="Handlingsplan", slug="hp-uploads", start_year=2025, end_year=2028
    )


def _refused(call, kind: str) -> None:
    assert_refused(call, kind, app_labels=OVERENSKOMMELSE_APPS)


@pytest.mark.parametrize("kind", sorted(BAD))
def test_action_plan_document_add_refuses_a_bad_file(kind, plan, handlaggare):
    _refused(
        lambda upload: action_plan.action_plan_document_add(
            plan=plan, actor=handlaggare, title="Planen", upload=upload
        ),
        kind,
    )


@pytest.mark.parametrize("kind", sorted(BAD))
def test_remiss_document_add_refuses_a_bad_file(kind, draft_remiss, handlaggare):
    _refused(
        lambda upload: remiss.remiss_document_add(
            remiss=draft_remiss, actor=handlaggare, title="Underlag", upload=upload
        ),
        kind,
    )


@pytest.mark.parametrize("kind", sorted(BAD))
def test_remiss_answer_save_refuses_a_bad_attachment(kind, published_remiss, organisation_a, rep_a):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    texts = {s.pk: "Vårt svar" for s in published_remiss.sections.all()}
    with time_machine.travel(at(2021, 1, 15, 10), tick=False):
        _refused(
            lambda upload: remiss.remiss_answer_save(
                instans=instans,
                actor=rep_a,
                texts=texts,
                version=None,
                submit=True,
                attachments=[("Bilaga", upload)],
            ),
            kind,
        )
    assert not RemissAnswer.objects.exists() and not RemissAnswerAttachment.objects.exists()


@pytest.mark.parametrize("kind", sorted(BAD))
def test_application_save_refuses_a_bad_protocol(kind, organisation_a, rep_a):
    _refused(
        lambda upload: affiliation.application_save(
            organisation=organisation_a,
            actor=rep_a,
            meeting_date=dt.date(2026, 11, 2),
            paragraph="7",
            decision_text="Styrelsen beslutar att ansluta föreningen.",
            conditions_confirmed=True,
            protocol=upload,
            submit=True,
        ),
        kind,
    )
    assert not AffiliationApplication.objects.exists()


@pytest.mark.parametrize("kind", sorted(BAD))
def test_application_save_keeps_the_stored_protocol_when_a_bad_one_replaces_it(
    kind, organisation_a, rep_a
):
    values = {
        "organisation": organisation_a,
        "actor": rep_a,
        "meeting_date": dt.date(2026, 11, 2),
        "paragraph": "7",
        "decision_text": "Styrelsen beslutar att ansluta föreningen.",
        "conditions_confirmed": True,
    }
    draft = affiliation.application_save(**values, protocol=SimpleUploadedFile("p.pdf", PDF))
    stored = (draft.protocol.name, draft.protocol_content_type)
    _refused(lambda upload: affiliation.application_save(**values, protocol=upload), kind)
    draft.refresh_from_db()
    assert (draft.protocol.name, draft.protocol_content_type) == stored


@pytest.mark.parametrize("kind", sorted(BAD))
def test_affiliation_withdraw_refuses_a_bad_protocol(kind, organisation_a, rep_a):
    active = AffiliationFactory(organisation=organisation_a, affiliated_from=dt.date(2024, 5, 1))
    _refused(
        lambda upload: affiliation.affiliation_withdraw(
            organisation=organisation_a,
            actor=rep_a,
            meeting_date=dt.date(2026, 11, 20),
            paragraph="12",
            protocol=upload,
        ),
        kind,
    )
    active = Affiliation.objects.get(pk=active.pk)
    assert active.ended_on is None and not active.withdrawal_protocol
