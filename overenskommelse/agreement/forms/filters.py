"""Filters (django-filter) for the public register and the staff queue."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from overenskommelse.agreement.models import ActivityField, AffiliationApplication, Organisation
from overenskommelse.platform.forms.widgets import FastSelectFilterSet


def _current_areas(request):
    from overenskommelse.agreement.selectors.agreement import current_areas

    return current_areas()


class RegisterFilter(FastSelectFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    legal_form = django_filters.ChoiceFilter(
        label=_("Legal form"), choices=Organisation.LegalForm.choices, empty_label=_("All")
    )
    field = django_filters.ChoiceFilter(
        label=_("Field of activity"),
        field_name="activities__field",
        choices=ActivityField.choices,
        empty_label=_("All"),
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Priority area"),
        field_name="priority_areas",
        queryset=_current_areas,
        empty_label=_("All"),
    )
    umbrella = django_filters.ChoiceFilter(
        label=_("Umbrella organisation"),
        choices=[c for c in Organisation.Umbrella.choices if c[0]],
        empty_label=_("All"),
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))


class ApplicationFilter(FastSelectFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            c
            for c in AffiliationApplication.Status.choices
            if c[0] != AffiliationApplication.Status.DRAFT
        ],
        empty_label=_("All"),
    )
    submitted_from = django_filters.DateFilter(
        label=_("Submitted from"),
        field_name="submitted_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    submitted_to = django_filters.DateFilter(
        label=_("Submitted up to"),
        field_name="submitted_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    legal_form = django_filters.ChoiceFilter(
        label=_("Legal form"),
        field_name="organisation__legal_form",
        choices=Organisation.LegalForm.choices,
        empty_label=_("All"),
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Priority area"),
        field_name="organisation__priority_areas",
        queryset=_current_areas,
        empty_label=_("All"),
    )

    class Meta:
        model = AffiliationApplication
        fields: list[str] = []
