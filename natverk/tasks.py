from celery import shared_task

from natverk.services import reminders


@shared_task(ignore_result=True)
def reminders_send() -> int:
    """Meeting and application-window reminders; safe to run twice (claim, then send)."""
    return reminders.reminders_send()
