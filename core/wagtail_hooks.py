from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.site_text import SiteTextTranslation


@hooks.register("before_serve_page")
def note_page_for_page_cache(page, request, serve_args, serve_kwargs):
    """The page cache keeps only what Wagtail served, and asks which page it was."""
    request.page_cache_page = page


class SiteTextViewSet(SnippetViewSet):
    model = SiteTextTranslation
    icon = "globe"
    add_to_settings_menu = True
    menu_label = _("Site text in other languages")
    list_display = ["__str__", "phone_hours"]


register_snippet(SiteTextViewSet)
