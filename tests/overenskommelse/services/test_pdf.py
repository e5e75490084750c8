import pytest
from django.test import RequestFactory

from overenskommelse.platform import pdf
from tests.conftest import pdf_text


def test_pdf_has_municipality_and_page_numbers(settings):
    settings.MUNICIPALITY_NAME = "Exempelstads kommun"
    text = pdf_text(pdf.pdf_render("pdf/base.html", {}))
    assert "Exempelstads kommun" in text
    assert "Sida 1 (av 1)" in text


@pytest.mark.parametrize(
    "name",
    [
        'Upplands-Bro "Norra" kommun',
        "Stad's kommun – Väster",
        "Back\\slash </style><p>kommun</p> & <b>",
    ],
)
def test_the_footer_prints_a_name_with_a_hyphen_or_a_quote_as_it_is(settings, name):
    """The name reaches the footer's CSS string escaped for CSS, not with escapejs's
    JavaScript escapes (\\u002D), and cannot end the string or the <style>."""
    settings.MUNICIPALITY_NAME = name
    text = pdf_text(pdf.pdf_render("pdf/base.html", {}))
    footer = " ".join(text.split())
    assert name in footer
    assert "\\u00" not in text and "\\3c" not in text
    assert "Sida 1 (av 1)" in footer


def test_css_string_escapes_what_would_end_the_string_or_the_style():
    from overenskommelse.platform.templatetags.css import css_string_escape

    assert css_string_escape("Upplands-Bro åäö") == "Upplands-Bro åäö"
    assert css_string_escape('a" b') == "a\\22  b"  # the escape's own space, then the text's
    assert css_string_escape("a'b\\c") == "a\\27 b\\5c c"
    assert css_string_escape("</style>") == "\\3c /style\\3e "
    assert css_string_escape("rad\nrad") == "rad\\a rad"


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


def test_a_render_collects_garbage_less_often_and_puts_the_thresholds_back(monkeypatch):
    import gc

    seen = []
    real_html = pdf.HTML

    class Watching(real_html):
        def write_pdf(self, *args, **kwargs):
            seen.append(gc.get_threshold())
            return super().write_pdf(*args, **kwargs)

    monkeypatch.setattr(pdf, "HTML", Watching)
    before = gc.get_threshold()
    assert pdf_text(pdf.pdf_render("pdf/base.html", {})).strip()
    assert seen == [(pdf.fewer_collections.FIRST_THRESHOLD, *before[1:])]
    assert gc.get_threshold() == before


def test_the_thresholds_come_back_after_a_failed_render_and_overlapping_renders(monkeypatch):
    import gc
    import threading

    before = gc.get_threshold()

    class Broken:
        def __init__(self, **kwargs):
            pass

        def write_pdf(self, **kwargs):
            raise RuntimeError("WeasyPrint failed")

    monkeypatch.setattr(pdf, "HTML", Broken)
    with pytest.raises(pdf.PDFRenderError):
        pdf.pdf_render("pdf/base.html", {})
    assert gc.get_threshold() == before

    # Two renders in two threads, the first finishing while the second still runs.
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    during_second = []

    def first():
        with pdf.fewer_collections:
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second():
        first_in.wait(5)
        with pdf.fewer_collections:
            second_in.set()
            first_out.wait(5)
            during_second.append(gc.get_threshold()[0])

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert during_second == [pdf.fewer_collections.FIRST_THRESHOLD]
    assert gc.get_threshold() == before
