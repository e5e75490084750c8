"""Operators see initiatives in the admin, read-only where the pipeline rules."""

from django.urls import reverse


def test_initiative_admin_lists_and_opens_without_deleting(client, admin_user, ready, no_staff_mfa):
    client.force_login(admin_user)
    changelist = client.get(reverse("admin:pipeline_initiative_changelist"))
    assert changelist.status_code == 200
    assert ready.title in changelist.content.decode()
    change = client.get(reverse("admin:pipeline_initiative_change", args=[ready.pk]))
    assert change.status_code == 200
    page = change.content.decode()
    assert 'name="stage"' not in page, "the stage changes only through the pipeline"
    delete = client.get(reverse("admin:pipeline_initiative_delete", args=[ready.pk]))
    assert delete.status_code == 403


def test_staff_without_admin_rights_cannot_open_it(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    response = client.get(reverse("admin:pipeline_initiative_changelist"))
    assert response.status_code == 302


def test_a_group_meeting_with_its_documents_opens_in_the_admin(client, admin_user, no_staff_mfa):
    import datetime

    from samverkan.group.services import group

    meeting = group.meeting_create(
        actor=admin_user,
        title="Vårmöte",
        date=datetime.date(2027, 3, 16),
        start_time=datetime.time(13),
        place="Stadshuset",
    )
    client.force_login(admin_user)
    change = client.get(reverse("admin:samverkansgruppen_groupmeeting_change", args=[meeting.pk]))
    assert change.status_code == 200
