"""The public register of affiliated organisations and its open data (CSV, JSON)."""

from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views import View
from django.views.generic import ListView, TemplateView

from overenskommelse.agreement.forms.filters import RegisterFilter
from overenskommelse.agreement.selectors.organisations import initiatives_public_for
from overenskommelse.agreement.selectors.register import (
    register_export_bytes,
    register_page_rows,
    register_public_get,
    register_public_list,
    umbrella_label,
)
from overenskommelse.agreement.services import open_data
from overenskommelse.platform.csv_export import CSV_CONTENT_TYPE


class RegisterFilterMixin:
    def filtered(self):
        queryset = register_public_list()
        self.filterset = RegisterFilter(self.request.GET, queryset=queryset, request=self.request)
        return self.filterset.qs if self.filterset.is_valid() else queryset.none()


class RegisterListView(RegisterFilterMixin, ListView):
    template_name = "agreement/register/list.html"
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
    template_name = "agreement/register/detail.html"

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


class RegisterExportView(RegisterFilterMixin, View):
    """The open data: the whole register from its stored file while that is current,
    a filtered part (or the whole, until the worker has stored it) made here."""

    format: str
    content_type: str
    disposition: str

    def get(self, request, *args, **kwargs):
        organisations = self.filtered()
        if self.filterset.is_valid() and not any(self.filterset.form.cleaned_data.values()):
            stored = open_data.register_export_stored(format=self.format, language=get_language())
            if stored is not None:
                response: HttpResponse = FileResponse(
                    stored.file.open("rb"), content_type=self.content_type
                )
            else:
                open_data.register_export_request()
                response = HttpResponse(
                    register_export_bytes(self.format), content_type=self.content_type
                )
        else:
            response = HttpResponse(
                register_export_bytes(self.format, organisations), content_type=self.content_type
            )
        name = _export_name(self.format)
        response["Content-Disposition"] = f'{self.disposition}; filename="{name}"'
        return response


class RegisterCsvView(RegisterExportView):
    format = "csv"
    content_type = CSV_CONTENT_TYPE
    disposition = "attachment"


class RegisterJsonView(RegisterExportView):
    format = "json"
    content_type = "application/json"
    disposition = "inline"
