"""`{{ value|css_string }}`: text as the body of a CSS string ("…"), e.g. the
municipality's name in a PDF's `@page` footer (templates/pdf/base.html).

Django's `escapejs` is for JavaScript: its `\\u002D` escapes are not CSS, so the
footer printed them as they stand. CSS escapes a character as a backslash, its
code point in hex and one space, which ends the escape and is not printed (CSS eats
one whitespace after a hex escape even after six digits, so it is always written). The
quotes and the backslash would end or bend the string, a newline may not stand in it,
and `<`, `>` and `&` could close the `<style>` element it sits in; every other
character (å, ä, ö, the hyphen) stays as it is, so the output reads like the input.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_ESCAPED = frozenset("\"'\\<>&")


def css_string_escape(value: object) -> str:
    """`value` written so that it can stand between the double quotes of a CSS string."""
    return "".join(
        f"\\{ord(char):x} " if char in _ESCAPED or ord(char) < 0x20 or ord(char) == 0x7F else char
        for char in str(value)
    )


@register.filter(is_safe=False)
def css_string(value: object) -> SafeString:
    # Marked safe so autoescaping leaves it alone: inside <style> an entity such as
    # &quot; is not decoded, and every character that is markup is escaped for CSS.
    return mark_safe(css_string_escape(value))
