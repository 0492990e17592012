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


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_site_settings_medical_review_interval"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    # Going back keeps the locales: deleting one would take its pages and translations with it.
    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
