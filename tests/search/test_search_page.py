"""The search page: the form in every header and on the 404 page, what an empty or fruitless
search suggests, hostile input, promoted results, and queries kept out of storage and logs."""

import logging

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from conditions.factories import ConditionPageFactory
from core.logging import RedactQueryStringFilter
from core.models import SearchSettings
from core.search import expand, query_words, synonym_groups
from tests.core.builders import PHONE_E164

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def search(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    return soup_of(response)


def test_every_page_header_has_a_labelled_search_form(client, condition_page, site_settings):
    for url in ("/", condition_page.url, reverse("search")):
        form = soup_of(client.get(url)).select_one("header.site-header form[role=search]")
        assert form["action"] == "/search/" and form["method"] == "get"
        field = form.select_one("input[name=q]")
        assert form.select_one(f"label[for={field['id']}]").get_text(strip=True)


def test_the_404_page_offers_search_the_a_to_z_and_the_phone(client, site_tree, site_settings):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    main = soup_of(response).select_one("main")
    assert main.select_one("form[role=search] input[name=q]") is not None
    assert main.select_one(f"a[href='{site_tree.condition_index.url}']") is not None
    assert main.select_one(f"a[href='tel:{PHONE_E164}']") is not None


@pytest.mark.parametrize("query", ["", "   ", "zzqxv", "?!"])
def test_empty_or_fruitless_search_suggests_the_a_to_z_and_the_phone(
    client, site_tree, site_settings, condition_page, query
):
    main = search(client, query).select_one("main")
    assert main.select_one(".search-results") is None
    assert main.select_one(f"a[href='{site_tree.condition_index.url}']") is not None
    assert main.select_one(f"a[href='tel:{PHONE_E164}']") is not None
    status = main.select_one("[role=status]")
    if query_words(query):
        assert status.get_text(strip=True).startswith("No results for")
    else:
        assert status is None


@pytest.mark.parametrize(
    "query",
    [
        '"spinal',
        "spinal:metastases",
        "spinal*",
        "NOT AND OR",
        "(spinal) -metastases ^2",
        "spinal " * 200,
        "metástasis émoji 🙂",
        "x" * 5000,
    ],
)
def test_query_syntax_and_odd_input_never_break_the_page(client, condition_page, query):
    soup = search(client, query)
    assert soup.select_one("h1").get_text(strip=True) == "Search"


def test_promoted_results_come_first_once_and_without_storing_queries(
    client, site_tree, condition_page
):
    other = ConditionPageFactory(parent=site_tree.service_line, title="Chordoma")
    query = Query.objects.create(query_string="second opinion")
    SearchPromotion.objects.create(query=query, page=other, description="Ask us to review.")
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.org/guide",
        external_link_text="A guide to second opinions",
    )
    before = Query.objects.count()

    items = search(client, "Second  Opinion").select(".search-results__item")

    assert [item.select_one("a").get_text(strip=True) for item in items[:2]] == [
        "Chordoma",
        "A guide to second opinions",
    ]
    assert "Recommended" in items[0].get_text() and "Ask us to review." in items[0].get_text()
    search(client, "a query nobody promoted")
    assert Query.objects.count() == before


def test_a_promoted_page_is_not_listed_twice(client, site_tree, condition_page):
    query = Query.objects.create(query_string="spinal")
    SearchPromotion.objects.create(query=query, page=condition_page)
    links = [a["href"] for a in search(client, "spinal").select(".search-results__link")]
    assert links.count(condition_page.url) == 1


def test_an_unpublished_promoted_page_is_not_shown(client, site_tree, condition_page):
    draft = ConditionPageFactory(parent=site_tree.service_line, title="Draft page", live=False)
    query = Query.objects.create(query_string="draft")
    SearchPromotion.objects.create(query=query, page=draft)
    assert search(client, "draft").select(".search-results__item--promoted") == []


def test_synonyms_setting_widens_the_query(client, site_tree, condition_page):
    assert "Spinal metastases" not in search(client, "backbone").get_text()
    SearchSettings.objects.update_or_create(
        site=site_tree.site, defaults={"synonyms": "spinal, backbone, spine"}
    )
    links = search(client, "backbone").select(".search-results__link")
    assert "Spinal metastases" in [link.get_text(strip=True) for link in links]


def test_synonym_groups_and_expansion():
    groups = synonym_groups(
        "Spinal metastases, spinal mets,  SECONDARY spinal tumors\nlonely\n\nmets, metastases, mets"
    )
    assert groups == [
        ["spinal metastases", "spinal mets", "secondary spinal tumors"],
        ["mets", "metastases"],
    ]
    # Each variant once, the typed words first.
    assert expand("spinal mets pain", groups) == [
        "spinal mets pain",
        "spinal metastases pain",
        "secondary spinal tumors pain",
    ]
    # Whole words only: "mets" inside another word is not replaced.
    assert expand("helmets", groups) == ["helmets"]


def test_search_terms_stay_out_of_access_logs():
    record = logging.LogRecord(
        "gunicorn.access",
        logging.INFO,
        __file__,
        1,
        '%(r)s %(q)s "%(f)s"',
        {
            "r": "GET /search/?q=spinal+mets+Jane+Doe HTTP/1.1",
            "q": "q=spinal+mets+Jane+Doe",
            "f": "https://example.org/search/?q=spinal+mets+Jane+Doe",
            "U": "/search/",
        },
        None,
    )
    assert RedactQueryStringFilter().filter(record)
    line = record.getMessage()
    assert "Jane" not in line and "mets" not in line
    assert line.startswith("GET /search/?[redacted] HTTP/1.1 [redacted]")


def test_private_pages_are_not_found(client, site_tree, condition_page):
    from wagtail.models import PageViewRestriction

    assert search(client, "spinal metastases").select(".search-results__link")
    PageViewRestriction.objects.create(
        page=condition_page, restriction_type=PageViewRestriction.PASSWORD, password="x" * 12
    )
    titles = [a.get_text(strip=True) for a in search(client, "spinal metastases").select("a")]
    assert "Spinal metastases" not in titles


def test_names_match_word_by_word_and_a_name_of_symbols_matches_nothing():
    from core.search import _names_matching

    names = ["—", "Spinal metastases", "Secondary spinal tumors", "Metastatic spinal tumors"]
    assert _names_matching(names, ["spinal metastases"]) == ["Spinal metastases"]
    assert _names_matching(names, ["spinal tumors"]) == names[2:]
    assert _names_matching(names, ["spinal metastases treatment"]) == ["Spinal metastases"]
    assert _names_matching(names, ["tumor"]) == []
