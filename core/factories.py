"""Factories for users, images, the home and standard pages and the shared StreamField blocks.

Pages use wagtail-factories' ``PageFactory``: pass ``parent=`` to place a page in the tree.
Stream fields use ``StreamFieldFactory`` with wagtail-factories' keyword syntax, for example::

    StandardPageFactory(
        parent=home,
        body__0__heading__text="What to expect",
        body__1__paragraph__value="<p>Plain words.</p>",
        body__2="quote",  # a quote with the factory's default values
    )

Each block factory can also be called on its own and returns the block's native value, ready to
put in a stream as a ``(block_name, value)`` pair::

    page.body = [("heading", HeadingBlockFactory(text="Treatment")), ...]
"""

import factory
import wagtail_factories
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail import blocks as wagtail_blocks
from wagtail.models import Collection, Page, Site
from wagtail.rich_text import RichText

from core import blocks
from core.models import CustomImage, HomePage, LanguageAssistancePage, SiteSettings, StandardPage
from users.models import User

# A known password so tests can sign in with the test client or a browser.
TEST_PASSWORD = "a-long-test-only-password"  # noqa: S105


class UserFactory(DjangoModelFactory):
    """A user. ``UserFactory(superuser=True)`` for an administrator."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(TEST_PASSWORD)


def root_collection():
    return Collection.get_first_root_node()


class CustomImageFactory(wagtail_factories.ImageFactory):
    """An image with a small generated PNG, in the root collection."""

    class Meta:
        model = CustomImage

    # wagtail-factories makes a new root collection per image; Wagtail expects exactly one.
    collection = factory.LazyFunction(root_collection)
    title = factory.Sequence(lambda n: f"Image {n}")
    description = factory.LazyAttribute(lambda image: f"{image.title}, an illustration")
    file = factory.django.ImageField(
        width=640, height=360, color="steelblue", format="PNG", filename="placeholder.png"
    )


# --- Blocks ---------------------------------------------------------------------------------


class RichTextBlockFactory(wagtail_factories.blocks.BlockFactory):
    """A rich text value; override with ``value="<p>...</p>"``."""

    value = "<p>Your care team will explain each step and answer your questions.</p>"

    class Meta:
        model = wagtail_blocks.RichTextBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return RichText(kwargs.get("value") or "")


class ParagraphBlockFactory(RichTextBlockFactory):
    class Meta:
        model = blocks.ParagraphBlock


class RichStructBlockFactory(wagtail_factories.StructBlockFactory):
    """A StructBlock factory that accepts plain HTML strings for its rich text children."""

    class Meta:
        abstract = True

    @classmethod
    def _construct_struct_value(cls, block_class, params):
        block = block_class()
        for name, child in block.child_blocks.items():
            if isinstance(child, wagtail_blocks.RichTextBlock) and isinstance(
                params.get(name), str
            ):
                params[name] = RichText(params[name])
        return block_class._meta_class.value_class(block, list(params.items()))


class HeadingBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = blocks.HeadingBlock

    text = factory.Sequence(lambda n: f"Section {n}")
    level = "h2"


class CalloutBlockFactory(RichStructBlockFactory):
    class Meta:
        model = blocks.CalloutBlock

    title = "Bring your scans and reports"
    body = "<p>Your team can plan sooner when they can see your recent imaging.</p>"


class QuoteBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = blocks.QuoteBlock

    quote = "The team explained every choice and let me take the time I needed."
    attribution = "A patient of the program"


class ImageChooserBlockFactory(wagtail_factories.ImageChooserBlockFactory):
    image = factory.SubFactory(CustomImageFactory)


class ImageBlockFactory(wagtail_factories.ImageBlockFactory):
    """The image block's value: the image with its alt text, "decorative" and caption."""

    class Meta:
        model = blocks.ImageBlock

    image = factory.SubFactory(ImageChooserBlockFactory)
    alt_text = ""
    decorative = False
    caption = ""

    @classmethod
    def _construct_struct_value(cls, block_class, params):
        return block_class().normalize(params)


class BodyStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    heading = factory.SubFactory(HeadingBlockFactory)
    paragraph = factory.SubFactory(ParagraphBlockFactory)
    callout = factory.SubFactory(CalloutBlockFactory)
    image = factory.SubFactory(ImageBlockFactory)
    quote = factory.SubFactory(QuoteBlockFactory)

    class Meta:
        model = blocks.BodyStreamBlock


# --- Pages ----------------------------------------------------------------------------------


def tree_root():
    return Page.get_first_root_node()


def default_home_page():
    """The site's home page, creating one when none exists (factories' default parent)."""
    home = HomePage.objects.first()
    return home if home is not None else HomePageFactory()


def set_site_root(page, hostname="localhost", port=80):
    """Make ``page`` the default site's root page, creating the site if there is none."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    site.root_page = page
    site.hostname = hostname
    site.port = port
    site.site_name = page.title
    site.save()
    Site.clear_site_root_paths_cache()
    return site


class BasePageFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    summary = factory.LazyAttribute(lambda page: f"A short description of {page.title}.")


class HomePageFactory(BasePageFactory):
    """The home page, under the tree root and (by default) made the default site's root.

    ``HomePageFactory(set_as_site_root=False)`` leaves the site alone.
    """

    class Meta:
        model = HomePage
        skip_postgeneration_save = True

    parent = factory.LazyFunction(tree_root)
    title = "Home"
    # The tree root already holds Wagtail's default page with the slug "home".
    slug = factory.Sequence(lambda n: f"home-{n}")
    intro = "<p>Specialist care, close to home.</p>"
    body = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)

    @factory.post_generation
    def set_as_site_root(page, create, extracted, **kwargs):
        if create and extracted is not False:
            set_site_root(page)


class StandardPageFactory(BasePageFactory):
    class Meta:
        model = StandardPage

    parent = factory.LazyFunction(default_home_page)
    body = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)


class LanguageAssistancePageFactory(BasePageFactory):
    class Meta:
        model = LanguageAssistancePage

    parent = factory.LazyFunction(default_home_page)
    title = "Language assistance"
    notice = "<p>Language help is free. Call 1-888-555-0142.</p>"
    taglines = factory.LazyFunction(list)


class SiteSettingsFactory(DjangoModelFactory):
    """Settings for the default site (one row per site: get-or-create by site)."""

    class Meta:
        model = SiteSettings
        django_get_or_create = ("site",)

    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    organisation_name = "Example Health"
    new_patient_phone = "1-888-555-0142"
    phone_hours = "Monday to Friday, 8 a.m. to 6 p.m."
    virtual_visits_offered = True
    virtual_visits_text = "Virtual visits are available for many first appointments."
    accreditation = "A designated comprehensive cancer center"
