"""The language assistance notice: a page staff edit, linked from every page's footer in the
reader's language, with each tagline marked with its language (and direction)."""

import pytest
from bs4 import BeautifulSoup

from core.factories import LanguageAssistancePageFactory
from core.models import LanguageAssistancePage, StandardPage
from tests.core.builders import translate_page

pytestmark = pytest.mark.django_db

TAGLINES = [
    ("tagline", {"language_code": "vi", "language_name": "Tiếng Việt", "text": "CHÚ Ý: gọi số."}),
    ("tagline", {"language_code": "ar", "language_name": "العربية", "text": "تنبيه: اتصل."}),
]


def footer_link(client, path):
    html = BeautifulSoup(client.get(path).content, "html.parser")
    link = html.select_one(".site-footer a[href*='language'], .site-footer a[href*='idioma']")
    return (link["href"], link.get_text(strip=True)) if link else None


@pytest.fixture
def notice(site_tree):
    return LanguageAssistancePageFactory(
        parent=site_tree.home, slug="language-assistance", taglines=TAGLINES
    )


def test_no_footer_link_until_a_notice_is_published(client, site_tree):
    assert footer_link(client, "/") is None


def test_footer_links_the_notice_on_every_page(client, site_tree, notice):
    for path in ["/", "/spinal-tumor-program/", "/conditions/", "/no-such-page/"]:
        assert footer_link(client, path) == ("/language-assistance/", "Language assistance")


def test_taglines_carry_their_language_and_direction(client, notice):
    html = BeautifulSoup(client.get("/language-assistance/").content, "html.parser")
    taglines = {item["lang"]: item["dir"] for item in html.select(".taglines li")}
    assert taglines == {"vi": "ltr", "ar": "rtl"}
    assert "Language help is free" in html.get_text()


def test_spanish_pages_link_the_spanish_notice(client, site_tree, notice):
    translate_page(site_tree.home, title="Inicio")
    # Until it is translated, Spanish pages link the English notice.
    assert footer_link(client, "/es/") == ("/language-assistance/", "Language assistance")
    translate_page(notice, title="Ayuda con el idioma", slug="ayuda-con-el-idioma")
    assert footer_link(client, "/es/") == ("/es/ayuda-con-el-idioma/", "Ayuda con el idioma")
    assert footer_link(client, "/") == ("/language-assistance/", "Language assistance")


def test_one_notice_per_language(site_tree, notice):
    assert not LanguageAssistancePage.can_create_at(site_tree.home)
    assert StandardPage.can_create_at(site_tree.home)
