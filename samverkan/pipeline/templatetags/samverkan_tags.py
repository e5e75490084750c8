from django import template

from samverkan.pipeline.selectors import initiatives_of_user

register = template.Library()


@register.simple_tag
def my_initiatives(user) -> dict:
    """The user's initiatives and open invitations, for "Mina sidor"."""
    return initiatives_of_user(user=user)
