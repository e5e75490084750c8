"""The form renderer: Django's own Jinja2 form templates, with the portal's field.

Django renders every field, widget, option and error list through a template. With
the Django template language that was most of a filter page's time (the register's
five filters took longer than the 25 organisations under them); Django's Jinja2
versions of the same templates give the same markup at a fraction of the cost.

The portal's own templates under `templates/jinja2/` come first (its field), then
Django's Jinja2 form templates. A template neither has (the admin's widgets, which
exist only in the Django template language) comes from the project's template
settings, as with Django's `TemplatesSetting`.
"""

from functools import cached_property
from pathlib import Path

import django.forms
from django.conf import settings
from django.forms.renderers import TemplatesSetting
from django.template import TemplateDoesNotExist
from django.template.backends.jinja2 import Jinja2
from django.utils.html import escape
from markupsafe import Markup


def _escaped_as_django_does(value):
    """Jinja2 escapes `"` as `&#34;` and `'` as `&#39;`, Django as `&quot;` and `&#x27;`:
    the same to a browser, but a form's markup stays exactly what Django's own
    templates give."""
    return value if hasattr(value, "__html__") else Markup(escape(value))


_NO_ARIA_REQUIRED = ("radio", "file")


class PortalBoundField(django.forms.BoundField):
    """A required field's widget also says so with `aria-required` beside `required`
    (the forms' `novalidate` leaves the check to the server). Not on radio buttons or
    file inputs, whose roles do not take the attribute: their legend or label carries
    the marker."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if attrs.get("required") and getattr(widget, "input_type", "") not in _NO_ARIA_REQUIRED:
            attrs["aria-required"] = "true"
        return attrs


class PortalFormRenderer(TemplatesSetting):
    bound_field_class = PortalBoundField

    @cached_property
    def jinja2(self) -> Jinja2:
        return Jinja2(
            {
                "APP_DIRS": False,
                "DIRS": [
                    Path(settings.BASE_DIR) / "templates" / "jinja2",
                    Path(django.forms.__file__).parent / "jinja2",
                ],
                "NAME": "portalforms",
                "OPTIONS": {"finalize": _escaped_as_django_does},
            }
        )

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return super().get_template(template_name)
