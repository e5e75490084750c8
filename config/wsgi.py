import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
application = get_wsgi_application()

# Import the URL configuration, and with it every view, form and selector, while the
# worker starts rather than in the first request it serves: about 1.7 s that the
# first visitor after each deploy or restart would otherwise wait.
get_resolver().url_patterns  # noqa: B018
