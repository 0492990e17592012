from django.utils import translation
from wagtail.models import Site

from core import generation
from core.visibility import public_pages


def navigation(request):
    """Top-level pages marked 'show in menus', for the main navigation: read once per content
    generation (core.generation) and language, not on every request."""
    site = Site.find_for_request(request)
    if site is None:
        return {"main_navigation": []}
    return {
        "main_navigation": generation.remembered(
            ("main-navigation", site.pk, translation.get_language()),
            lambda: _menu_pages(site),
        )
    }


def _menu_pages(site):
    # The home page in the active language (Spanish pages list the Spanish sections).
    pages = site.root_page.localized.get_children().live().in_menu()
    return list(public_pages(pages).only("id", "title", "url_path", "path", "depth"))
