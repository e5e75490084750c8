"""Production settings send the security headers, read from a real response."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client
call_command("collectstatic", interactive=False, verbosity=0)
client = Client()
response = client.get("/accounts/login/", secure=True, HTTP_HOST="portal.example.se")
cookies = {name: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"]),
                  "samesite": m["samesite"]} for name, m in response.cookies.items()}
print(json.dumps({"status": response.status_code, "headers": dict(response.headers),
                  "cookies": cookies,
                  "session_cookie": [settings.SESSION_COOKIE_SECURE,
                                     settings.SESSION_COOKIE_HTTPONLY]}))
"""


@pytest.fixture
def production_response(settings, tmp_path) -> dict:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "portal.example.se",
        "PORTAL_BASE_URL": "https://portal.example.se",
        "DATABASE_URL": f"postgres://{db['USER'] or 'postgres'}@{db['HOST']}:{db['PORT']}"
        f"/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)
def test_production_security_headers(production_response):
    assert production_response["status"] == 200
    headers = {k.lower(): v for k, v in production_response["headers"].items()}
    csp = headers["content-security-policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'self'" in script_src and "unsafe-inline" not in script_src
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"
    csrf = production_response["cookies"]["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    assert production_response["session_cookie"] == [True, True]
