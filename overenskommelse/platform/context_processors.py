from django.conf import settings


def portal(request) -> dict:
    return {
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_contact_email": settings.MUNICIPALITY_CONTACT_EMAIL,
        "show_mailbox": settings.PORTAL_SHOW_MAILBOX,
    }
