"""Loading the WSGI application imports the URL configuration and the views and
compiles the form templates, so no visitor waits for them after a restart."""

import os
import subprocess
import sys

from django.conf import settings


def test_loading_the_application_imports_the_urls_and_views():
    code = (
        "import sys, config.wsgi; "
        "print('config.urls' in sys.modules, 'samverkan.pipeline.views' in sys.modules, "
        "'overenskommelse.agreement.views.register' in sys.modules); "
        "from django.forms.renderers import get_default_renderer; "
        "names = {key[1] for key in get_default_renderer().jinja2.env.cache.keys()}; "
        "print('django/forms/field.html' in names, 'django/forms/widgets/select.html' in names)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    assert result.stdout.split() == ["True"] * 5
