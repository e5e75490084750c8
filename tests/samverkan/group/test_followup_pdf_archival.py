"""The yearly follow-up's PDF, as the worker stores it, is tagged PDF/A-2a: its tables
have header scopes and its charts are figures whose /Alt says every figure they show
(tests/pdf_checks.py; the other kinds in tests/overenskommelse/services/test_pdf_archival.py)."""

import re

import pytest
from django.urls import reverse

from samverkan.group.models import FollowUpPdf
from samverkan.group.services import followup as followup_services
from samverkan.group.tasks import followup_pdf_render
from tests.conftest import pdf_text
from tests.pdf_checks import pdf_archival_structure

pytestmark = pytest.mark.django_db


def test_the_stored_followup_is_tagged_pdfa_with_its_charts_described(
    client, followup_data, handlaggare, no_staff_mfa
):
    followup = followup_services.followup_create(actor=handlaggare, year=2025)
    client.force_login(handlaggare)
    client.get(reverse("samverkansgruppen:followup_pdf", kwargs={"year": 2025}))
    assert followup_pdf_render(followup.pk) is True
    with FollowUpPdf.objects.get(followup=followup).file.open("rb") as stored:
        document = stored.read()

    structure = pdf_archival_structure(document, title="Uppföljning 2025")
    content = followup_services.followup_content(followup)
    areas = len(content["areas"])
    assert structure.tags["/H1"] == 1 and structure.tags["/H2"] >= 5
    # The totals, one table a priority area and the comparison with the year before.
    assert structure.tags["/Table"] >= areas + 2
    assert structure.header_scopes["/Row"] >= len(content["comparison"]) * 2
    assert structure.header_scopes["/Column"] >= 2 + 2 * areas + 4
    assert set(structure.header_scopes) == {"/Row", "/Column"}
    assert structure.cell_headers and all(len(h) >= 2 for h in structure.cell_headers)
    # Three charts, each a figure whose alternative text carries its figures.
    assert len(structure.figure_alts) == 3
    areas_alt, stages_alt, affiliated_alt = structure.figure_alts
    assert areas_alt.startswith("Initiativ per prioriterat område: 1. Inkludering: ")
    assert stages_alt.startswith("Initiativ per steg: Samverkansinitiativ: 1; Genomförande: 2; ")
    assert affiliated_alt == "Anslutna organisationer vid slutet av varje år: 2024: 1; 2025: 2"
    text = re.sub(r"\s+", " ", pdf_text(document))
    assert "Den årliga uppföljningen av handlingsplanen 2025" in text
    assert "1. Inkludering" in text
