"""The Celery application: settings under the CELERY namespace, tasks autodiscovered."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The outbox's tasks sit below the services that hand mail to them, outside
# `overenskommelse.agreement.tasks` (see overenskommelse/platform/outbox/__init__.py).
app.autodiscover_tasks(["overenskommelse.platform.outbox"])


@app.on_after_configure.connect
def _ensure_filesystem_folders(sender: Celery, **_kwargs) -> None:
    """The file-system transport needs its folders before the first message."""
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            os.makedirs(options[key], exist_ok=True)
    backend = str(sender.conf.result_backend or "")
    if backend.startswith("file://"):
        os.makedirs(backend.removeprefix("file://"), exist_ok=True)
