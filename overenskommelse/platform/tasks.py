"""The platform's own tasks."""

from celery import shared_task

from overenskommelse.platform.services import gallring


@shared_task
def ping(value: str) -> str:
    """Answers with what it was given: proves broker and worker are wired up."""
    return f"pong:{value}"


@shared_task(name="overenskommelse.platform.tasks.gallring_run", ignore_result=True)
def gallring_run() -> int:
    """The monthly gallring over the retention schedule; returns how many were removed."""
    return sum(entry.removed for entry in gallring.gallring_run().entries.all())
