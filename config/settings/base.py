"""Settings shared by every environment.

Everything that differs between machines is read from the environment through one
reader (`env`). The defaults here are the embedded ones used by `make run`: an SQLite
file and a file-system Celery broker under `var/`, so a fresh clone runs without
servers. Production (`production.py`) removes the defaults that must not leak.
"""

from datetime import time
from pathlib import Path
from typing import Any, Literal

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

# GENERAL
# ------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-development-key-change-me")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "config" / "locale"]
SITE_ID = 1
ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "overenskommelse.platform.views.errors.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The municipality this installation serves: shown in the header, the footer,
# e-mails and protocol extracts.
MUNICIPALITY_NAME = env("PORTAL_MUNICIPALITY_NAME", default="Lunds kommun")
MUNICIPALITY_CONTACT_EMAIL = env("PORTAL_CONTACT_EMAIL", default="kommunkontoret@example.se")
# The prefix of the portal's own diarienummer series: "ÖK 2026/0001"
# (overenskommelse/platform/services/case_numbers.py).
PORTAL_CASE_NUMBER_PREFIX = env("PORTAL_CASE_NUMBER_PREFIX", default="ÖK")
# Who answers for the personal data (personuppgiftsansvarig) and the data protection
# officer (dataskyddsombud), as the privacy page names them. A municipality sets its own.
PORTAL_DATA_CONTROLLER = env(
    "PORTAL_DATA_CONTROLLER", default=f"Kommunstyrelsen i {MUNICIPALITY_NAME}"
)
PORTAL_DATA_CONTROLLER_EMAIL = env(
    "PORTAL_DATA_CONTROLLER_EMAIL", default=MUNICIPALITY_CONTACT_EMAIL
)
PORTAL_DPO_NAME = env("PORTAL_DPO_NAME", default=f"Dataskyddsombudet i {MUNICIPALITY_NAME}")
PORTAL_DPO_EMAIL = env("PORTAL_DPO_EMAIL", default="dataskyddsombud@example.se")
# The portal's address as users reach it, for links in mail sent by the worker.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

# `make bench` serves a bare baseline view at /bench/baseline/ when this is on.
PORTAL_BENCH_BASELINE = env.bool("PORTAL_BENCH_BASELINE", default=False)

# DATABASES
# ------------------------------------------------------------------------------
# DATABASE_URL (postgres://…) in every real deployment; an SQLite file otherwise.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share the file: wait for locks, write-ahead log.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Every select of model choices iterates its queryset with .iterator(), which on
    # PostgreSQL is a server-side cursor: DECLARE, FETCH and CLOSE, three round trips
    # for a list of ten names. The portal reads nothing large through .iterator().
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

# APPS
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    # Before the admin: its change forms get an "Events" button (the field-level history).
    "pghistory.admin",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "django_celery_beat",
    "pgtrigger",
    "pghistory",
    # The portal's apps, in their dependency order (README, "Architecture"): each may
    # import from those above it, never from those below.
    "overenskommelse.platform",
    "overenskommelse.accounts",
    "overenskommelse.protocols",
    "overenskommelse.agreement",
    "samverkan.pipeline",
    "samverkan.group",
    "natverk",
    # `manage.py load_demo` and the demo data (no models). In every settings module,
    # production's too: the deployed tier loads the demo into a production-settings
    # portal with `load_demo --force`, and the command itself refuses without DEBUG
    # unless forced.
    "overenskommelse.demo",
]

# FIELD-LEVEL HISTORY (django-pghistory)
# ------------------------------------------------------------------------------
# Triggers record every insert, change and delete of the models decorated with
# `field_history()` (overenskommelse/platform/models/history.py); the admin shows them.
PGHISTORY_ADMIN_CLASS = "overenskommelse.platform.admin.FieldHistoryAdmin"

# AUTHENTICATION
# ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Django's and allauth's backends, whose get_user also loads the roles, the TOTP
    # authenticator and the representations (overenskommelse/accounts/auth_backends.py).
    "overenskommelse.accounts.auth_backends.PortalModelBackend",
    "overenskommelse.accounts.auth_backends.PortalAuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "mina_sidor"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# MIDDLEWARE
# ------------------------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # A NUL byte anywhere in the request is a 400 before any view or session query.
    "overenskommelse.platform.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who changed a tracked row, and through which URL (the field-level history).
    "overenskommelse.platform.middleware.FieldHistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Responses to a logged-in user: Cache-Control: private, no-store.
    "overenskommelse.platform.middleware.PrivateNoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "overenskommelse.accounts.middleware.RequireStaffMFAMiddleware",
    # A form sent twice (a double click, a reload) is saved once.
    "overenskommelse.platform.submissions.SubmitOnceMiddleware",
]

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {
        # Uploaded files (board protocols, attachments) live outside any public
        # path; they are served only through views that check permission.
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(env.path("PORTAL_PROTECTED_MEDIA_ROOT", default=VAR_DIR / "protected"))
        },
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
PORTAL_UPLOAD_MAX_BYTES = 10 * 1024 * 1024

# TEMPLATES
# ------------------------------------------------------------------------------
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "overenskommelse.platform.context_processors.portal",
            ],
            # {% submission_key %} in every POST form (overenskommelse/platform/submissions.py).
            "builtins": ["overenskommelse.platform.templatetags.submission"],
        },
    },
]
FORM_RENDERER = "overenskommelse.platform.forms.renderers.PortalFormRenderer"

# SECURITY
# ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# Sessions live in the database, so a cache outage logs nobody out and loses nothing.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# E-MAIL
# ------------------------------------------------------------------------------
# All portal mail goes through the outbox (written by overenskommelse.platform.services.mail) and
# is delivered by the worker (overenskommelse.platform.outbox); EMAIL_BACKEND is what the worker
# finally hands it to.
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="overenskommelse.platform.mailbox.FolderEmailBackend"
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Överenskommelsen <noreply@example.se>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Development mailbox: each mail as a file in this folder, readable at /dev/mail/.
PORTAL_MAILBOX_DIR = env.path("PORTAL_MAILBOX_DIR", default=VAR_DIR / "mail")
PORTAL_SHOW_MAILBOX = env.bool("PORTAL_SHOW_MAILBOX", default=False)

# CACHES
# ------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")


def redis_caches(url: str) -> dict:
    """Redis as Django's cache (django-redis). A cache outage is never an error: while
    Redis is unreachable each call is served from the process's memory (config/cache.py),
    and the short timeouts keep a hung server from holding a request."""
    return {
        "default": {
            "BACKEND": "config.cache.FallbackRedisCache",
            "LOCATION": url,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# LOGGING
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint logs every rendering step at INFO; keep its warnings only.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# CELERY
# ------------------------------------------------------------------------------
# With REDIS_URL the broker is Redis. Without it, Kombu's file-system transport:
# a real broker that needs no server (messages are files under var/celery), so the
# worker and beat of `make run` really deliver mail and reminders.
CELERY_FILESYSTEM_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, Any] = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_RESULT_BACKEND = f"file://{CELERY_FILESYSTEM_DIR / 'results'}"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FILESYSTEM_DIR / "queue"),
        "data_folder_out": str(CELERY_FILESYSTEM_DIR / "queue"),
        "processed_folder": str(CELERY_FILESYSTEM_DIR / "processed"),
        "control_folder": str(CELERY_FILESYSTEM_DIR / "control"),
        "store_processed": False,
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Every periodic task below is safe to run twice or late: each claims its rows with
# a conditional UPDATE before sending, and sweeps look back over a window.
CELERY_BEAT_SCHEDULE = {
    "outbox-flush": {
        # Delivers mail whose immediate hand-off was lost (broker down, worker killed).
        # The outbox's tasks are in overenskommelse/platform/outbox/tasks.py, under these names.
        "task": "overenskommelse.platform.outbox.tasks.outbox_flush",
        "schedule": 60.0,
    },
    "gallring": {
        # Thins what the retention schedule (RetentionRule, the informationshanteringsplan)
        # permits and writes the gallringsprotokoll; sent mail in the outbox is thinned
        # here, under its rule, not by a purge of its own. Monthly, on the 1st at night.
        # Twice (or late) is harmless: each rule only removes what is older than its
        # period, with its row locked, so a second run finds nothing left to remove and
        # its protocol says 0; a rule that keeps (bevaras) never removes anything.
        "task": "overenskommelse.platform.tasks.gallring_run",
        "schedule": crontab(day_of_month=1, hour=3, minute=17),
    },
    "annual-update-requests": {
        # Asks each affiliated organisation, once a year, to confirm its details. Daily,
        # so a missed run is caught the next day; twice is harmless because the unique
        # (organisation, year) row is inserted before the mail, so a second run skips it.
        "task": "overenskommelse.agreement.tasks.annual_update_send",
        "schedule": crontab(hour=7, minute=43),
    },
    "remiss-reminders": {
        # Reminds remissinstanser without a submitted answer (REMISS_REMINDER_DAYS before
        # the last day, from PORTAL_REMINDER_SEND_AT) and sends the handläggare the
        # summary the day after. Hourly, looking back, so a missed run is caught; twice
        # is harmless because each (instans, step) RemissReminder row is inserted before
        # its mail is queued, and the summary is claimed by a conditional UPDATE of
        # Remiss.summary_sent_at.
        "task": "overenskommelse.agreement.tasks.remiss_reminders_send",
        "schedule": crontab(minute=15),
    },
    "remiss-compilations": {
        # Asks the worker for the compilation PDF of each closed remiss that has none,
        # or whose PDF is out of date: a remiss closes at midnight, so its PDF is made
        # in the first minutes after. Twice is harmless: each version of a compilation
        # is claimed by a conditional UPDATE before its render is enqueued, and a render
        # that finds the PDF current stores nothing.
        "task": "overenskommelse.agreement.tasks.remiss_compilations_request",
        "schedule": crontab(minute=1),
    },
    "documents": {
        # Asks again for each stored PDF (follow-up, protokollsutdrag) and the register's
        # stored open data whose render was asked for and never stored: the broker was
        # down or the worker died. Twice is
        # harmless: each version is claimed by a conditional UPDATE before it is enqueued.
        "task": "overenskommelse.agreement.tasks.documents_request",
        "schedule": crontab(minute="*/5"),
    },
    "natverk-reminders": {
        # Reminders before network meetings (7 days and 1 day before, from
        # PORTAL_REMINDER_SEND_AT) and before each ICLD application window. Hourly,
        # looking back, so a missed run is caught; twice is harmless because each
        # (meeting, attendee, step) or (partnership, window, recipient) row is inserted
        # before its mail is queued, and a second run finds the row taken and sends
        # nothing.
        "task": "natverk.tasks.reminders_send",
        "schedule": crontab(minute=5),
    },
    "samverkan-reminders": {
        # Evaluation due, results not reported, no activity, invitation unanswered.
        # Hourly, looking back SAMVERKAN_REMINDER_LOOKBACK_DAYS, so a missed run is
        # caught; twice is harmless because the unique (initiative, recipient, kind,
        # step) row is inserted before the mail is queued, so a second run sends nothing.
        "task": "samverkan.pipeline.tasks.reminders_send",
        "schedule": crontab(minute=25),
    },
    "samverkansgruppen-reminders": {
        # Meeting invitations' reminders, "no meeting planned", förvaltning report
        # reminders, the four-yearly agreement follow-up and "no conference planned".
        # Hourly; twice is harmless: each mail is claimed by a unique GroupReminder row
        # (kind, step, address) inserted in the same transaction as the outbox mail.
        "task": "samverkan.group.tasks.group_reminders_send",
        "schedule": crontab(minute=35),
    },
}

# REMINDERS
# ------------------------------------------------------------------------------
# The local time (HH:MM, Europe/Stockholm) at which a reminder due on a given day falls
# due: every dated reminder of the apps (overenskommelse/platform/services/reminders.py).
# The sweeps run hourly, so the mail goes out at the first run at or after it.
PORTAL_REMINDER_SEND_AT = env.str("PORTAL_REMINDER_SEND_AT", default="08:00")
try:  # a malformed value stops the start, not the first sweep
    time.fromisoformat(PORTAL_REMINDER_SEND_AT)
except ValueError as error:
    raise ImproperlyConfigured(
        f"PORTAL_REMINDER_SEND_AT must be a time such as 08:00, not {PORTAL_REMINDER_SEND_AT!r}"
    ) from error

# REMISS
# ------------------------------------------------------------------------------
# Days before a remiss's last day on which instanser that have not answered are
# reminded (overenskommelse/agreement/services/remiss_reminders.py).
REMISS_REMINDER_DAYS = env.list("REMISS_REMINDER_DAYS", cast=int, default=[14, 3])
# The longest text an answer may have under one heading of the disposition, in
# characters (a line break counts as one). Shown in the answer form and checked by the
# service. Twenty thousand is some ten pages; longer material goes in an attachment.
REMISS_ANSWER_MAX_CHARS = env.int("REMISS_ANSWER_MAX_CHARS", default=20_000)

# How long kommunkontoret usually takes over an application or a withdrawal, in weeks:
# the receipt an association gets tells it so (agreement/email/affiliation_receipt_*).
AFFILIATION_HANDLING_WEEKS = env.int("AFFILIATION_HANDLING_WEEKS", default=4)

# SAMVERKAN
# ------------------------------------------------------------------------------
# Review reminders of the initiative pipeline (see samverkan/pipeline/services/reminders.py).
SAMVERKAN_EVALUATION_DUE_DAYS = env.int("SAMVERKAN_EVALUATION_DUE_DAYS", default=30)  # N
SAMVERKAN_RESULTS_REPORT_WEEKS = env.int("SAMVERKAN_RESULTS_REPORT_WEEKS", default=8)  # W
SAMVERKAN_INACTIVITY_MONTHS = env.int("SAMVERKAN_INACTIVITY_MONTHS", default=3)  # M
SAMVERKAN_INVITATION_ANSWER_DAYS = env.int("SAMVERKAN_INVITATION_ANSWER_DAYS", default=14)  # K
SAMVERKAN_REMINDER_LOOKBACK_DAYS = env.int("SAMVERKAN_REMINDER_LOOKBACK_DAYS", default=30)
# Samverkansgruppen: the förvaltningar report on a year by this day (MM-DD)
# of the next; the Överenskommelse is followed up every fourth year counted from the
# first year below, the conference held every second year counted from its year.
SAMVERKAN_REPORT_DEADLINE = env.str("SAMVERKAN_REPORT_DEADLINE", default="03-01")
SAMVERKAN_AGREEMENT_CYCLE_START = env.int("SAMVERKAN_AGREEMENT_CYCLE_START", default=2019)
SAMVERKAN_CONFERENCE_CYCLE_START = env.int("SAMVERKAN_CONFERENCE_CYCLE_START", default=2020)

# ALLAUTH
# ------------------------------------------------------------------------------
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Sign-up also asks for the first and last name: others see a person's name, not the
# e-mail address (overenskommelse/accounts/forms.py).
ACCOUNT_SIGNUP_FORM_CLASS = "overenskommelse.accounts.forms.SignupNameForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
# False (the test settings) turns allauth's limits off.
ACCOUNT_RATE_LIMITS: dict[str, str] | Literal[False] = {
    # Log-in limits are on: per IP and per account, failed attempts lock out.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
# Behind a reverse proxy every request comes from the proxy's address, so the per-IP
# log-in limits would be shared by everyone. Set how many proxies in front append to
# X-Forwarded-For (the client is that many entries from the right), or the header a
# single proxy sets to the client's address (e.g. X-Real-IP). Never trust a header the
# proxy does not overwrite: a client could then choose its own address.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("PORTAL_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("PORTAL_CLIENT_IP_HEADER", default="") or None
ACCOUNT_ADAPTER = "overenskommelse.accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("PORTAL_MFA_ISSUER", default="Överenskommelsen")
# Staff roles (handläggare, förvaltningskontakt, admin) must have TOTP before they
# reach any page but the MFA set-up. On in production; off for the local demo.
PORTAL_REQUIRE_STAFF_MFA = env.bool("PORTAL_REQUIRE_STAFF_MFA", default=True)
