"""Helpers for data migrations that give staff groups their permissions.

Imported by migrations, so keep the signatures stable: changing them changes history.
"""

from django.contrib.auth.management import create_permissions


def ensure_permissions_exist(apps):
    # Permissions are normally created after all migrations run; a data migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant_model_permissions(apps, permissions_by_group):
    """Give each group (created if missing) its (app_label, model, codename) permissions.

    Idempotent: a permission the group already has is left as it is.
    """
    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, permissions in permissions_by_group.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, model, codename in permissions:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=codename,
                )
            )


def grant_page_permissions(apps, permissions_by_group):
    """Give each existing group its wagtailcore page permission codenames (``change_page`` …)
    on the root page, so they apply to the whole tree. Idempotent; nothing without a root page.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root_page = Page.objects.filter(depth=1).first()
    if root_page is None:
        return
    for group_name, codenames in permissions_by_group.items():
        group = Group.objects.get(name=group_name)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
