"""Editors and Moderators manage medical reviewers (the Reviewer snippet); only Moderators
delete them.

This grant used to live in core's 0002_staff_groups. Databases that ran that version already
have it: adding a permission a group has is a no-op, so this migration is safe to run there.
"""

from django.db import migrations

from core.migration_helpers import grant_model_permissions

PERMISSIONS = {
    "Editors": [
        ("conditions", "reviewer", "add_reviewer"),
        ("conditions", "reviewer", "change_reviewer"),
    ],
    "Moderators": [
        ("conditions", "reviewer", "add_reviewer"),
        ("conditions", "reviewer", "change_reviewer"),
        ("conditions", "reviewer", "delete_reviewer"),
    ],
}


def grant_reviewer_permissions(apps, schema_editor):
    grant_model_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0003_reviewer_link_cascade"),
        # The groups and their other permissions come from core.
        ("core", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_reviewer_permissions, migrations.RunPython.noop)]
