"""The test suite: always PostgreSQL, in-memory mail, media in var/test-files.

DATABASE_URL and REDIS_URL are used as they are when set; the defaults here point at
the local servers. Without them, tests/servers.py (pytest-postgresql, pytest-redis)
points the suite at whatever answers on 127.0.0.1, or at throwaway servers it starts,
before the test database is created.
"""

from pathlib import Path

from .base import *  # noqa: F403
from .base import VAR_DIR, env

# Uploaded files, the mailbox and static files of a test run; removed when it ends.
# PORTAL_TEST_FILES gives two suites running at once folders of their own.
TEST_FILES = Path(env("PORTAL_TEST_FILES", default=str(VAR_DIR / "test-files")))

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-000000000000000"
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/postgres"),
}
DATABASES["default"]["TEST"] = {"NAME": env("PORTAL_TEST_DB_NAME", default="test_portal")}
# As in production when a test serves the app from another process (tests/config).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/15")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(TEST_FILES / "media")},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PORTAL_MAILBOX_DIR = TEST_FILES / "mail"
STATIC_ROOT = TEST_FILES / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
PORTAL_SHOW_MAILBOX = False
PORTAL_REQUIRE_STAFF_MFA = True
# Tasks run eagerly in most tests; tests/celery start a real worker over Redis.
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_BROKER_TRANSPORT_OPTIONS = {}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
ACCOUNT_RATE_LIMITS = False
