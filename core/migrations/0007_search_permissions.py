"""Moderators manage the search settings (synonyms) and promoted search results: both change
what patients see at once, without moderation, like publishing."""

from django.db import migrations

from core.migration_helpers import grant_model_permissions

PERMISSIONS = {
    "Moderators": [
        ("core", "searchsettings", "change_searchsettings"),
        ("wagtailsearchpromotions", "searchpromotion", "add_searchpromotion"),
        ("wagtailsearchpromotions", "searchpromotion", "change_searchpromotion"),
        ("wagtailsearchpromotions", "searchpromotion", "delete_searchpromotion"),
    ],
}


def grant_search_permissions(apps, schema_editor):
    grant_model_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_share_image_and_search_settings"),
        ("core", "0002_staff_groups"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_search_permissions, migrations.RunPython.noop)]
