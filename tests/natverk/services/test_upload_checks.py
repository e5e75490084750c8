"""natverk's meeting documents are checked in the service: called with no form in
front, a file over the limit or a program renamed .pdf is refused with the Swedish
message, and neither a row nor a file is stored."""

import pytest

from natverk.models import MeetingDocument
from natverk.services import meetings
from overenskommelse.platform.models import HistoryEntry
from tests.bad_uploads import BAD, LIMIT, OVERENSKOMMELSE_APPS, assert_refused

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_upload_limit(settings):
    settings.PORTAL_UPLOAD_MAX_BYTES = LIMIT


@pytest.mark.parametrize("kind", sorted(BAD))
def test_meeting_document_add_refuses_a_bad_file(kind, meeting_factory, handlaggare):
    meeting = meeting_factory()
    assert_refused(
        lambda upload: meetings.meeting_document_add(
            meeting=meeting, actor=handlaggare, title="Dagordning", upload=upload
        ),
        kind,
        app_labels=(*OVERENSKOMMELSE_APPS, "natverk"),
    )
    assert not MeetingDocument.objects.exists() and not HistoryEntry.objects.exists()
