"""Images: Wagtail's description is the default alt text; the image block is Wagtail's
ImageBlock with a caption, and pages saved with the earlier block shape still render."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.blocks import StreamValue

from core.blocks import BodyStreamBlock, ImageBlock
from core.factories import CustomImageFactory, ImageBlockFactory, StandardPageFactory
from core.models import StandardPage
from tests.core.form_helpers import edit_form_data


def figure(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("main figure.figure")


@pytest.fixture
def image(db):
    return CustomImageFactory(title="Clinic entrance", description="The clinic's glass entrance")


@pytest.mark.django_db
def test_image_block_renders_its_alt_text_and_caption(client, site_tree, image):
    block = ImageBlockFactory(image=image, alt_text="A nurse greets a patient", caption="Level 2")
    page = StandardPageFactory(parent=site_tree.home, body=[("image", block)])

    rendered = figure(client, page)
    assert rendered.img["alt"] == "A nurse greets a patient"
    assert rendered.figcaption.get_text() == "Level 2"


@pytest.mark.django_db
def test_blank_alt_text_uses_the_images_description(client, site_tree, image):
    page = StandardPageFactory(
        parent=site_tree.home, body=[("image", ImageBlockFactory(image=image))]
    )

    rendered = figure(client, page)
    assert rendered.img["alt"] == "The clinic's glass entrance"
    assert rendered.figcaption is None


@pytest.mark.django_db
def test_a_decorative_image_has_empty_alt_text(client, site_tree, image):
    block = ImageBlockFactory(image=image, alt_text="Ignored", decorative=True)
    page = StandardPageFactory(parent=site_tree.home, body=[("image", block)])

    assert figure(client, page).img["alt"] == ""


@pytest.mark.django_db
def test_a_block_saved_in_the_earlier_shape_renders_the_same(client, site_tree, image):
    """The StructBlock this replaced stored {image, alt_text, decorative, caption}."""
    page = StandardPageFactory(parent=site_tree.home)
    stored = [
        {
            "type": "image",
            "id": "3f1c2d6e-1111-4c3a-9a41-0123456789ab",
            "value": {"image": image.pk, "alt_text": "", "decorative": False, "caption": "Hi"},
        },
        {
            "type": "image",
            "id": "3f1c2d6e-2222-4c3a-9a41-0123456789ab",
            "value": {"image": image.pk, "alt_text": "Own words", "decorative": False},
        },
    ]
    StandardPage.objects.filter(pk=page.pk).update(
        body=StreamValue(BodyStreamBlock(), stored, is_lazy=True)
    )
    page.refresh_from_db()

    response = client.get(page.url)
    figures = BeautifulSoup(response.content, "html.parser").select("main figure.figure")
    assert [f.img["alt"] for f in figures] == ["The clinic's glass entrance", "Own words"]
    assert [f.figcaption and f.figcaption.get_text() for f in figures] == ["Hi", None]

    # Saved again (as the admin would), the block keeps its shape; the alt text it showed is
    # now its own, as when an editor chooses an image and Wagtail fills in its description.
    assert [child.value.caption for child in page.body] == ["Hi", ""]
    page.save()
    page.refresh_from_db()
    assert page.body.raw_data[0]["value"] == {
        "image": image.pk,
        "decorative": False,
        "alt_text": "The clinic's glass entrance",
        "caption": "Hi",
    }


@pytest.mark.django_db
def test_the_caption_is_stored_and_checked(image):
    block = ImageBlock()
    value = block.normalize({"image": image, "alt_text": "", "decorative": True, "caption": "C"})
    assert block.get_prep_value(value) == {
        "image": image.pk,
        "alt_text": "",
        "decorative": True,
        "caption": "C",
    }
    value.caption = "x" * 256
    with pytest.raises(ValidationError):
        block.clean(value)


@pytest.mark.django_db
def test_an_image_without_alt_text_or_description_must_be_marked_decorative():
    bare = CustomImageFactory(description="")
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.normalize({"image": bare, "alt_text": "", "decorative": False}))


@pytest.mark.django_db
def test_a_page_with_an_image_block_is_edited_in_the_admin(superuser_client, site_tree, image):
    block = ImageBlockFactory(image=image, alt_text="A nurse greets a patient", caption="Level 2")
    page = StandardPageFactory(parent=site_tree.home, body=[("image", block)])
    data = edit_form_data(superuser_client, page)
    data["body-0-value-caption"] = "Level 3"

    response = superuser_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 302
    saved = StandardPage.objects.get(pk=page.pk).get_latest_revision_as_object().body[0].value
    assert (saved.contextual_alt_text, saved.caption) == ("A nurse greets a patient", "Level 3")


# --- The data migration that retired CustomImage.alt_text -----------------------------------

BEFORE = ("core", "0002_staff_groups")
AFTER = ("core", "0004_remove_alt_text_wagtail_image_block")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.fixture
def back_to_latest_schema():
    """Leave every app fully migrated, whatever the test stopped at, for the tests after it."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_alt_text_moves_into_an_empty_description(back_to_latest_schema):
    apps = migrate(BEFORE)
    OldImage = apps.get_model("core", "CustomImage")
    Collection = apps.get_model("wagtailcore", "Collection")
    common = {"file": "original_images/x.png", "width": 1, "height": 1}
    common["collection_id"] = Collection.objects.get(depth=1).pk
    moved = OldImage.objects.create(title="A", alt_text="From alt text", **common)
    kept = OldImage.objects.create(
        title="B", alt_text="Older words", description="Editor's description", **common
    )
    blank = OldImage.objects.create(title="C", **common)

    apps = migrate(AFTER)
    NewImage = apps.get_model("core", "CustomImage")
    assert NewImage.objects.get(pk=moved.pk).description == "From alt text"
    assert NewImage.objects.get(pk=kept.pk).description == "Editor's description"
    assert NewImage.objects.get(pk=blank.pk).description == ""
    assert "alt_text" not in {field.name for field in NewImage._meta.get_fields()}
