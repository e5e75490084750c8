"""The mail outbox below the services: delivery (`delivery.py`) and its Celery tasks
(`tasks.py`). `overenskommelse.platform.services.mail` writes the rows and hands them to these
tasks; nothing here imports a service, so the mail service can import the tasks."""
