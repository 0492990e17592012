"""Site search on the demo content: the words patients use find spinal metastases first.

Runs on whichever database the run uses; CI runs the suite on SQLite and on PostgreSQL, and
the backend test below checks that each gets its own full-text engine.
"""

from io import StringIO

from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.urls import reverse
from wagtail.search.backends import get_search_backend

from conditions.models import ConditionPage

SPINAL_METASTASES = "Spinal metastases"


def results(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, [a.get_text(strip=True) for a in soup.select(".search-results__link")]


def test_the_full_text_engine_fits_the_database():
    backend = type(get_search_backend()).__name__
    expected = {
        "postgresql": "PostgresSearchBackend",
        "sqlite": "SQLiteSearchBackend",
    }[connection.vendor]
    assert backend == expected


class DemoSiteSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=StringIO())
        cls.metastases = ConditionPage.objects.get(title=SPINAL_METASTASES)

    def search(self, query):
        response = self.client.get(reverse("search"), {"q": query})
        assert response.status_code == 200
        return results(response)

    def test_patients_words_find_spinal_metastases_first(self):
        for query in (
            "secondary spinal tumors",  # an other name on the page
            "cord compression",  # words in a symptom's detail
            "spinal mets",  # a synonym from the search settings
            "metastisis",  # a misspelling, corrected to a word the site uses
            "Spinal Metastases",
            "metastatic spinal tumors",
        ):
            with self.subTest(query=query):
                _soup, titles = self.search(query)
                assert titles, f"nothing found for {query!r}"
                assert titles[0] == SPINAL_METASTASES, (query, titles)

    def test_a_result_shows_the_summary_and_the_other_name_that_matched(self):
        soup, _titles = self.search("secondary spinal tumors")
        first = soup.select_one(".search-results__item")
        assert first.select_one(".search-results__link")["href"] == self.metastases.url
        assert first.select_one(".search-results__also-called").get_text(strip=True) == (
            "Also called: Secondary spinal tumors"
        )
        assert self.metastases.summary in first.get_text(" ", strip=True)

    def test_the_correction_is_said(self):
        soup, _titles = self.search("metastisis")
        status = soup.select_one("[role=status]").get_text(" ", strip=True)
        assert "metastisis" in status and "showing results for “metastasis”" in status

    def test_the_pages_own_words_rank_without_synonyms(self):
        from core.models import SearchSettings

        SearchSettings.objects.update(synonyms="")
        for query in ("secondary spinal tumors", "cord compression", "metastisis"):
            with self.subTest(query=query):
                assert self.search(query)[1][0] == SPINAL_METASTASES


def test_unpublished_pages_are_not_found(client, site_tree, condition_page):
    assert results(client.get("/search/", {"q": "spinal"}))[1][0] == SPINAL_METASTASES
    condition_page.unpublish()
    assert SPINAL_METASTASES not in results(client.get("/search/", {"q": "spinal"}))[1]
