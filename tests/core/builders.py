"""The shared page tree, usable from pytest fixtures and from unittest classes.

The fixtures in tests/conftest.py wrap these; WagtailPageTestCase classes call them from
setUpTestData, where pytest fixtures are not available. Pages come from the project's
factories (core/factories.py, conditions/factories.py).
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, Site

from conditions.factories import ConditionIndexPageFactory, ServiceLinePageFactory
from conditions.models import ConditionIndexPage, ServiceLinePage
from core.factories import HomePageFactory, SiteSettingsFactory, UserFactory
from core.models import HomePage

PHONE = "1-888-555-0142"
PHONE_E164 = "+18885550142"


@dataclass
class SiteTree:
    site: Site
    home: HomePage
    service_line: ServiceLinePage
    condition_index: ConditionIndexPage


def build_site_tree():
    """Home (the default site's root) → a service line, and home → the conditions A–Z index.

    Wagtail's own welcome page is removed so the home page is the only page at depth 2.
    """
    home = HomePageFactory(title="Home")
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    Site.clear_site_root_paths_cache()
    service_line = ServiceLinePageFactory(
        parent=home,
        title="Spinal Tumor Program",
        summary="Care for tumors that start in or spread to the spine.",
    )
    condition_index = ConditionIndexPageFactory(parent=home)
    return SiteTree(
        site=Site.objects.get(is_default_site=True),
        home=home,
        service_line=service_line,
        condition_index=condition_index,
    )


def configure_site_settings(site, **fields):
    """Site settings for `site` with the new-patient phone 1-888-555-0142."""
    fields.setdefault("new_patient_phone", PHONE)
    settings = SiteSettingsFactory(site=site)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    return settings


def member_of(group_name, username):
    """A user named ``username`` (first name ``username.capitalize()``, last name "Staff") in the
    staff group ``group_name`` (created by migrations); ``None`` for no group."""
    user = UserFactory(username=username, first_name=username.capitalize(), last_name="Staff")
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def drop_cache_keys(cache):
    """Delete only ``cache``'s own keys (its KEY_PREFIX) from Redis.

    ``cache.clear()`` is FLUSHDB: it would also wipe the keys of a test running at the same
    time in another pytest-xdist worker (or another checkout) on the same Redis database.
    """
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=f"{cache.key_prefix}:*"):
        client.delete(key)


def translate_page(page, language="es", *, copy_parents=False, **fields):
    """The live translation of ``page`` into ``language`` (Wagtail's copy_for_translation), with
    ``fields`` (title, slug, ...) set as a translator would."""
    translation = page.copy_for_translation(
        Locale.objects.get(language_code=language), copy_parents=copy_parents
    )
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    Site.clear_site_root_paths_cache()
    return translation.specific_class.objects.get(pk=translation.pk)
