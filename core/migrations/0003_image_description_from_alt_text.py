"""Images move from this project's own alt_text field to Wagtail's description field.

Wagtail already uses an image's description as its default alt text, so the copy is the one
place editors describe an image. A description an editor already wrote is kept; the next
migration removes alt_text.
"""

from django.db import migrations
from django.db.models import F


def copy_alt_text_to_description(apps, schema_editor):
    CustomImage = apps.get_model("core", "CustomImage")
    CustomImage.objects.filter(description="").exclude(alt_text="").update(
        description=F("alt_text")
    )


def copy_description_to_alt_text(apps, schema_editor):
    CustomImage = apps.get_model("core", "CustomImage")
    CustomImage.objects.filter(alt_text="").update(alt_text=F("description"))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_staff_groups"),
    ]

    operations = [
        migrations.RunPython(copy_alt_text_to_description, copy_description_to_alt_text),
    ]
