"""Rendered parts of pages ({% fragment_cache %}: header, footer, call to action, breadcrumbs, a
condition page's body, the A–Z) are kept between requests and keyed by the content
generation, so whatever an editor publishes or saves shows on the next request; previews and
form tokens are never kept; a request with the parts kept runs fewer queries."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from conditions.factories import ConditionPageFactory
from core import generation
from core.templatetags.fragment_cache import fragment_key

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_kept(settings):
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.PAGE_CACHE_ENABLED = False  # every request renders; only fragments are kept


def render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_kept_page_is_the_same_page_for_fewer_queries(client, condition_page, site_settings):
    first, first_queries = render(client, condition_page.url)
    second, second_queries = render(client, condition_page.url)
    assert second == first
    # The body's symptoms, reviewers, related pages and settings are not read again.
    assert second_queries <= first_queries - 3
    assert second_queries <= 4


def test_publishing_a_change_shows_on_the_next_request(client, condition_page, site_settings):
    assert "Deep, aching back pain" in render(client, condition_page.url)[0]
    condition_page.summary = "A new summary written by the editor."
    condition_page.save_revision().publish()
    html = render(client, condition_page.url)[0]
    assert "A new summary written by the editor." in html


def test_a_new_condition_is_listed_in_the_a_to_z_at_once(client, condition_page, site_tree):
    assert "Chordoma" not in render(client, site_tree.condition_index.url)[0]
    ConditionPageFactory(parent=site_tree.service_line, title="Chordoma")
    assert "Chordoma" in render(client, site_tree.condition_index.url)[0]
    assert "Chordoma" in render(client, site_tree.service_line.url)[0]


def test_a_site_settings_change_shows_in_the_kept_header_and_footer(
    client, condition_page, site_settings
):
    assert "Example Health" in render(client, condition_page.url)[0]
    site_settings.organisation_name = "Aldercrest University Health"
    site_settings.save()
    html = render(client, condition_page.url)[0]
    assert html.count("Aldercrest University Health") >= 2  # header and footer
    assert "Example Health" not in html


def test_the_current_page_is_marked_in_the_menu_of_its_own_kept_header(client, site_tree):
    from core.factories import StandardPageFactory

    about = StandardPageFactory(parent=site_tree.home, title="About us", show_in_menus=True)

    def current_in_menu(url):
        menu = BeautifulSoup(render(client, url)[0], "html.parser").select_one("nav#navigation")
        return [a.get_text(strip=True) for a in menu.select('a[aria-current="page"]')]

    assert current_in_menu(about.url) == ["About us"]
    assert current_in_menu(site_tree.service_line.url) == []
    assert current_in_menu(about.url) == ["About us"]


def test_previews_and_an_unknown_generation_are_never_kept(site_tree, monkeypatch):
    request = RequestFactory().get("/")
    assert fragment_key("body", request, [1]) is not None
    request.is_preview = True
    assert fragment_key("body", request, [1]) is None
    request.is_preview = False
    monkeypatch.setattr(generation, "read_token", lambda: None)  # the shared cache is down
    assert fragment_key("body", request, [1]) is None


def test_a_part_holding_a_form_token_is_never_kept(site_tree):
    template = Template(
        '{% fragment_cache "form" %}<input name="csrfmiddlewaretoken" value="{{ token }}">'
        "{% endfragment_cache %}"
    )
    request = RequestFactory().get("/")
    first = template.render(Context({"request": request, "token": "first"}))
    second = template.render(Context({"request": request, "token": "second"}))
    assert 'value="first"' in first and 'value="second"' in second
