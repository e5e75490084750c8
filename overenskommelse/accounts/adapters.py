from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.translation import gettext

from overenskommelse.platform.services.mail import mail_enqueue


@dataclass(frozen=True)
class PortalSite:
    """What allauth's mail templates call `current_site`: the portal, not django.contrib.sites."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    """Account mail (verification, password reset) goes through the outbox too."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = getattr(self, "request", None)
        context = {
            **context,
            "current_site": PortalSite(
                name=gettext("The Agreement, %(municipality)s")
                % {"municipality": settings.MUNICIPALITY_NAME},
                domain=request.get_host() if request is not None else "",
            ),
        }
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        mail_enqueue(to=message.to, subject=message.subject, body_text=message.body, body_html=html)


def record_totp_activation(sender, request, user, authenticator, **kwargs) -> None:
    """Activating TOTP means entering a valid code: this session has passed the second
    factor, so the staff MFA demand (overenskommelse/platform/middleware.py) is met at once."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator

    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True
        )
