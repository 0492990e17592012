"""The page in the site's other languages: the language switcher and hreflang alternates.

What a page's translations are (and their addresses) is remembered per content generation
(core.generation), so a page costs no query for them once read.
"""

import copy

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from core import generation

register = template.Library()


def _addresses(pages, request):
    found = {}
    for page in pages:
        parts = page.get_url_parts(request)
        if parts is not None:
            _site_id, root_url, path = parts
            found[page.locale.language_code] = {"path": path, "url": f"{root_url}{path}"}
    return found


def _translations(page, request):
    pages = (
        Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
    )
    return _addresses(pages, request)


def _homes(request):
    site = Site.find_for_request(request)
    if site is None:
        return {}
    return _translations(site.root_page, request)


def _site_key(request):
    site = Site.find_for_request(request)
    return site.pk if site else None


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per site language: its code and name, the address of this page in it (else
    of the home page in it, with ``translated`` False), and whether it is the current one."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    site_key = _site_key(request)
    homes = generation.remembered(("language-homes", site_key), lambda: _homes(request))
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = generation.remembered(
            ("page-translations", site_key, str(page.translation_key)),
            lambda: _translations(page, request),
        )
    current = translation.get_language()
    versions = []
    for code, name in settings.LANGUAGES:
        address = translations.get(code)
        fallback = homes.get(code)
        if address is None and fallback is None:
            continue
        versions.append(
            {
                "code": code,
                "name": name,
                "translated": address is not None,
                "path": (address or fallback)["path"],
                "url": (address or fallback)["url"],
                "current": code == current,
            }
        )
    return versions


@register.simple_tag(takes_context=True)
def hreflang_alternates(context):
    """``<link rel="alternate">`` targets: every live translation of the page, and x-default
    for the default language's version."""
    alternates = [v for v in language_versions(context) if v["translated"]]
    if len(alternates) < 2:
        return []
    links = [{"hreflang": v["code"], "url": v["url"]} for v in alternates]
    default = next((v for v in alternates if v["code"] == settings.LANGUAGE_CODE), None)
    if default is not None:
        links.append({"hreflang": "x-default", "url": default["url"]})
    return links


def _assistance_page(language):
    from core.models import LanguageAssistancePage

    pages = LanguageAssistancePage.objects.live().public().select_related("locale")
    by_language = {page.locale.language_code: page for page in pages.order_by("path")}
    return by_language.get(language) or by_language.get(settings.LANGUAGE_CODE)


@register.simple_tag
def language_assistance_page():
    """The language assistance notice in the current language (else the default's), for the
    footer link on every page; None until an editor publishes one."""
    language = translation.get_language()
    return generation.remembered(
        ("language-assistance", language), lambda: _assistance_page(language)
    )


def _site_text(language):
    from core.site_text import TRANSLATED_FIELDS, SiteTextTranslation

    row = SiteTextTranslation.objects.filter(language=language).first()
    if row is None:
        return {}
    return {name: getattr(row, name) for name in TRANSLATED_FIELDS if getattr(row, name)}


@register.simple_tag(takes_context=True)
def localized_site_settings(context):
    """The site settings with their wording in the current language where an editor gave it
    (core/site_text.py); the English values otherwise."""
    proxy = context.get("settings")
    if proxy is None:
        from core.models import SiteSettings

        site_settings = SiteSettings.for_request(context["request"])
    else:
        site_settings = proxy["core"]["SiteSettings"]
    language = translation.get_language()
    if language == settings.LANGUAGE_CODE:
        return site_settings
    wording = generation.remembered(("site-text", language), lambda: _site_text(language))
    if not wording:
        return site_settings
    localized = copy.copy(site_settings)
    for name, value in wording.items():
        setattr(localized, name, value)
    return localized


def in_current_language(page):
    """``page`` in the active language when it has a live translation in it. Pages are chosen in
    English (site settings), so on English pages this costs no query."""
    if page is None or translation.get_language() == settings.LANGUAGE_CODE:
        return page
    return page.localized


register.filter("in_current_language", in_current_language)
