"""Forms and the staff list's filter (django-filter)."""

import uuid
from typing import cast

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overenskommelse.accounts.models import MunicipalBody, Role, RoleAssignment, User
from overenskommelse.agreement.models import Organisation, PriorityArea
from overenskommelse.agreement.selectors.agreement import current_areas
from overenskommelse.platform.forms.fields import LongTextField, NameField
from overenskommelse.platform.forms.widgets import FastSelectFilterSet, use_fast_selects
from samverkan.pipeline.models import (
    PIPELINE,
    ContinueChoice,
    Form,
    Initiative,
    InitiativeParty,
    Stage,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProposalForm(forms.Form):
    title = NameField(label=_("Title"), max_length=200)
    need = LongTextField(label=_("The need it meets"), widget=forms.Textarea(attrs={"rows": 4}))
    areas: "forms.ModelMultipleChoiceField[PriorityArea]" = forms.ModelMultipleChoiceField(
        label=_("Priority areas"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The priority areas of the current action plan it belongs to."),
    )
    proposed_parties = LongTextField(
        label=_("Proposed parties"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Organisations and förvaltningar you would like to work with."),
    )
    proposed_form = forms.ChoiceField(
        label=_("The form it might take"), choices=Form.choices, required=False
    )
    on_behalf_of = forms.ChoiceField(label=_("Proposed on behalf of"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = current_areas()
        choices = [
            (f"org-{o.pk}", o.name)
            for o in Organisation.objects.filter(pk__in=user.represented_organisation_ids)
        ]
        body_ids = [b for r, b in user.role_keys if r == Role.FORVALTNINGSKONTAKT and b]
        choices += [(f"body-{b.pk}", b.name) for b in MunicipalBody.objects.filter(pk__in=body_ids)]
        if not choices:
            choices = [("", _("Kommunkontoret"))]
        self.fields["on_behalf_of"].choices = choices
        self.fields["on_behalf_of"].required = bool(choices[0][0])

    def clean(self):
        data = super().clean()
        value = data.get("on_behalf_of") or ""
        data["proposing_organisation"] = data["proposing_body"] = None
        if value.startswith("org-"):
            data["proposing_organisation"] = Organisation.objects.get(pk=value[4:])
        elif value.startswith("body-"):
            data["proposing_body"] = MunicipalBody.objects.get(pk=value[5:])
        return data


class TransitionForm(forms.Form):
    name = forms.ChoiceField(label=_("Action to take"))
    handlaggare = forms.ModelChoiceField(
        label=_("Case officer"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Who is responsible, when accepting a proposal."),
    )
    comment = LongTextField(
        label=_("Comment or reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when declining, asking for more, going back, pausing or cancelling."),
    )

    def __init__(self, *args, transitions, show_handlaggare: bool, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["name"]).choices = [
            (t.name, t.label) for t in transitions
        ]
        if show_handlaggare:
            cast(forms.ModelChoiceField, self.fields["handlaggare"]).queryset = User.objects.filter(
                is_active=True, role_assignments__role=Role.HANDLAGGARE
            ).distinct()
        else:
            del self.fields["handlaggare"]


class DetailsForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = [
            "title",
            "need",
            "areas",
            "contact_persons",
            "planned_start",
            "planned_end",
            "form",
            "form_reference",
            "financing",
            "budget",
        ]
        field_classes = {
            "title": NameField,
            **dict.fromkeys(("need", "contact_persons", "financing"), LongTextField),
        }
        widgets = {
            "need": forms.Textarea(attrs={"rows": 4}),
            "contact_persons": forms.Textarea(attrs={"rows": 2}),
            "financing": forms.Textarea(attrs={"rows": 2}),
            "areas": forms.CheckboxSelectMultiple,
            "planned_start": DATE,
            "planned_end": DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = current_areas()


class InviteForm(forms.Form):
    """Invites one party: an organisation by its uuid or slug (posted by the invite button
    of a suggestion or a search result, so the page never lists them all) or a
    förvaltning from a select (they are few). Both are checked against `invitable`."""

    organisation = forms.CharField(
        label=_("Organisation"), required=False, widget=forms.HiddenInput
    )
    municipal_body = forms.ModelChoiceField(
        label=_("Förvaltning"), queryset=MunicipalBody.objects.none(), required=False
    )

    def __init__(self, *args, invitable: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = invitable["organisations"]
        cast(forms.ModelChoiceField, self.fields["municipal_body"]).queryset = invitable["bodies"]
        use_fast_selects(self)

    def clean_organisation(self) -> Organisation | None:
        value = self.cleaned_data["organisation"].strip()
        if not value:
            return None
        try:
            lookup = {"uuid": uuid.UUID(value)}
        except ValueError:
            lookup = {"slug": value}
        organisation = self.organisations.filter(**lookup).first()
        if organisation is None:
            raise forms.ValidationError(
                _(
                    "That organisation cannot be invited: it is not affiliated to the "
                    "Agreement or is already a party."
                ),
                code="not_invitable",
            )
        return organisation

    def clean(self):
        data = super().clean()
        if self.has_error("organisation"):
            return data
        if bool(data.get("organisation")) == bool(data.get("municipal_body")):
            raise forms.ValidationError(_("Choose an organisation or a förvaltning."))
        return data


class ResultsForm(forms.Form):
    results_text = LongTextField(label=_("Results"), widget=forms.Textarea(attrs={"rows": 5}))
    results_figures = LongTextField(
        label=_("Figures"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example participants, meetings, activities."),
    )
    spread_where = LongTextField(
        label=_("Where the results were spread"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EvaluationForm(forms.Form):
    party = forms.ChoiceField(label=_("On behalf of"), required=False)
    goal_fulfilment = LongTextField(
        label=_("Goal fulfilment"), widget=forms.Textarea(attrs={"rows": 3})
    )
    what_worked = LongTextField(
        label=_("What worked"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lessons = LongTextField(
        label=_("Lessons"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    should_continue = forms.ChoiceField(label=_("Continue?"), choices=ContinueChoice.choices)

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = {str(p.pk): p for p in parties}
        self.fields["party"].choices = [("", _("Kommunkontoret"))] + [
            (str(p.pk), p.name) for p in parties
        ]

    def clean_party(self):
        return self.parties.get(self.cleaned_data.get("party") or "")


class CommentForm(forms.Form):
    text = LongTextField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))


class DocumentForm(forms.Form):
    title = NameField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"))


def _years():
    this_year = timezone.localdate().year
    return [(y, str(y)) for y in range(this_year + 1, 2018, -1)]


class InitiativeFilter(FastSelectFilterSet):
    stage = django_filters.ChoiceFilter(
        label=_("Stage"),
        choices=[(s, Stage(s).label) for s in (*PIPELINE, Stage.DECLINED)],
        empty_label=_("All"),
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Priority area"),
        field_name="areas",
        queryset=lambda request: current_areas(),
        empty_label=_("All"),
    )
    form = django_filters.ChoiceFilter(
        label=_("Form"), choices=Form.choices[1:], empty_label=_("All")
    )
    forvaltning = django_filters.ModelChoiceFilter(
        label=_("Förvaltning"),
        field_name="parties__municipal_body",
        queryset=lambda request: (
            MunicipalBody.objects.forvaltningar().only("name").order_by("name")
        ),
        empty_label=_("All"),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        field_name="parties__organisation",
        queryset=lambda request: Organisation.objects.filter(
            Exists(InitiativeParty.objects.filter(organisation=OuterRef("pk")))
        ).only("name"),
        empty_label=_("All"),
    )
    handlaggare = django_filters.ModelChoiceFilter(
        label=_("Case officer"),
        queryset=lambda request: User.objects.filter(
            Exists(RoleAssignment.objects.filter(user=OuterRef("pk"), role=Role.HANDLAGGARE))
        ).only("first_name", "last_name", "email"),
        empty_label=_("All"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), choices=_years, method="filter_year", empty_label=_("All")
    )
    overdue = django_filters.BooleanFilter(
        label=_("Only overdue for evaluation"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Initiative
        fields: list[str] = []

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Q(planned_start__year__lte=int(value), planned_end__year__gte=int(value))
            | Q(planned_start__isnull=True, created_at__year=int(value))
        )

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.overdue(timezone.localdate())

    # A filter over parties or priority areas joins rows that can repeat an initiative.
    JOINING = ("area", "forvaltning", "organisation")

    @property
    def qs(self):
        queryset = super().qs
        if self.is_valid() and any(self.form.cleaned_data.get(name) for name in self.JOINING):
            return queryset.distinct()
        return queryset
