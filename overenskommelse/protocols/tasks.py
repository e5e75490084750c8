"""The protocols app's renders."""

from celery import shared_task

from overenskommelse.platform.services import documents
from overenskommelse.protocols.services import protocols


@shared_task(ignore_result=True, soft_time_limit=120, time_limit=150)
def paragraph_pdf_render(paragraph_id: int) -> bool:
    """Render one paragraph's protokollsutdrag PDF and store it."""
    return documents.document_render(protocols.PARAGRAPH_PDF, paragraph_id)
