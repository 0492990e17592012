"""Editors and Moderators manage shared care advice, as they manage reviewers; only Moderators
delete it. Medical reviewers may change it (to record their review of a correction)."""

from django.db import migrations

from core.migration_helpers import grant_model_permissions

PERMISSIONS = {
    "Editors": [
        ("conditions", "sharedcareadvice", "add_sharedcareadvice"),
        ("conditions", "sharedcareadvice", "change_sharedcareadvice"),
    ],
    "Moderators": [
        ("conditions", "sharedcareadvice", "add_sharedcareadvice"),
        ("conditions", "sharedcareadvice", "change_sharedcareadvice"),
        ("conditions", "sharedcareadvice", "delete_sharedcareadvice"),
    ],
    "Medical reviewers": [
        ("conditions", "sharedcareadvice", "change_sharedcareadvice"),
    ],
}


def grant_shared_advice_permissions(apps, schema_editor):
    grant_model_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("conditions", "0011_shared_care_advice")]

    operations = [
        migrations.RunPython(grant_shared_advice_permissions, migrations.RunPython.noop)
    ]
