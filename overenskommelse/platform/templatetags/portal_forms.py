"""Filters for the shared form head (templates/includes/_form_errors.html)."""

from django import forms, template

register = template.Library()


@register.filter
def has_required_fields(form: forms.BaseForm) -> bool:
    """Whether a visible field of `form` is required, so the marker needs its legend."""
    return any(field.field.required for field in form.visible_fields())
