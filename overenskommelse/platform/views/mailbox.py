"""The development mailbox: the mail the folder backend wrote, readable in the browser."""

from django.conf import settings
from django.http import Http404
from django.views.generic import TemplateView

from overenskommelse.platform import mailbox


class MailboxMixin:
    """Development only: 404 unless PORTAL_SHOW_MAILBOX is on."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.PORTAL_SHOW_MAILBOX:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class MailboxListView(MailboxMixin, TemplateView):
    template_name = "platform/mailbox_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(mails=mailbox.mailbox_list(), **kwargs)


class MailboxDetailView(MailboxMixin, TemplateView):
    template_name = "platform/mailbox_detail.html"

    def get_context_data(self, **kwargs):
        mail = mailbox.mailbox_get(self.kwargs["name"])
        if mail is None:
            raise Http404
        return super().get_context_data(mail=mail, **kwargs)
