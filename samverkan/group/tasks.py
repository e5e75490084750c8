"""Samverkansgruppen's sweeps and renders."""

from celery import shared_task


@shared_task(ignore_result=True)
def group_reminders_send() -> int:
    """Samverkansgruppen's reminders (meetings, reports, follow-up, conference);
    safe to run twice (claim, then send)."""
    from samverkan.group.services import conference, followup, group

    return (
        group.group_reminders_send()
        + followup.followup_reminders_send()
        + conference.conference_reminders_send()
    )


@shared_task(ignore_result=True, soft_time_limit=300, time_limit=330)
def followup_pdf_render(followup_id: int) -> bool:
    """Render one yearly follow-up's PDF and store it."""
    from overenskommelse.platform.services import documents
    from samverkan.group.services.followup import FOLLOWUP_PDF

    return documents.document_render(FOLLOWUP_PDF, followup_id)
