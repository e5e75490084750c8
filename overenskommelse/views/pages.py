from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from overenskommelse import mailbox
from overenskommelse.models import Organisation
from overenskommelse.predicates import roles_of
from overenskommelse.selectors import agreement as selectors
from overenskommelse.selectors import organisations as organisation_selectors
from overenskommelse.selectors.remiss import remisser_for_user


class HomeView(TemplateView):
    template_name = "overenskommelse/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            agreement=selectors.home_agreement(),
            plan=selectors.home_plan(),
            **kwargs,
        )


class ContactPathsView(TemplateView):
    template_name = "overenskommelse/contact_paths.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(bodies=selectors.contact_paths_list(), **kwargs)


class MyPagesView(LoginRequiredMixin, TemplateView):
    template_name = "overenskommelse/my_pages.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            roles=roles_of(user),
            organisations=organisation_selectors.organisations_of_user(user=user),
            representation_requests=organisation_selectors.representation_requests_of_user(
                user=user
            ),
            my_remisser=remisser_for_user(user=user, now=timezone.now()),
            **kwargs,
        )


class StaffOverviewView(PermissionRequiredMixin, TemplateView):
    permission_required = "overenskommelse.view_staff_overview"
    template_name = "overenskommelse/staff_overview.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            outbox=selectors.outbox_counts(),
            bodies_missing_contact=selectors.bodies_missing_contact(),
            organisation_counts=Organisation.objects.aggregate(total=Count("pk")),
            **kwargs,
        )


class MailboxMixin:
    """Development only: 404 unless PORTAL_SHOW_MAILBOX is on."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.PORTAL_SHOW_MAILBOX:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class MailboxListView(MailboxMixin, TemplateView):
    template_name = "overenskommelse/mailbox_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(mails=mailbox.mailbox_list(), **kwargs)


class MailboxDetailView(MailboxMixin, TemplateView):
    template_name = "overenskommelse/mailbox_detail.html"

    def get_context_data(self, **kwargs):
        mail = mailbox.mailbox_get(self.kwargs["name"])
        if mail is None:
            raise Http404
        return super().get_context_data(mail=mail, **kwargs)


def csrf_failure(request, reason: str = ""):
    """The form had no valid CSRF token: explain it in the user's language."""
    return render(request, "403_csrf.html", status=403)
