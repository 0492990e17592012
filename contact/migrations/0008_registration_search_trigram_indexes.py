"""Trigram indexes for the intake search on PostgreSQL (a no-op on SQLite).

The search (contact/admin/filters.py) uses icontains, which PostgreSQL runs as
UPPER(col::text) LIKE UPPER('%term%'): a B-tree cannot help, a trigram GIN index on the same
expression can. At 100 000 registrations this keeps search near its 100-row time.
"""

from django.db import migrations

COLUMNS = {
    "registration_reference_trgm": 'UPPER(("reference")::text)',
    "registration_first_name_trgm": 'UPPER(("first_name")::text)',
    "registration_last_name_trgm": 'UPPER(("last_name")::text)',
    "registration_phone_trgm": '("phone")::text',
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in COLUMNS.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "contact_registration" '
            f"USING gin (({expression}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in COLUMNS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("contact", "0007_intake_statuses_from_four")]

    operations = [migrations.RunPython(create, drop)]
