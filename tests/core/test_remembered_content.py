"""What every page shows (site settings, the menu, the site, private sections) is remembered
between requests (core.generation) and read again as soon as it changes; routing finds a
page in one query (core.routing) with Wagtail's answers."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from conditions.factories import ConditionPageFactory
from core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def menu_titles(response):
    return [a.get_text(strip=True) for a in soup_of(response).select("nav#navigation a")]


def test_a_site_settings_change_shows_on_the_next_request(client, condition_page, site_settings):
    assert "Example Health" in client.get(condition_page.url).text
    site_settings.organisation_name = "Aldercrest University Health"
    site_settings.save()
    html = client.get(condition_page.url).text
    assert "Aldercrest University Health" in html
    assert "Example Health" not in html


def test_the_menu_follows_publishing(client, condition_page, site_tree):
    assert "About us" not in menu_titles(client.get(condition_page.url))
    about = StandardPageFactory(parent=site_tree.home, title="About us", show_in_menus=True)
    assert "About us" in menu_titles(client.get(condition_page.url))
    about.unpublish()
    assert "About us" not in menu_titles(client.get(condition_page.url))


def test_a_new_private_section_is_private_at_once(client, condition_page, site_tree):
    assert condition_page.title in client.get(site_tree.service_line.url).text
    PageViewRestriction.objects.create(
        page=site_tree.service_line, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    page_html = client.get(condition_page.url).text
    assert 'name="password"' in page_html
    assert "Deep, aching back pain" not in page_html
    # No longer listed in the A–Z, which lists public pages only.
    assert condition_page.title not in client.get(site_tree.condition_index.url).text


def test_a_draft_is_not_found_and_a_live_page_is(client, site_tree, reviewer):
    draft = ConditionPageFactory(parent=site_tree.service_line, title="Draft", live=False)
    assert client.get(draft.url or "/spinal-tumor-program/draft/").status_code == 404
    assert client.get("/spinal-tumor-program/no-such-page/").status_code == 404
    live = ConditionPageFactory(parent=site_tree.service_line, title="Chordoma")
    assert "Chordoma" in client.get(live.url).text


def test_the_breadcrumb_trail_comes_from_the_route(client, condition_page, site_tree):
    trail = soup_of(client.get(condition_page.url)).select("nav.breadcrumbs a")
    assert [(a.get_text(strip=True), a["href"]) for a in trail] == [
        ("Home", "/"),
        ("Spinal Tumor Program", site_tree.service_line.url),
        ("Spinal metastases", condition_page.url),
    ]


def test_a_host_the_site_does_not_answer_to_is_refused_and_not_remembered(client, site_tree):
    from core import generation

    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert not any(key[1] == "attacker.example" for key in generation._memo if key[0] == "site")
