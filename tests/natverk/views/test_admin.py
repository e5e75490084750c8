"""A network meeting with its documents opens in the admin (the documents' content
type shown, not edited)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_network_meeting_with_its_documents_opens_in_the_admin(
    client, admin_user, no_staff_mfa, meeting_factory
):
    meeting = meeting_factory()
    client.force_login(admin_user)
    change = client.get(reverse("admin:natverk_networkmeeting_change", args=[meeting.pk]))
    assert change.status_code == 200
