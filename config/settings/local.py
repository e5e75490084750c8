"""`make run`: debug on, mail into var/mail with a mailbox page, no MFA demand."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
PORTAL_SHOW_MAILBOX = env.bool("PORTAL_SHOW_MAILBOX", default=True)
# The demo accounts log in without TOTP; set it to true to try the staff demand.
PORTAL_REQUIRE_STAFF_MFA = env.bool("PORTAL_REQUIRE_STAFF_MFA", default=False)
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
