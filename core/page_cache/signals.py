"""When content changes, purge what shows it (core.page_cache.purge).

Publishing, unpublishing and deleting a page purge it and its listings in the page cache and
the HTTP cache in front; moving it or changing its slug purges everything (every address below
it changed). Any other save of a page (a draft, a script saving a live page) forgets the page
cache's own copies and starts a new content generation, without an HTTP purge. Site settings,
sites and private sections change what every page shows.
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.page_cache import purge
from core.site_text import SiteTextTranslation


def _is_page(sender):
    return isinstance(sender, type) and issubclass(sender, Page)


def on_published(sender, instance, **kwargs):
    purge.purge_page_and_listings(instance)


def on_unpublished(sender, instance, **kwargs):
    purge.purge_page_and_listings(instance)


def on_page_saved(sender, instance, raw=False, **kwargs):
    if _is_page(sender) and not raw:
        purge.purge_page_and_listings(instance, frontend=False)


def before_page_deleted(sender, instance, **kwargs):
    if _is_page(sender) and instance.live:
        purge.purge_page_and_listings(instance)


def on_moved(sender, instance, url_path_before=None, **kwargs):
    # A move changes the address of the page and everything below it, and the old listings
    # (a service line no longer has it): rare enough to purge everything, old addresses too.
    purge.purge_new_address(instance, url_path_before or instance.url_path)


def on_slug_changed(sender, instance, instance_before=None, **kwargs):
    before = instance_before.url_path if instance_before is not None else instance.url_path
    purge.purge_new_address(instance, before)


def on_everything_changed(sender, **kwargs):
    if not kwargs.get("raw"):
        purge.purge_everything()


def connect():
    page_published.connect(on_published, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="page_cache_moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="page_cache_slug_changed")
    post_save.connect(on_page_saved, dispatch_uid="page_cache_page_saved")
    pre_delete.connect(before_page_deleted, dispatch_uid="page_cache_page_deleted")
    for model in (Site, PageViewRestriction, SiteTextTranslation):
        post_save.connect(on_everything_changed, sender=model, dispatch_uid=f"pc_{model.__name__}")
        post_delete.connect(
            on_everything_changed, sender=model, dispatch_uid=f"pc_del_{model.__name__}"
        )
    post_save.connect(_on_setting_saved, dispatch_uid="page_cache_setting_saved")


def _on_setting_saved(sender, raw=False, created=False, **kwargs):
    # A setting created on first read (Wagtail's get_or_create) changes nothing shown.
    if created or raw:
        return
    if isinstance(sender, type) and issubclass(sender, BaseSiteSetting):
        purge.purge_everything()
