import pytest
from django.test import RequestFactory

from overenskommelse import pdf
from tests.conftest import pdf_text


def test_pdf_has_municipality_and_page_numbers(settings):
    settings.MUNICIPALITY_NAME = "Exempelstads kommun"
    text = pdf_text(pdf.pdf_render("pdf/base.html", {}))
    assert "Exempelstads kommun" in text
    assert "Sida 1 (av 1)" in text


def test_pdf_never_fetches_from_the_network():
    fetcher = pdf.StaticOnlyFetcher()
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch("http://127.0.0.1:9/tracker.png")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    response = fetcher.fetch("static:favicon.svg")
    assert b"<svg" in response.read()


@pytest.mark.django_db
def test_failed_render_gives_a_clear_page_not_a_500(monkeypatch):
    def broken(*args, **kwargs):
        raise pdf.PDFRenderError("boom")

    monkeypatch.setattr(pdf, "pdf_render", broken)
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = pdf.pdf_response(request, template="pdf/base.html", context={}, filename="x")
    assert response.status_code == 503
    assert "Dokumentet kunde inte skapas" in response.content.decode()


def test_pdf_response_is_a_named_pdf():
    request = RequestFactory().get("/")
    response = pdf.pdf_response(
        request, template="pdf/base.html", context={}, filename="Protokollsutdrag § 16.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="protokollsutdrag-16.pdf"'
    assert response.content.startswith(b"%PDF-")
