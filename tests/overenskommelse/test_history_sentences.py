"""History rows read as Swedish sentences: choices' labels, never the codes."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from overenskommelse.agreement.models import AffiliationApplication
from overenskommelse.platform.history_text import change_sentences
from overenskommelse.platform.selectors.history import history_for
from overenskommelse.platform.services.history import history_record
from tests.factories import AffiliationApplicationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _sentences(subject, changes):
    entry = history_record(subject=subject, action="submit", changes=changes)
    with translation.override("sv"):
        return change_sentences(entry)


def test_a_status_move_names_the_choices_labels():
    application = AffiliationApplicationFactory()
    assert _sentences(application, {"status": ["utkast", "inskickad"]}) == [
        "Status ändrades från Utkast till Inskickad."
    ]


def test_a_value_set_a_collection_grown_and_a_flag():
    organisation = OrganisationFactory()
    assert _sentences(organisation, {"name": [None, "Föreningen Ny"]}) == [
        "Namn sattes till Föreningen Ny."
    ]
    assert _sentences(organisation, {"documents": [None, "Stadgar"]}) == [
        "Dokument: Stadgar lades till."
    ]
    assert _sentences(organisation, {"representatives": ["Anna", None]}) == [
        "Företrädare: Anna togs bort."
    ]


def test_dates_and_code_words_are_written_out():
    application = AffiliationApplicationFactory()
    (uploaded,) = _sentences(application, {"protocol": [None, "uploaded"]})
    assert uploaded.endswith("sattes till uppladdat.")
    (ended,) = _sentences(OrganisationFactory(), {"ended_on": [None, "2025-03-01"]})
    assert ended.endswith("sattes till 1 mars 2025.")
    (public,) = _sentences(application, {"is_public": [False, True]})
    assert public.endswith("ändrades från nej till ja.")


def test_the_history_partial_has_no_arrows_or_codes():
    application = AffiliationApplicationFactory()
    history_record(
        subject=application,
        action="submit",
        changes={"status": [AffiliationApplication.Status.DRAFT, "inskickad"]},
    )
    with translation.override("sv"):
        html = render_to_string(
            "platform/_history.html", {"entries": history_for(subject=application), "caption": "H"}
        )
    assert "Ansökan skickad" in html
    assert "Status ändrades från Utkast till Inskickad." in html
    assert "→" not in html and "inskickad" not in html and "utkast" not in html
