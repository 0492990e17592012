"""What search engines and link previews read: canonical link, description, Open Graph and
Twitter tags with the share image, robots.txt and the sitemap."""

from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from conditions.factories import ConditionPageFactory
from core.factories import CustomImageFactory

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def meta(soup, key, value):
    tag = soup.select_one(f'meta[{key}="{value}"]')
    return tag["content"] if tag else None


def test_a_page_has_canonical_description_and_social_tags(client, condition_page, site_settings):
    soup = head(client, condition_page.url)
    assert soup.select_one("link[rel=canonical]")["href"] == condition_page.full_url
    assert meta(soup, "name", "description") == condition_page.summary
    assert meta(soup, "property", "og:title") == condition_page.title
    assert meta(soup, "property", "og:description") == condition_page.summary
    assert meta(soup, "property", "og:url") == condition_page.full_url
    assert meta(soup, "property", "og:site_name") == site_settings.organisation_name
    assert meta(soup, "name", "twitter:card") == "summary"
    assert meta(soup, "property", "og:image") is None


def test_the_share_image_comes_from_site_settings(client, condition_page, site_settings):
    site_settings.share_image = CustomImageFactory(
        title="Hospital entrance",
        description="The hospital's main entrance",
        file__width=1600,
        file__height=1000,
    )
    site_settings.save()
    soup = head(client, condition_page.url)
    image_url = meta(soup, "property", "og:image")
    assert image_url.startswith("http://testserver/") and image_url.endswith(".png")
    assert (
        meta(soup, "property", "og:image:width"),
        meta(soup, "property", "og:image:height"),
    ) == (
        "1200",
        "630",
    )
    assert meta(soup, "property", "og:image:alt") == "The hospital's main entrance"
    assert meta(soup, "name", "twitter:card") == "summary_large_image"


def test_the_search_description_wins_over_the_summary(client, condition_page):
    condition_page.search_description = "Written for search engines."
    condition_page.save_revision().publish()
    soup = head(client, condition_page.url)
    assert meta(soup, "name", "description") == "Written for search engines."
    assert meta(soup, "property", "og:description") == "Written for search engines."


def test_robots_txt_points_at_the_sitemap(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.get("/sitemap.xml").status_code == 200


def test_the_sitemap_lists_live_pages_with_their_last_publish_date(client, site_tree):
    page = ConditionPageFactory(parent=site_tree.service_line, title="Chordoma")
    published_at = timezone.now() - timezone.timedelta(days=40)
    type(page).objects.filter(pk=page.pk).update(last_published_at=published_at)
    draft = ConditionPageFactory(parent=site_tree.service_line, title="Draft", live=False)

    root = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own
    entries = {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext(
            "s:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("s:url", SITEMAP_NS)
    }
    page.refresh_from_db()
    assert entries[page.full_url] == timezone.localtime(published_at).date().isoformat()
    assert draft.full_url not in entries
    assert site_tree.condition_index.full_url in entries
