"""`make run`: debug on, mail into var/mail with a mailbox page, no MFA demand."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

# The SQLite database, the file cache, the broker's folders and the mailbox live
# here; a fresh clone has no var/ yet.
VAR_DIR.mkdir(exist_ok=True)

DEBUG = env.bool("DJANGO_DEBUG", default=True)
PORTAL_SHOW_MAILBOX = env.bool("PORTAL_SHOW_MAILBOX", default=True)
# The demo accounts log in without TOTP; set it to true to try the staff demand.
PORTAL_REQUIRE_STAFF_MFA = env.bool("PORTAL_REQUIRE_STAFF_MFA", default=False)
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
