"""The platform's own tasks."""

from celery import shared_task


@shared_task
def ping(value: str) -> str:
    """Answers with what it was given: proves broker and worker are wired up."""
    return f"pong:{value}"
