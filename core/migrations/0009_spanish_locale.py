"""The site's languages as Wagtail locales: English (the default, "en") and Spanish ("es").

Databases made before languages were configured hold the default locale as "en-us" (the old
LANGUAGE_CODE); it becomes "en", keeping its pages.
"""

from django.db import migrations


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    if not Locale.objects.filter(language_code="en").exists():
        Locale.objects.filter(language_code="en-us").update(language_code="en")
    Locale.objects.get_or_create(language_code="en")
    Locale.objects.get_or_create(language_code="es")


def remove_spanish(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    if not Page.objects.filter(locale__language_code="es").exists():
        apps.get_model("wagtailcore", "Locale").objects.filter(language_code="es").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_site_settings_medical_review_interval"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(add_locales, remove_spanish)]
