"""Protocol pages: staff record decisions; a public § has a public extract, others not."""

import datetime
import re

import pytest
from django.urls import reverse

from overenskommelse.demo.load.foundation import demo_data_load
from overenskommelse.demo.load.protocols import protocols_demo_load
from overenskommelse.protocols.models import Paragraph, ProtocolMeeting
from overenskommelse.protocols.services import protocols as services
from tests.conftest import pdf_text, response_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    return client


@pytest.fixture
def meeting(handlaggare):
    meeting = services.protocol_meeting_create(
        actor=handlaggare, organ_name="Kommunstyrelsen", date=datetime.date(2026, 11, 4)
    )
    services.protocol_members_add(
        meeting=meeting, actor=handlaggare, text="Anna Ek (S)\nDan Ek (V) / frånvarande"
    )
    return meeting


def _paragraph(meeting, handlaggare, number=1, is_public=False):
    return services.paragraph_create(
        meeting=meeting,
        actor=handlaggare,
        number=number,
        title=f"Ärende {number}",
        clauses=["att bifalla"],
        is_public=is_public,
    )


def test_public_extract_is_open_to_all_and_a_non_public_one_is_refused(
    client, rep_a, meeting, handlaggare
):
    public = _paragraph(meeting, handlaggare, 1, is_public=True)
    private = _paragraph(meeting, handlaggare, 2)
    for name in ("protocols:paragraph", "protocols:paragraph_pdf"):
        assert client.get(reverse(name, kwargs={"uuid": public.uuid})).status_code == 200
        response = client.get(reverse(name, kwargs={"uuid": private.uuid}))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    listing = client.get(reverse("protocols:protocols")).content.decode()
    assert "Ärende 1" in listing and "Ärende 2" not in listing
    client.force_login(rep_a)
    assert (
        client.get(reverse("protocols:paragraph_pdf", kwargs={"uuid": private.uuid})).status_code
        == 403
    )


def test_staff_see_the_16_extract_page_with_both_roll_calls(staff_client):
    demo_data_load()
    protocols_demo_load()
    paragraph = Paragraph.objects.get(number=16)
    page = staff_client.get(reverse("protocols:paragraph", kwargs={"uuid": paragraph.uuid}))
    text = re.sub(r"\s+", " ", page.content.decode())
    assert "Protokollsutdrag" in text and "Dnr KS 2016/0688" in text
    assert "Med 28 ja-röster mot 6 nej-röster och 31 som avstår" in text
    assert "Med 32 ja-röster mot 27 nej-röster och 6 som avstår" in text
    assert "Utdragsbestyrkande" in text
    pdf = staff_client.get(
        reverse("protocols:paragraph_pdf", kwargs={"uuid": paragraph.uuid}) + "?download=1"
    )
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert "Summa" in pdf_text(response_bytes(pdf))


def test_staff_record_a_meeting_and_bad_input_shows_swedish_messages(staff_client):
    url = reverse("protocols:protocol_meeting_create")
    response = staff_client.post(
        url, {"date": "2026-11-04", "start_time": "15:00", "end_time": "13:00"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Välj ett organ eller skriv dess namn." in content
    response = staff_client.post(
        url,
        {
            "date": "2026-11-04",
            "organ_name": "Samverkansgruppen",
            "start_time": "15:00",
            "end_time": "13:00",
        },
    )
    assert "Sammanträdet kan inte sluta innan det börjar." in response.content.decode()
    response = staff_client.post(url, {"date": "2026-11-04", "organ_name": "Samverkansgruppen"})
    meeting = ProtocolMeeting.objects.get(organ_name="Samverkansgruppen")
    assert response.status_code == 302
    assert meeting.municipality_name == "Lunds kommun"


def test_a_used_number_and_a_bad_roll_call_are_refused_on_the_page(
    staff_client, meeting, handlaggare
):
    paragraph = _paragraph(meeting, handlaggare, 5)
    response = staff_client.post(
        reverse("protocols:paragraph_create", kwargs={"uuid": meeting.uuid}),
        {"number": "5", "title": "Igen", "clauses": "att x"},
    )
    assert response.status_code == 200
    assert "§ 5 finns redan i detta sammanträde." in response.content.decode()

    members = {m.name: m for m in meeting.members.all()}
    url = reverse("protocols:division_create", kwargs={"uuid": paragraph.uuid})
    data = {"yes_means": "bifall", "no_means": "avslag", f"member_{members['Anna Ek'].pk}": "ja"}
    response = staff_client.post(url, {**data, f"member_{members['Dan Ek'].pk}": "nej"})
    assert response.status_code == 200
    assert "Dan Ek (V) var inte närvarande" in response.content.decode()
    assert not paragraph.divisions.exists()
    response = staff_client.post(url, {**data, f"member_{members['Dan Ek'].pk}": "franvarande"})
    assert response.status_code == 302
    assert paragraph.divisions.get().ballots.count() == 2


def test_staff_publish_and_unpublish_an_extract(staff_client, client, meeting, handlaggare):
    paragraph = _paragraph(meeting, handlaggare)
    url = reverse("protocols:paragraph_publish", kwargs={"uuid": paragraph.uuid})
    staff_client.post(url, {"is_public": "1"})
    paragraph.refresh_from_db()
    assert paragraph.is_public


@pytest.mark.parametrize("rows", [1, 12])
def test_protocol_list_queries_do_not_grow_with_rows(
    staff_client, handlaggare, django_assert_max_num_queries, rows
):
    for number in range(rows):
        meeting = services.protocol_meeting_create(
            actor=handlaggare, organ_name=f"Organ {number}", date=datetime.date(2026, 1, 1)
        )
        _paragraph(meeting, handlaggare, 1, is_public=True)
    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("protocols:protocols"))
    assert response.content.decode().count("Ärende 1") == rows


@pytest.mark.parametrize("posted", [{}, {"is_public": ""}, {"is_public": "nej"}])
def test_an_extract_is_taken_back_only_when_asked_to(staff_client, meeting, handlaggare, posted):
    from django.contrib.messages import get_messages

    paragraph = _paragraph(meeting, handlaggare, is_public=True)
    url = reverse("protocols:paragraph_publish", kwargs={"uuid": paragraph.uuid})
    response = staff_client.post(url, posted)
    assert response.status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.is_public
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Välj om utdraget ska vara offentligt eller bara för personalen."
    ]


def test_the_extract_pdf_is_made_once_and_again_only_when_it_changes(
    client, meeting, handlaggare, django_capture_on_commit_callbacks
):
    from unittest import mock

    from overenskommelse.platform.services import documents
    from overenskommelse.protocols.models import ParagraphPdf

    paragraph = _paragraph(meeting, handlaggare, 1, is_public=True)
    url = reverse("protocols:paragraph_pdf", kwargs={"uuid": paragraph.uuid})
    with mock.patch.object(documents, "pdf_from_html", wraps=documents.pdf_from_html) as render:
        first = response_bytes(client.get(url))
        second = response_bytes(client.get(url))
        assert render.call_count == 1  # the second reader got the stored file
        assert first == second and "Ärende 1" in pdf_text(first)
        old = ParagraphPdf.objects.get(paragraph=paragraph)
        Paragraph.objects.filter(pk=paragraph.pk).update(title="Ärende ett")
        with django_capture_on_commit_callbacks(execute=True):
            third = response_bytes(client.get(url))
        assert render.call_count == 2
    assert "Ärende ett" in pdf_text(third)
    assert not old.file.storage.exists(old.file.name)  # the old file is removed


def test_a_failed_extract_render_is_a_clear_page_and_stores_nothing(client, meeting, handlaggare):
    from unittest import mock

    from overenskommelse.platform.pdf import PDFRenderError
    from overenskommelse.platform.services import documents
    from overenskommelse.protocols.models import ParagraphPdf

    paragraph = _paragraph(meeting, handlaggare, 1, is_public=True)
    url = reverse("protocols:paragraph_pdf", kwargs={"uuid": paragraph.uuid})
    with mock.patch.object(documents, "pdf_from_html", side_effect=PDFRenderError("boom")):
        response = client.get(url)
    assert response.status_code == 503
    assert "Dokumentet kunde inte skapas" in response.content.decode()
    assert not ParagraphPdf.objects.get(paragraph=paragraph).file
