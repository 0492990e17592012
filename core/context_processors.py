from wagtail.models import Site

from core import generation
from core.visibility import public_pages


def navigation(request):
    """Top-level pages marked 'show in menus', for the main navigation: read once per content
    generation (core.generation), not on every request."""
    site = Site.find_for_request(request)
    if site is None:
        return {"main_navigation": []}
    return {
        "main_navigation": generation.remembered(
            ("main-navigation", site.pk), lambda: _menu_pages(site)
        )
    }


def _menu_pages(site):
    pages = site.root_page.get_children().live().in_menu()
    return list(public_pages(pages).only("id", "title", "url_path", "path", "depth"))
