"""Staff groups and their permissions, so no one has to set them up by hand.

Editors write and submit pages for review; Moderators also publish, and manage site settings.
Wagtail's own migrations create both groups and grant image and document permissions;
this one adds what our models need.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
MODEL_PERMISSIONS = {
    "Editors": [
        ("wagtailadmin", "admin", "access_admin"),
        ("conditions", "reviewer", "add_reviewer"),
        ("conditions", "reviewer", "change_reviewer"),
    ],
    "Moderators": [
        ("wagtailadmin", "admin", "access_admin"),
        ("conditions", "reviewer", "add_reviewer"),
        ("conditions", "reviewer", "change_reviewer"),
        ("conditions", "reviewer", "delete_reviewer"),
        ("core", "sitesettings", "change_sitesettings"),
    ],
}


def ensure_permissions_exist(apps):
    # Permissions are normally created after all migrations run; these are needed now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_groups(apps, schema_editor):
    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    root_page = Page.objects.filter(depth=1).first()

    for group_name in ("Editors", "Moderators"):
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, model, codename in MODEL_PERMISSIONS[group_name]:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=codename,
                )
            )
        if root_page:
            for codename in PAGE_PERMISSIONS[group_name]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("users", "0001_initial"),
        ("conditions", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
