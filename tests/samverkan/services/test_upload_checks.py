"""The samverkan services that store an upload check it themselves: called with no
form in front, a file over the limit or a program renamed .pdf is refused with the
Swedish message, and neither a row nor a file is stored."""

import datetime

import pytest

from samverkan.group.services import group
from samverkan.pipeline.services import pipeline
from tests.bad_uploads import BAD, LIMIT, OVERENSKOMMELSE_APPS, assert_refused

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_upload_limit(settings):
    settings.PORTAL_UPLOAD_MAX_BYTES = LIMIT


def _refused(call, kind: str) -> None:
    assert_refused(call, kind, app_labels=(*OVERENSKOMMELSE_APPS, "pipeline", "samverkansgruppen"))


@pytest.mark.parametrize("kind", sorted(BAD))
def test_document_add_refuses_a_bad_file(kind, accepted, rep_a):
    _refused(
        lambda upload: pipeline.document_add(
            initiative=accepted, actor=rep_a, title="Budget", upload=upload
        ),
        kind,
    )


@pytest.mark.parametrize("kind", sorted(BAD))
def test_meeting_document_add_refuses_a_bad_file(kind, handlaggare):
    meeting = group.meeting_create(
        actor=handlaggare,
        title="Vårmöte",
        date=datetime.date(2027, 3, 16),
        start_time=datetime.time(13),
        place="Stadshuset",
    )
    _refused(
        lambda upload: group.meeting_document_add(
            actor=handlaggare, meeting=meeting, title="Dagordning", upload=upload
        ),
        kind,
    )
