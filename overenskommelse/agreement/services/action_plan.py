"""The handlingsplan's documents as kommunkontoret keeps them.

An uploaded PDF is added as a new `ActionPlanDocument`; an earlier one is never
replaced or deleted, so the plan page shows the newest and keeps the earlier ones.
"""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from overenskommelse.agreement.models import ActionPlan, ActionPlanDocument
from overenskommelse.platform.services.authz import require_perm
from overenskommelse.platform.services.history import history_record
from overenskommelse.platform.uploads import upload_validate


def action_plan_document_add(
    *, plan: ActionPlan, actor, title: str, upload: UploadedFile
) -> ActionPlanDocument:
    """Check the upload by content and size (a ValidationError in Swedish, nothing
    stored), then add it as the plan's newest document and record who and when."""
    require_perm(actor, "overenskommelse.manage_action_plan")
    content_type = upload_validate(upload, allowed=ActionPlanDocument.ALLOWED_TYPES)
    title = title.strip() or str(plan)
    previous = plan.documents.order_by("-created_at", "-pk").first()
    with transaction.atomic():
        document = ActionPlanDocument.objects.create(
            plan=plan,
            title=title,
            uploaded_by=actor,
            **ActionPlanDocument.upload_fields(upload, content_type=content_type),
        )
        history_record(
            subject=plan,
            actor=actor,
            action="action_plan_document_added",
            message=document.title,
            changes={"documents": [previous.title if previous else None, document.title]},
        )
    return document
