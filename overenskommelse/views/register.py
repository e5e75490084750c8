"""The public register of affiliated organisations and its open data (CSV, JSON)."""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from overenskommelse.csv_export import csv_response
from overenskommelse.forms.filters import RegisterFilter
from overenskommelse.selectors.organisations import initiatives_public_for
from overenskommelse.selectors.register import (
    EXPORT_COLUMNS,
    register_export_rows,
    register_page_rows,
    register_public_get,
    register_public_list,
    umbrella_label,
)


class RegisterFilterMixin:
    def filtered(self):
        queryset = register_public_list()
        self.filterset = RegisterFilter(self.request.GET, queryset=queryset, request=self.request)
        return self.filterset.qs if self.filterset.is_valid() else queryset.none()


class RegisterListView(RegisterFilterMixin, ListView):
    template_name = "overenskommelse/register/list.html"
    context_object_name = "organisations"
    paginate_by = 25

    def get_queryset(self):
        return self.filtered()

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        context = super().get_context_data(filter=self.filterset, query=query.urlencode(), **kwargs)
        context["cards"] = register_page_rows(context["page_obj"].object_list)
        # Unfiltered, the paginator has already counted the whole register.
        searched = any(value for value in query.values())
        context["total"] = (
            register_public_list().count() if searched else context["paginator"].count
        )
        return context


class RegisterDetailView(TemplateView):
    template_name = "overenskommelse/register/detail.html"

    def get_context_data(self, **kwargs):
        organisation = register_public_get(slug=self.kwargs["slug"])
        if organisation is None:
            raise Http404
        initiatives = initiatives_public_for(organisation=organisation)
        return super().get_context_data(
            organisation=organisation,
            umbrella=umbrella_label(organisation),
            initiatives=initiatives["ongoing"],
            finished_initiatives=initiatives["finished"],
            **kwargs,
        )


def _export_name(ext: str) -> str:
    return f"foreningsregistret-{timezone.localdate():%Y-%m-%d}.{ext}"


class RegisterCsvView(RegisterFilterMixin, View):
    def get(self, request, *args, **kwargs):
        rows = register_export_rows(self.filtered(), base_url=settings.PORTAL_BASE_URL)
        headers = {
            "name": _("Name"),
            "legal_form": _("Legal form"),
            "fields_of_activity": _("Fields of activity"),
            "umbrella": _("Umbrella organisation"),
            "priority_areas": _("Priority areas"),
            "description": _("Description"),
            "email": _("E-mail"),
            "website": _("Web site"),
            "affiliated_from": _("Affiliated from"),
            "url": _("Page in the register"),
        }
        lines = (
            ["; ".join(v) if isinstance(v, list) else v for v in (row[c] for c in EXPORT_COLUMNS)]
            for row in rows
        )
        return csv_response(
            [[headers[c] for c in EXPORT_COLUMNS], *lines], filename=_export_name("csv")
        )


class RegisterJsonView(RegisterFilterMixin, View):
    def get(self, request, *args, **kwargs):
        rows = register_export_rows(self.filtered(), base_url=settings.PORTAL_BASE_URL)
        response = JsonResponse(
            {
                "municipality": settings.MUNICIPALITY_NAME,
                "generated": timezone.now().isoformat(timespec="seconds"),
                "count": len(rows),
                "organisations": rows,
            },
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
        response["Content-Disposition"] = f'inline; filename="{_export_name("json")}"'
        return response
