"""The Conditions A–Z lists every other name under its own letter, pointing to the page."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.factories import ConditionPageFactory

pytestmark = pytest.mark.django_db


def other_names(*names):
    return {f"other_names__{n}__name__value": name for n, name in enumerate(names)}


@pytest.fixture
def metastases(site_tree):
    return ConditionPageFactory(
        parent=site_tree.service_line,
        title="Spinal metastases",
        summary="Tumors in the spine that spread from cancer elsewhere.",
        **other_names("Secondary spinal tumors", "Metastatic spinal tumors"),
    )


def az(client, site_tree):
    response = client.get(site_tree.condition_index.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def group(soup, letter):
    heading = soup.select_one(f"h2#letter-{letter}")
    return heading.find_parent("section") if heading else None


def test_other_names_appear_under_their_own_letter_and_link_to_the_page(
    client, site_tree, metastases
):
    soup = az(client, site_tree)

    m_entries = group(soup, "M").select("li")
    assert [li.get_text(" ", strip=True) for li in m_entries] == [
        "Metastatic spinal tumors — see Spinal metastases"
    ]
    assert m_entries[0].select_one("a")["href"] == metastases.url
    # The alias entry is a pointer: the summary is given once, under the title.
    assert metastases.summary not in m_entries[0].get_text()

    s_texts = [li.get_text(" ", strip=True) for li in group(soup, "S").select("li")]
    assert s_texts == [
        "Secondary spinal tumors — see Spinal metastases",
        f"Spinal metastases {metastases.summary}",
    ]


def test_the_letter_navigation_links_letters_that_only_other_names_use(
    client, site_tree, metastases
):
    nav = az(client, site_tree).select_one("nav[aria-label='Conditions by letter']")
    assert nav.select_one("a[href='#letter-M']") is not None
    assert nav.select_one("a[href='#letter-X']") is None


def test_an_other_name_that_is_another_pages_title_is_not_repeated(client, site_tree, metastases):
    ConditionPageFactory(parent=site_tree.service_line, title="Chordoma", **other_names("chordoma"))
    ConditionPageFactory(
        parent=site_tree.service_line,
        title="Primary spinal cord tumors",
        **other_names("Spinal Metastases", "Intramedullary tumors"),
    )
    soup = az(client, site_tree)
    assert len(group(soup, "C").select("li")) == 1
    s_names = [li.select_one("a").get_text(strip=True) for li in group(soup, "S").select("li")]
    assert s_names.count("Spinal metastases") == 1
    assert "Spinal Metastases — see Primary spinal cord tumors" not in s_names
    assert group(soup, "I") is not None


def test_drafts_and_their_other_names_are_not_listed(client, site_tree, metastases):
    ConditionPageFactory(
        parent=site_tree.service_line, title="Draft", live=False, **other_names("Hidden name")
    )
    soup = az(client, site_tree)
    assert group(soup, "H") is None and group(soup, "D") is None


def test_the_a_to_z_costs_no_query_per_entry(client, site_tree, metastases):
    def count_queries():
        client.get(site_tree.condition_index.url)  # warm the caches
        with CaptureQueriesContext(connection) as queries:
            soup = az(client, site_tree)
        return len(queries), soup

    few, _soup = count_queries()
    for n in range(10):
        ConditionPageFactory(
            parent=site_tree.service_line, title=f"Condition {n}", **other_names(f"Alias {n}")
        )
    many, soup = count_queries()
    assert len(group(soup, "A").select("li")) == 10
    assert many == few
