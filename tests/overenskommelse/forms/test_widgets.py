"""FastSelect writes exactly the markup of Django's Select, through the portal's form
renderer, for every case a filter or form gives it."""

import pytest
from django import forms
from django.forms.renderers import get_default_renderer
from django.utils.safestring import mark_safe

from overenskommelse.platform.forms.widgets import FastSelect, use_fast_selects

CHOICES = [
    ("", "Alla"),
    (1, "Föreningen <Ängen> & co"),
    ("2", mark_safe("<b>säker</b>")),
    (None, "inget"),
    ('x"y', "citat"),
]


@pytest.mark.parametrize("value", [None, "", "1", 1, "2", 'x"y', "saknas", ["1", "2"]])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_f"}, {"id": "id_f", "required": True, "aria-invalid": "true"},
     {"disabled": False, "data-n": 'a"<b>', "autofocus": True}],
)  # fmt: skip
def test_the_markup_is_djangos_own(value, attrs):
    django_select = forms.Select(choices=CHOICES)
    fast = FastSelect(choices=CHOICES)
    renderer = get_default_renderer()
    expected = django_select.render("f", value, attrs=attrs, renderer=renderer)
    assert fast.render("f", value, attrs=attrs, renderer=renderer) == expected


def test_only_the_first_matching_option_is_selected():
    fast = FastSelect(choices=[("1", "a"), ("1", "b")])
    assert fast.render("f", "1").count(" selected") == 1


def test_grouped_choices_are_left_to_django():
    choices = [("Grupp", [("1", "a"), ("2", "b")]), ("3", "c")]
    expected = forms.Select(choices=choices).render("f", "2")
    assert "<optgroup" in expected
    assert FastSelect(choices=choices).render("f", "2") == expected


def test_widget_attributes_of_its_own_are_kept():
    expected = forms.Select(attrs={"class": "wide"}, choices=CHOICES).render("f", "1")
    assert FastSelect(attrs={"class": "wide"}, choices=CHOICES).render("f", "1") == expected


class _Form(forms.Form):
    plain = forms.ChoiceField(choices=CHOICES[:3])
    multiple = forms.MultipleChoiceField(choices=CHOICES[:3])
    radio = forms.ChoiceField(choices=CHOICES[:3], widget=forms.RadioSelect)


def test_use_fast_selects_swaps_only_plain_selects_and_the_form_renders_the_same():
    before = str(_Form(data={"plain": "1"}))
    form = _Form(data={"plain": "1"})
    use_fast_selects(form)
    assert type(form.fields["plain"].widget) is FastSelect
    assert type(form.fields["multiple"].widget) is forms.SelectMultiple
    assert type(form.fields["radio"].widget) is forms.RadioSelect
    assert str(form) == before


def test_the_renderer_takes_form_templates_from_jinja2_and_the_rest_from_the_project():
    from django.template.backends.django import Template as DjangoTemplate
    from django.template.backends.jinja2 import Template as Jinja2Template

    from overenskommelse.platform.forms.renderers import PortalFormRenderer

    renderer = PortalFormRenderer()
    field = renderer.get_template("django/forms/field.html")
    assert isinstance(field, Jinja2Template)
    # The portal's own field: no colon after the label, the required mark.
    assert "templates/jinja2/django/forms/field.html" in field.origin.name
    assert isinstance(renderer.get_template("django/forms/widgets/input.html"), Jinja2Template)
    admin_widget = renderer.get_template("admin/widgets/related_widget_wrapper.html")
    assert isinstance(admin_widget, DjangoTemplate)


def test_text_is_escaped_as_djangos_templates_escape_it():
    class Form(forms.Form):
        text = forms.CharField(initial="\"<b>'&")

    assert 'value="&quot;&lt;b&gt;&#x27;&amp;"' in str(Form()["text"])


def test_a_required_field_renders_with_the_portals_label():
    class Form(forms.Form):
        name = forms.CharField(label="Namn", help_text="Hjälp")

    html = str(Form(data={})["name"].as_field_group())
    assert (
        '<label for="id_name">Namn <span class="required" aria-hidden="true">*</span></label>'
        in html
    )
    assert 'id="id_name_helptext"' in html
    assert 'aria-invalid="true"' in html
