"""English at unprefixed URLs, Spanish under /es/: routing, the language switcher, hreflang,
lang attributes, the sitemap and the page cache per language (core/i18n.py)."""

from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from tests.core.builders import build_site_tree, translate_page
from tests.shared_data import fresh_copy, shared_data


@dataclass
class Bilingual:
    tree: object
    home_es: object
    service_line_es: object


def build_bilingual():
    tree = build_site_tree()
    home_es = translate_page(tree.home, title="Inicio")
    service_line_es = translate_page(
        tree.service_line, title="Programa de Tumores de la Columna", slug="programa-columna"
    )
    return Bilingual(tree=tree, home_es=home_es, service_line_es=service_line_es)


@pytest.fixture(scope="module")
def _module_bilingual(request, django_db_setup, django_db_blocker):
    with shared_data(request, django_db_blocker, build_bilingual) as data:
        yield data


@pytest.fixture
def bilingual(db, _module_bilingual):
    return fresh_copy(_module_bilingual) if _module_bilingual else build_bilingual()


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_spanish_pages_are_served_under_es(client, bilingual):
    response = client.get("/es/programa-columna/")
    assert response.status_code == 200
    assert response.context["page"].pk == bilingual.service_line_es.pk
    html = soup(response)
    assert html.html["lang"] == "es"
    assert response["Content-Language"] == "es"
    assert html.h1.get_text(strip=True) == "Programa de Tumores de la Columna"


def test_english_pages_stay_unprefixed_whatever_the_browser_prefers(client, bilingual):
    response = client.get("/spinal-tumor-program/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"
    assert response["Content-Language"] == "en"
    # The URL alone says the language: no Vary on Accept-Language to split caches by.
    assert "accept-language" not in response.get("Vary", "").lower()
    assert client.get("/en/spinal-tumor-program/").status_code == 404


def test_english_slug_under_es_is_not_found(client, bilingual):
    # The Spanish tree is routed from the Spanish home: English slugs are not Spanish pages.
    assert client.get("/es/spinal-tumor-program/").status_code == 404


def test_switcher_goes_to_the_translation_of_the_same_page(client, bilingual):
    html = soup(client.get("/spinal-tumor-program/"))
    link = html.select_one(".language-switcher a")
    assert link["href"] == "/es/programa-columna/"
    assert link["lang"] == "es"
    assert html.select_one(".language-switcher__note") is None

    back = soup(client.get("/es/programa-columna/")).select_one(".language-switcher a")
    assert back["href"] == "/spinal-tumor-program/"
    assert back.get_text(strip=True) == "English"


def test_switcher_without_translation_goes_to_spanish_home_with_a_note(client, bilingual):
    html = soup(client.get("/conditions/"))  # the A–Z index has no Spanish version here
    link = html.select_one(".language-switcher a")
    assert link["href"] == "/es/"
    note = html.select_one(".language-switcher__note")
    assert note["lang"] == "es"
    assert "no está traducida" in note.get_text()


def test_hreflang_alternates_with_x_default(client, bilingual):
    html = soup(client.get("/es/programa-columna/"))
    alternates = {
        link["hreflang"]: link["href"] for link in html.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "en": "http://localhost/spinal-tumor-program/",
        "es": "http://localhost/es/programa-columna/",
        "x-default": "http://localhost/spinal-tumor-program/",
    }
    # An untranslated page names no alternates it does not have.
    assert not soup(client.get("/conditions/")).select('link[rel="alternate"][hreflang]')


def test_spanish_home_and_its_menu(client, bilingual):
    for page in (bilingual.tree.service_line, bilingual.service_line_es):
        page.show_in_menus = True
        page.save_revision().publish()
    response = client.get("/es/")
    assert response.context["page"].pk == bilingual.home_es.pk
    menu = [a.get_text(strip=True) for a in soup(response).select(".site-nav a")]
    assert menu == ["Programa de Tumores de la Columna"]
    english_menu = [a.get_text(strip=True) for a in soup(client.get("/")).select(".site-nav a")]
    assert english_menu == ["Spinal Tumor Program"]


def test_sitemap_lists_both_languages(client, bilingual):
    body = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/spinal-tumor-program/</loc>" in body
    assert "<loc>http://localhost/es/programa-columna/</loc>" in body
    assert "<loc>http://localhost/es/</loc>" in body


def test_search_in_spanish(client, bilingual):
    response = client.get("/es/search/", {"q": "columna"})
    assert response.status_code == 200
    assert soup(response).html["lang"] == "es"


@override_settings(PAGE_CACHE_ENABLED=True)
def test_page_cache_keeps_each_language_under_its_own_url(client, bilingual):
    english = client.get("/spinal-tumor-program/")
    spanish = client.get("/es/programa-columna/")
    assert english["X-Page-Cache"] == "miss" and spanish["X-Page-Cache"] == "miss"
    english_hit = client.get("/spinal-tumor-program/", HTTP_ACCEPT_LANGUAGE="es")
    spanish_hit = client.get("/es/programa-columna/")
    assert english_hit["X-Page-Cache"] == "hit" and spanish_hit["X-Page-Cache"] == "hit"
    assert english_hit["Content-Language"] == "en"
    assert spanish_hit["Content-Language"] == "es"
    assert b'lang="es"' in spanish_hit.content and b'lang="en"' in english_hit.content
