"""The agreement app's sweeps and renders. The outbox's delivery tasks are the
platform's (`overenskommelse/platform/outbox/tasks.py`)."""

from celery import shared_task

from overenskommelse.agreement.services import (
    affiliation,
    open_data,
    remiss_compilation,
    remiss_reminders,
)
from overenskommelse.platform.services import documents


@shared_task(ignore_result=True)
def annual_update_send() -> int:
    """Årlig uppdatering: ask each due affiliated organisation to confirm its details."""
    return affiliation.annual_update_send()


@shared_task(ignore_result=True)
def remiss_reminders_send() -> int:
    """Remind instanser that have not answered; the day after the deadline, summarise."""
    return remiss_reminders.remiss_reminders_and_summaries_send()


@shared_task(ignore_result=True)
def remiss_compilations_request() -> int:
    """Ask for the compilation PDF of every closed remiss whose PDF is missing or out of
    date: a remiss gets its PDF this way when it closes."""
    return remiss_compilation.remiss_compilations_request_due()


# A long compilation takes a while to render: more time than the default limits give.
@shared_task(ignore_result=True, soft_time_limit=600, time_limit=660)
def remiss_compilation_render(remiss_id: int) -> bool:
    """Render one remiss's compilation PDF and store it. A failed render is logged and
    asked for again by the sweep after REQUEST_RETRY."""
    return remiss_compilation.remiss_compilation_pdf_render(remiss_id=remiss_id)


@shared_task(ignore_result=True)
def documents_request() -> int:
    """Ask again for every stored document (the PDFs, the register's open data) whose
    render was asked for and never stored: the broker was down, the worker killed or
    the render failed. Returns how many were asked for."""
    return documents.documents_request_due() + open_data.register_exports_request_due()


@shared_task(ignore_result=True, soft_time_limit=120, time_limit=150)
def register_export_render() -> int:
    """Make the register's open data (CSV and JSON in each language) and store it."""
    return open_data.register_export_render()
