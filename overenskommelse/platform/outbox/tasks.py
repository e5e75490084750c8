"""The outbox's Celery tasks. Each keeps the name it had in `overenskommelse.agreement.tasks`:
beat's schedule and messages already waiting in the broker call them by that name."""

from celery import shared_task

from overenskommelse.platform.outbox import delivery


@shared_task(
    name="overenskommelse.platform.outbox.tasks.outbox_deliver",
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=5,
    ignore_result=True,
)
def outbox_deliver(message_id: int) -> None:
    delivery.outbox_message_deliver(message_id=message_id)


@shared_task(
    name="overenskommelse.platform.outbox.tasks.outbox_deliver_many",
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=5,
    ignore_result=True,
)
def outbox_deliver_many(message_ids: list[int]) -> None:
    """A sweep's messages in one task; each is claimed on its own, so a retry or the
    periodic flush never sends one twice."""
    for message_id in message_ids:
        delivery.outbox_message_deliver(message_id=message_id)


@shared_task(name="overenskommelse.platform.outbox.tasks.outbox_flush", ignore_result=True)
def outbox_flush() -> int:
    return delivery.outbox_flush()
