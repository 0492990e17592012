"""Staff groups and their permissions, so no one has to set them up by hand.

Editors write and submit pages for review; Moderators also publish, and manage site settings.
Wagtail's own migrations create both groups and grant image and document permissions;
this one adds what core's models need. Apps built on core grant their own models'
permissions in their own migrations (conditions: 0004_reviewer_permissions).
"""

from django.db import migrations

from core.migration_helpers import grant_model_permissions, grant_page_permissions

PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
MODEL_PERMISSIONS = {
    "Editors": [
        ("wagtailadmin", "admin", "access_admin"),
    ],
    "Moderators": [
        ("wagtailadmin", "admin", "access_admin"),
        ("core", "sitesettings", "change_sitesettings"),
    ],
}


def create_groups(apps, schema_editor):
    grant_model_permissions(apps, MODEL_PERMISSIONS)
    grant_page_permissions(apps, PAGE_PERMISSIONS)

class Migration(migrations.Migration):
    # Databases that ran an earlier version of this migration (which also granted the
    # reviewer permissions and depended on conditions) keep what it granted.
    dependencies = [
        ("core", "0001_initial"),
        ("users", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
