"""What to forget when content changes: a page, and every page that shows it.

A page is shown by its ancestors (the home page and its service line list it; its title is in
its descendants' breadcrumbs), by the pages that link to it (Wagtail's reference index:
related conditions, page links in blocks and rich text) and by whatever the apps above core
say through the ``page_cache_dependents`` hook (the A–Z lists every condition page). A page in
the main menu is on every page, so it, site settings and private sections purge everything.

Each purge forgets the pages in this app's page cache (core.page_cache.store), starts a new
content generation (core.generation) and asks Wagtail's frontend cache to purge the same URLs
from the HTTP cache in front (settings.WAGTAILFRONTENDCACHE, e.g. Varnish), through the task
queue. It runs at once and again when the transaction commits, so no process can keep what it
read in between.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex, Site

from core import generation
from core.page_cache import store

EVERYTHING = None  # what pages_showing() answers when every page shows the change


def _in_main_menu(page):
    root_depths = set(Site.objects.values_list("root_page__depth", flat=True))
    return page.show_in_menus and page.depth - 1 in root_depths


def pages_showing(page):
    """The pages that show ``page`` (itself included), or EVERYTHING."""
    if _in_main_menu(page):
        return EVERYTHING
    ids = {page.pk}
    ids.update(page.get_ancestors().filter(depth__gt=1).values_list("pk", flat=True))
    ids.update(page.get_descendants().values_list("pk", flat=True))
    page_type = ContentType.objects.get_for_model(Page)
    ids.update(
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(page)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    for dependents in hooks.get_hooks("page_cache_dependents"):
        ids.update(other.pk for other in dependents(page))
    return list(Page.objects.filter(pk__in=ids))


def _urls(pages):
    batch = PurgeBatch()
    batch.add_pages(pages)
    return batch.urls


def _paths(urls):
    return {urlsplit(url).path for url in urls}


def _frontend_purge(urls):
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        PurgeBatch(urls).purge()


def purge_everything(*, frontend=True):
    """Every page: site settings, the menu or a private section changed."""

    def run():
        store.new_pages_token()
        generation.bump()

    run()
    transaction.on_commit(run)
    if frontend:
        urls = _urls(Page.objects.live().filter(depth__gt=1))
        transaction.on_commit(lambda: _frontend_purge(urls))


def purge_urls(urls, *, frontend=True):
    """These URLs (a page's old address after a move, say) and nothing else."""
    urls = set(urls)

    def run():
        store.forget_paths(_paths(urls))
        generation.bump()

    run()
    transaction.on_commit(run)
    if frontend:
        transaction.on_commit(lambda: _frontend_purge(urls))


def purge_pages(pages, *, frontend=True):
    """These pages at their current addresses."""
    purge_urls(_urls(pages), frontend=frontend)


def purge_new_address(page, url_path_before):
    """A move or a new slug: every page, and the old addresses of the page and everything
    below it (a reader of the HTTP cache would otherwise still get the old copies there)."""
    purge_everything()
    site = page.get_site()
    if site is None:
        return
    root = site.root_page.url_path
    if not (url_path_before.startswith(root) and page.url_path.startswith(root)):
        return  # moved between sites: the old site's pages were purged with everything
    old_prefix, new_prefix = "/" + url_path_before[len(root) :], "/" + page.url_path[len(root) :]
    old_urls = set()
    for url in _urls(page.get_descendants(inclusive=True)):
        parts = urlsplit(url)
        if parts.path.startswith(new_prefix):
            old_path = old_prefix + parts.path[len(new_prefix) :]
            old_urls.add(parts._replace(path=old_path).geturl())
    purge_urls(old_urls)


def purge_page_and_listings(page, *, frontend=True):
    """A page was published, unpublished, moved, deleted or saved: it and what shows it."""
    showing = pages_showing(page)
    if showing is EVERYTHING:
        purge_everything(frontend=frontend)
    else:
        purge_pages(showing, frontend=frontend)
