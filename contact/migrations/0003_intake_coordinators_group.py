"""The "Intake coordinators" group: the only non-superusers who see registrations.

They may view, change (status, assignee, internal notes) and export registrations and use the
admin. They may not delete them (superusers only) and nobody adds them in the admin.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Intake coordinators"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("contact", "registration", "view_registration"),
    ("contact", "registration", "change_registration"),
    ("contact", "registration", "export_registration"),
]


def ensure_permissions_exist(apps):
    # Permissions are normally created after all migrations run; these are needed now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_group(apps, schema_editor):
    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, model, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label=app_label,
                content_type__model=model,
                codename=codename,
            )
        )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0002_registration_flow"),
        ("core", "0002_staff_groups"),
        ("wagtailadmin", "0006_formstate"),
        # After Wagtail's own data migrations that hand choose permissions to every admin group.
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
