from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.utils import timezone
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from overenskommelse.accounts.predicates import roles_of
from overenskommelse.agreement.models import Organisation
from overenskommelse.agreement.selectors import agreement as selectors
from overenskommelse.agreement.selectors import organisations as organisation_selectors
from overenskommelse.agreement.selectors.accessibility import accessibility_feedback_counts
from overenskommelse.agreement.selectors.remiss import remisser_for_user


class HomeView(TemplateView):
    template_name = "agreement/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            agreement=selectors.home_agreement(),
            plan=selectors.home_plan(),
            **kwargs,
        )


class ContactPathsView(TemplateView):
    template_name = "agreement/contact_paths.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(bodies=selectors.contact_paths_list(), **kwargs)


class MyPagesView(LoginRequiredMixin, TemplateView):
    template_name = "agreement/my_pages.html"

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
    template_name = "agreement/staff_overview.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            outbox=selectors.outbox_counts(),
            bodies_missing_contact=selectors.bodies_missing_contact(),
            organisation_counts=Organisation.objects.aggregate(total=Count("pk")),
            accessibility_counts=accessibility_feedback_counts(),
            **kwargs,
        )
