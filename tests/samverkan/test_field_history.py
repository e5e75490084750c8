"""An initiative's field-level history (django-pghistory): a stage move through its
page is recorded by the database with the handläggare and the URL that made it."""

import pytest
from django.urls import reverse

from samverkan.pipeline.models import Initiative

pytestmark = pytest.mark.django_db


def test_a_transition_through_its_page_is_recorded_with_the_handlaggare(
    client, handlaggare, no_staff_mfa, ready
):
    client.force_login(handlaggare)
    url = reverse("pipeline:transition", kwargs={"uuid": ready.uuid})
    response = client.post(url, {"name": "start"})
    assert response.status_code == 302
    stages = [
        (e.pgh_label, e.stage)
        for e in Initiative.objects.get(pk=ready.pk).field_history.order_by("pgh_id")
    ]
    assert stages[-1] == ("update", "genomforande")
    last = ready.field_history.order_by("pgh_id").last()
    assert last.pgh_context.metadata == {"user": handlaggare.pk, "url": url}
