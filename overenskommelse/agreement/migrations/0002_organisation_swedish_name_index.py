"""An index on the organisation's name in Swedish order, so the register's first page
reads 25 rows from the index instead of sorting every affiliated organisation.

Only on PostgreSQL with ICU's Swedish collation (`swedish_order` sorts by it there);
SQLite (`make run`) has neither and sorts in memory, which its demo data allows.
"""

from django.db import migrations

INDEX = "organisation_name_sv_idx"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'sv-SE-x-icu'")
        if cursor.fetchone() is None:
            return
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON agreement_organisation "
            '(name COLLATE "sv-SE-x-icu", id)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("agreement", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
