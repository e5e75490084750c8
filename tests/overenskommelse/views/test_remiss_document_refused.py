# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""A remiss saved with a document the service refuses: the page shows why, in
Swedish, and nothing of the save is kept, so sending the form again after fixing
the file does not make a second remiss."""

import re

import pytest
from django.urls import reverse

from overenskommelse.agreement.models import Remiss, RemissDocument
from overenskommelse.platform.models import HistoryEntry
from tests.bad_uploads import BAD, stored_files
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
)

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "Remiss handlingsplan 2021–2024",
    "opens_on": "2020-12-01",
    "closes_on": "2021-02-28",
    "disposition": "Sammanfattning\nProcessen",
}


@pytest.fixture
def staff(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    return client


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_creating_with_a_program_as_its_document_makes_no_remiss(staff):
    make, _code, message = BAD["exe_renamed_pdf"]
    files = stored_files()
    response = staff.post(
        reverse("agreement:remiss_create"),
        {**FIELDS, "document": make(), "document_title": "Planen"},
    )
    assert response.status_code == 200
    assert message in _text(response)
    assert not Remiss.objects.exists() and not RemissDocument.objects.exists()
    assert not HistoryEntry.objects.exists()
    assert stored_files() == files


def test_a_change_sent_with_a_program_as_its_document_is_not_saved(staff, draft_remiss):
    make, _code, message = BAD["exe_renamed_pdf"]
    history = HistoryEntry.objects.count()
    response = staff.post(
        reverse("agreement:remiss_update", kwargs={"uuid": draft_remiss.uuid}),
        {**FIELDS, "title": "Ändrad titel", "document": make()},
    )
    assert response.status_code == 200
    assert message in _text(response)
    assert Remiss.objects.get(pk=draft_remiss.pk).title == draft_remiss.title
    assert not draft_remiss.documents.exists()
    assert HistoryEntry.objects.count() == history
