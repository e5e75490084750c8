from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from kombu import Connection


def _database_ok() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return False, type(exc).__name__
    return True, "ok"


def _broker_ok() -> tuple[bool, str]:
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            connect_timeout=2,
        ) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return False, type(exc).__name__
    return True, "ok"


@never_cache
def healthz(request):
    """200 with the state of database and broker; 503 when either is down."""
    db_ok, db_state = _database_ok()
    broker_ok, broker_state = _broker_ok()
    healthy = db_ok and broker_ok
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": db_state, "broker": broker_state},
        status=200 if healthy else 503,
    )
