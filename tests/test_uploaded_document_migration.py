"""The migration to `UploadedDocument` keeps the documents stored before it: the
handlingsplan's and a remiss's documents are recorded as the PDFs they were served
as, and a stored file's size is read from storage (a missing file keeps none)."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

PDF = b"%PDF-1.4 planen\n%%EOF\n"


def _around(app: str, suffix: str):
    """The migration named `…suffix` and the one of the same app before it, by name
    on disk, so the test holds when the migrations are renumbered."""
    loader = MigrationLoader(connection)
    after = next(key for key in loader.disk_migrations if key[0] == app and key[1].endswith(suffix))
    before = [dep for dep in loader.disk_migrations[after].dependencies if dep[0] == app]
    return before, [after]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_documents_stored_before_keep_their_file_and_get_type_and_size():
    before, after = _around("overenskommelse", "_uploaded_document_base")
    old = _migrate(before)
    try:
        plan = old.get_model("overenskommelse", "ActionPlan").objects.create(
            title="Handlingsplan", slug="hp-migration", start_year=2021, end_year=2024
        )
        stored = default_storage.save("handlingsplan/2021/01/plan.pdf", ContentFile(PDF))
        old.get_model("overenskommelse", "ActionPlanDocument").objects.create(
            plan=plan, title="Planen", file=stored
        )
        remiss = old.get_model("overenskommelse", "Remiss").objects.create(
            title="Remiss", opens_on=dt.date(2020, 12, 1), closes_on=dt.date(2021, 2, 28)
        )
        old.get_model("overenskommelse", "RemissDocument").objects.create(
            remiss=remiss, title="Borta", file="remiss/documents/finns-inte.pdf"
        )

        new = _migrate(after)
        document = new.get_model("overenskommelse", "ActionPlanDocument").objects.get()
        assert (document.file.name, document.content_type, document.size) == (
            stored,
            "application/pdf",
            len(PDF),
        )
        missing = new.get_model("overenskommelse", "RemissDocument").objects.get()
        assert (missing.content_type, missing.size, missing.original_name) == (
            "application/pdf",
            None,
            "",
        )
    finally:
        _migrate(_latest())
