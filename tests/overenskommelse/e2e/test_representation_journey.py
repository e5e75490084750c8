"""Who speaks for an association, in real Chromium: a registrant is pending, prepares
the application but cannot send it, is confirmed by an existing representative (not by
another organisation's), sends; then hands over to a successor, who accepts."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from overenskommelse.agreement.models import Organisation, Representation
from overenskommelse.platform.selectors.history import history_for
from tests.factories import OrganisationFactory, RepresentationFactory, UserFactory

from .test_affiliation_journey import log_in, log_out, protocol_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MEETING = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()


def test_pending_registrant_prepares_is_confirmed_sends_and_hands_over(
    live_server, page, no_staff_mfa
):
    registrant = UserFactory(email="kassor@schack.example.se")
    confirmed = UserFactory(email="ordforande@schack.example.se")
    outsider = UserFactory(email="annan@forening.example.se")
    RepresentationFactory(user=outsider, organisation=OrganisationFactory(name="Annan förening"))
    successor = UserFactory(email="ny.kassor@schack.example.se")

    # 1. Register: pending, may prepare.
    log_in(page, live_server, registrant.email)
    page.get_by_role("link", name="Registrera en organisation").click()
    page.locator("#id_name").fill("Lunds Schackklubb")
    page.locator("#id_organisation_number").fill("8020000009")
    page.locator("input[name=legal_form][value=ideell_forening]").check()
    page.get_by_role("button", name="Registrera organisationen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lunds Schackklubb")
    expect(page.locator("#pending-representative")).to_contain_text("inte bekräftad företrädare")
    expect(page.locator("#nobody-speaks")).to_be_visible()
    organisation = Organisation.objects.get(name="Lunds Schackklubb")
    # An existing representative (as the board decision would name them).
    Representation.objects.create(user=confirmed, organisation=organisation, status="bekraftad")

    # 2. Prepare the application: it can be saved, not sent.
    page.get_by_role("link", name="Ansök om anslutning").click()
    expect(page.locator("#pending-note")).to_contain_text("inte skicka in den")
    expect(page.get_by_role("button", name="Skicka ansökan")).to_have_count(0)
    page.locator("#id_meeting_date").fill(MEETING)
    page.locator("#id_paragraph").fill("4")
    page.locator("#id_conditions_confirmed").check()
    page.get_by_role("button", name="Spara som utkast").click()
    expect(page.locator("main")).to_contain_text("Utkastet är sparat")
    # A hand-made POST to send is refused with the guard's reason.
    page.goto(f"{live_server.url}/organisationer/{organisation.slug}/anslutning/")
    page.evaluate(
        """() => { const f = document.querySelector('main form[enctype]');
        const b = document.createElement('button'); b.name = 'action'; b.value = 'submit';
        b.id = 'forced'; f.appendChild(b); }"""
    )
    page.locator("#id_protocol").set_input_files(protocol_file())
    page.locator("#forced").click()
    expect(page.locator("main")).to_contain_text("Du kan skicka in när du är bekräftad företrädare")
    log_out(page)

    # 3. Another organisation's representative cannot see or confirm.
    log_in(page, live_server, outsider.email)
    page_url = f"{live_server.url}/organisationer/{organisation.slug}/"
    assert page.request.get(page_url).status == 403
    assert page.request.get(page_url + "anslutning/").status == 403
    log_out(page)

    # 4. The existing representative confirms the registrant.
    log_in(page, live_server, confirmed.email)
    page.goto(f"{live_server.url}/organisationer/{organisation.slug}/")
    page.get_by_role("button", name="Bekräfta förfrågan").click()
    expect(page.locator("main")).to_contain_text(f"{registrant.email} är nu företrädare")
    log_out(page)

    # 5. Now the registrant sends.
    log_in(page, live_server, registrant.email)
    page.goto(f"{live_server.url}/organisationer/{organisation.slug}/anslutning/")
    expect(page.locator("#pending-note")).to_have_count(0)
    page.locator("#id_protocol").set_input_files(protocol_file())
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.locator(".status")).to_contain_text("Inskickad")

    # 6. After the årsmöte the treasurer hands over to the successor.
    page.goto(f"{live_server.url}/organisationer/{organisation.slug}/")
    page.get_by_role("link", name="Lämna över till en efterträdare").click()
    page.get_by_label("Efterträdarens e-postadress").fill(successor.email)
    page.get_by_role("button", name="Utse efterträdaren").click()
    expect(page.locator("main")).to_contain_text("är utsedd till din efterträdare")
    log_out(page)
    log_in(page, live_server, successor.email)
    page.get_by_role("button", name="Godta överlämningen").click()
    expect(page.locator("main")).to_contain_text("Du företräder nu Lunds Schackklubb")
    log_out(page)

    assert set(
        organisation.representations.filter(status="bekraftad").values_list(
            "user__email", flat=True
        )
    ) == {confirmed.email, successor.email}
    actions = [e.action for e in history_for(subject=organisation).order_by("pk")]
    assert actions[-3:] == [
        "representation_handover_offered",
        "representation_handover_accepted",
        "representation_ended",
    ]
    assert "representation_confirmed" in actions
    assert re.search("kassor", " ".join(e.message for e in history_for(subject=organisation)))
