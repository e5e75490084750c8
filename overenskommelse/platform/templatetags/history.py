"""`{{ entry|history_sentences }}`: a history row's changes as Swedish sentences."""

from django import template

from overenskommelse.platform.history_text import change_sentences

register = template.Library()


@register.filter
def history_sentences(entry, labels=None) -> list[str]:
    return change_sentences(entry, labels)
