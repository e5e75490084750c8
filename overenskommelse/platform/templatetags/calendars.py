"""`{% webcal_url path %}`: a feed's address for subscribing (webcal://, built from the
request's host), beside the https:// one that downloads it once."""

from urllib.parse import urlsplit, urlunsplit

from django import template

register = template.Library()


def webcal(url: str) -> str:
    """https://host/path.ics -> webcal://host/path.ics (calendar programs subscribe)."""
    parts = urlsplit(url)
    return urlunsplit(("webcal", parts.netloc, parts.path, parts.query, ""))


@register.simple_tag(takes_context=True)
def webcal_url(context, path: str) -> str:
    return webcal(context["request"].build_absolute_uri(path))


@register.filter(name="webcal")
def webcal_filter(url: str) -> str:
    return webcal(url)
