from celery import shared_task

from samverkan.pipeline.services import reminders


@shared_task(ignore_result=True)
def reminders_send() -> int:
    """The pipeline's review reminders; safe to run twice (claim, then send)."""
    return reminders.reminders_send()
