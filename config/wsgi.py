import os

from django.core.wsgi import get_wsgi_application
from django.forms.renderers import get_default_renderer
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
application = get_wsgi_application()

# Import the URL configuration, and with it every view, form and selector, while the
# worker starts rather than in the first request it serves: about 1.7 s that the
# first visitor after each deploy or restart would otherwise wait.
get_resolver().url_patterns  # noqa: B018

# Likewise compile the form templates every page with a form renders (Jinja2 compiles
# a template on first use).
for _name in (
    "django/forms/div.html",
    "django/forms/field.html",
    "django/forms/errors/list/default.html",
    "django/forms/widgets/input.html",
    "django/forms/widgets/text.html",
    "django/forms/widgets/select.html",
    "django/forms/widgets/checkbox.html",
    "django/forms/widgets/textarea.html",
):
    get_default_renderer().get_template(_name)
