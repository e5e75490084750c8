from allauth.account.adapter import DefaultAccountAdapter

from overenskommelse.services.mail import mail_enqueue


class AccountAdapter(DefaultAccountAdapter):
    """Account mail (verification, password reset) goes through the outbox too."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        mail_enqueue(to=message.to, subject=message.subject, body_text=message.body,
                     body_html=html)
