"""`{% submission_key %}`: the one-time key every POST form carries next to its CSRF
token (overenskommelse/platform/submissions.py). A builtin tag: templates need no {% load %}."""

import secrets

from django import template
from django.utils.html import format_html

from overenskommelse.platform.submissions import FIELD

register = template.Library()


@register.simple_tag
def submission_key() -> str:
    return format_html(
        '<input type="hidden" name="{}" value="{}">', FIELD, secrets.token_urlsafe(24)
    )
