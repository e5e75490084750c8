"""The register's stored open data: served while current, made in the request while
not, made again by the worker after every change to what the register shows."""

import datetime as dt
import json
import logging

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from overenskommelse.agreement.models import OrganisationActivity, PriorityArea, RegisterExport
from overenskommelse.agreement.services import open_data
from tests.factories import AffiliationFactory

pytestmark = pytest.mark.django_db

CSV_URL = "/foreningsregistret.csv"
JSON_URL = "/foreningsregistret.json"


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def register(db):
    return [
        AffiliationFactory(organisation__name="Ängens förening").organisation,
        AffiliationFactory(organisation__name="Berga IF").organisation,
    ]


def _render(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return open_data.register_export_render()


def test_the_urls_are_the_registers():
    assert reverse("agreement:register_csv") == CSV_URL
    assert reverse("agreement:register_json") == JSON_URL


def test_before_any_file_the_export_is_made_in_the_request_and_the_worker_asked(
    client, register, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.get(CSV_URL)
    assert not response.streaming  # made here
    assert "Berga IF" in response.content.decode()
    assert callbacks  # the worker was handed the render (eager in tests)
    # Tests run tasks eagerly: the files are stored now, two formats in two languages.
    exports = RegisterExport.objects.order_by("format", "language")
    assert [(e.format, e.language, e.is_current) for e in exports] == [
        ("csv", "en", True),
        ("csv", "sv", True),
        ("json", "en", True),
        ("json", "sv", True),
    ]


def test_a_current_file_is_served_with_the_same_bytes_as_the_request_would_make(
    client, register, django_capture_on_commit_callbacks
):
    made_here = client.get(CSV_URL)
    assert _render(django_capture_on_commit_callbacks) == 4
    assert _render(django_capture_on_commit_callbacks) == 0  # current: nothing to make
    stored = client.get(CSV_URL)
    assert stored.streaming  # the stored file
    body = _body(stored)
    assert body == made_here.content
    assert body.startswith("\ufeff".encode())
    assert stored["Content-Type"] == "text/csv; charset=utf-8"
    assert stored["Content-Disposition"] == made_here["Content-Disposition"]


def test_the_json_file_is_the_same_document_and_in_the_visitors_language(
    client, register, django_capture_on_commit_callbacks
):
    made_here = json.loads(client.get(JSON_URL).content)
    _render(django_capture_on_commit_callbacks)
    response = client.get(JSON_URL)
    assert response.streaming
    stored = json.loads(_body(response))
    assert stored["organisations"] == made_here["organisations"]
    assert stored["count"] == 2
    english = client.get(CSV_URL, HTTP_ACCEPT_LANGUAGE="en")
    swedish = client.get(CSV_URL, HTTP_ACCEPT_LANGUAGE="sv")
    assert _body(english).decode().splitlines()[0].startswith('\ufeff"Name"')
    assert _body(swedish).decode().splitlines()[0].startswith('\ufeff"Namn"')


@pytest.mark.parametrize(
    "change",
    ["rename", "withdraw", "new_affiliation", "activity", "area", "area_renamed", "service"],
)
def test_every_change_to_what_the_register_shows_makes_the_file_out_of_date(
    change, client, register, handlaggare, django_capture_on_commit_callbacks
):
    _render(django_capture_on_commit_callbacks)
    organisation = register[0]
    area = PriorityArea.objects.create(plan=_plan(), number=9, name="Trygghet", slug="trygghet")
    _render(django_capture_on_commit_callbacks)  # the new area alone changes nothing shown
    with django_capture_on_commit_callbacks(execute=False):
        if change == "rename":
            organisation.name = "Ängens nya förening"
            organisation.save()
            expected = "Ängens nya förening"
        elif change == "withdraw":
            affiliation = organisation.affiliations.get()
            affiliation.ended_on = timezone.localdate()
            affiliation.save()
            expected = None
        elif change == "new_affiliation":
            expected = AffiliationFactory(organisation__name="Cedergårdens PRO").organisation.name
        elif change == "activity":
            OrganisationActivity.objects.create(organisation=organisation, field="kultur")
            expected = "Kultur"
        elif change == "area":
            organisation.priority_areas.add(area)
            expected = "Trygghet"
        elif change == "area_renamed":
            organisation.priority_areas.add(area)
            area.name = "Trygghet och hälsa"
            area.save()
            expected = "Trygghet och hälsa"
        else:  # the service's own bulk write of the fields of activity
            from overenskommelse.agreement.services.organisations import _set_lists

            _set_lists(organisation, activities=["miljo"], priority_areas=[])
            expected = "Miljö"
    assert open_data.register_export_stored(format="csv", language="sv") is None
    response = client.get(CSV_URL)
    assert not response.streaming  # made in the request while the worker works
    text = response.content.decode()
    if expected is None:
        assert "Ängens förening" not in text
    else:
        assert expected in text
    _render(django_capture_on_commit_callbacks)
    again = client.get(CSV_URL)
    assert again.streaming
    assert _body(again) == response.content


def _plan():
    from overenskommelse.agreement.models import ActionPlan

    return ActionPlan.objects.create(title="Plan", slug="plan", start_year=2025, end_year=2028)


def test_a_filtered_export_is_always_made_in_the_request(
    client, register, django_capture_on_commit_callbacks
):
    _render(django_capture_on_commit_callbacks)
    response = client.get(CSV_URL, {"q": "Berga"})
    assert not response.streaming
    assert "Berga IF" in response.content.decode()
    assert "Ängens" not in response.content.decode()
    # An invalid filter gives an empty export, as the page gives no organisation.
    invalid = client.get(CSV_URL, {"legal_form": "nonsense"})
    assert invalid.content.decode().count("\n") == 1


def test_each_version_is_asked_for_once_and_again_after_the_retry_time(
    register, django_capture_on_commit_callbacks, monkeypatch
):
    asked = []
    monkeypatch.setattr(open_data, "_hand_to_worker", lambda: asked.append(1))
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert open_data.register_export_request(now=now) is True
        assert open_data.register_export_request(now=now) is False
    assert len(asked) == 1
    assert open_data.register_exports_request_due(now=now) is False
    later = now + open_data.REQUEST_RETRY + dt.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert open_data.register_exports_request_due(now=later) is True
    assert len(asked) == 2


def test_a_render_of_an_older_version_does_not_replace_a_newer_file(
    register, django_capture_on_commit_callbacks
):
    _render(django_capture_on_commit_callbacks)
    export = RegisterExport.objects.get(format="csv", language="sv")
    current_file = export.file.name
    with django_capture_on_commit_callbacks(execute=True):
        stored = open_data._store(export, export.rendered_version, b"old", now=timezone.now())
    assert stored is False
    export.refresh_from_db()
    assert export.file.name == current_file
    assert export.file.read() != b"old"


def test_the_old_file_is_removed_when_a_new_one_is_stored(
    register, django_capture_on_commit_callbacks
):
    _render(django_capture_on_commit_callbacks)
    export = RegisterExport.objects.get(format="csv", language="sv")
    storage, old = export.file.storage, export.file.name
    register[1].name = "Berga IF och vänner"
    register[1].save()
    _render(django_capture_on_commit_callbacks)
    export.refresh_from_db()
    assert export.file.name != old
    assert not storage.exists(old)
    assert "Berga IF och vänner" in export.file.read().decode()


def test_a_broker_outage_costs_the_visitor_nothing(
    client, register, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    from overenskommelse.agreement import tasks

    def down():
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.register_export_render, "delay", down)
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        response = client.get(CSV_URL)
    assert response.status_code == 200
    assert "Berga IF" in response.content.decode()
    assert "the register's open data waits" in caplog.text
    assert open_data.register_export_stored(format="csv", language="sv") is None


def test_a_render_makes_every_file_that_is_out_of_date_whatever_comes_first(
    register, django_capture_on_commit_callbacks
):
    _render(django_capture_on_commit_callbacks)
    # Only the English CSV is out of date (the first in order stays current).
    RegisterExport.objects.filter(format="csv", language="en").update(version=F("version") + 1)
    RegisterExport.objects.exclude(format="csv", language="en").update(
        version=F("rendered_version")
    )
    before = timezone.now()
    assert _render(django_capture_on_commit_callbacks) == 1
    english = RegisterExport.objects.get(format="csv", language="en")
    assert english.is_current
    assert english.generated_at is not None and english.generated_at >= before


def test_a_current_export_is_not_asked_for_again_after_the_retry_time(
    register, django_capture_on_commit_callbacks, monkeypatch
):
    _render(django_capture_on_commit_callbacks)
    asked = []
    monkeypatch.setattr(open_data, "_hand_to_worker", lambda: asked.append(1))
    later = timezone.now() + open_data.REQUEST_RETRY + dt.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert open_data.register_export_request(now=later) is False
    assert asked == []


def test_an_export_without_a_file_is_not_served(register):
    RegisterExport.objects.create(format="csv", language="sv", version=1, rendered_version=1)
    assert open_data.register_export_stored(format="csv", language="sv") is None
