"""Site search: the words a patient types, widened so that they find the pages editors wrote.

1. Normalise: lower case, words only, at most ``MAX_WORDS``. No quote, colon or operator from
   the query reaches the full-text engine (FTS5 would reject it with an error).
2. Synonyms (*Settings → Search settings*): each line is a group of words or phrases that mean
   the same; a query containing one is also searched with each of the others in its place
   ("spinal mets" is also searched as "spinal metastases").
3. Full text with Wagtail's search backend (PostgreSQL full text on PostgreSQL, SQLite FTS5 on
   SQLite), every word required, over all the variants at once.
4. Spelling: when nothing is found, words the site never uses are replaced by the closest word
   it does use (difflib over titles, other names, summaries and synonyms) and searched again.
   Done in Python rather than with pg_trgm so it behaves the same on both databases and needs
   no database extension; the vocabulary of a service-line site is a few thousand words.
5. Still nothing: any of the words.

Whatever the backend's rank, a page whose title or other name contains one of the variants
comes first: a name match is the strongest evidence, and the two backends rank differently.
Editors' promoted results (wagtail.contrib.search_promotions) come before everything.
The query is never stored or logged (Wagtail's own view counts hits per query in the
database; a patient's query can name them, so this one does not).
"""

import difflib
import re
from dataclasses import dataclass, field

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.query import Or, PlainText
from wagtail.search.utils import normalise_query_string

WORD = re.compile(r"\w+")
MAX_WORDS = 12
MAX_VARIANTS = 12
MAX_RESULTS = 50
SPELLING_CUTOFF = 0.75
MIN_CORRECTABLE_LENGTH = 4


def query_words(text):
    return WORD.findall((text or "").lower())[:MAX_WORDS]


def _phrase(words):
    return " ".join(words)


def _contains(phrase, part):
    return f" {part} " in f" {phrase} "


def synonym_groups(text):
    """Groups of equivalent phrases from the synonyms setting: one group per line, phrases
    separated by commas; lines with fewer than two phrases are ignored."""
    groups = []
    for line in (text or "").splitlines():
        terms = dict.fromkeys(_phrase(query_words(term)) for term in line.split(","))
        terms.pop("", None)
        if len(terms) > 1:
            groups.append(list(terms))
    return groups


def expand(phrase, groups):
    """The phrase itself, then the phrase with each synonym put in place of a group member it
    contains."""
    variants = [phrase]
    for group in groups:
        for term in group:
            if not _contains(phrase, term):
                continue
            for other in group:
                if other != term:
                    padded = f" {phrase} ".replace(f" {term} ", f" {other} ")
                    variants.append(padded.strip())
    return list(dict.fromkeys(variants))[:MAX_VARIANTS]


def page_names(page):
    """The title and other names of a page (specific), as they are written."""
    return [page.title, *getattr(page, "get_other_names", list)()]


def _names_matching(names, variants):
    """The names containing a variant, or contained in one, compared word by word."""
    matched = []
    for name in names:
        name_phrase = _phrase(query_words(name))
        if any(_contains(name_phrase, v) or _contains(v, name_phrase) for v in variants):
            matched.append(name)
    return matched


@dataclass
class SearchResult:
    page: Page
    # Other names ("also called") that matched the query, for the results list.
    matched_other_names: list = field(default_factory=list)


@dataclass
class SiteSearch:
    """One search: ``SiteSearch(raw_query, pages, synonyms_text).run()``."""

    raw_query: str
    pages: object  # a PageQuerySet: live, public, in this site
    synonyms: str = ""
    words: list = field(init=False)
    corrected: str = ""
    results: list = field(default_factory=list)
    promotions: list = field(default_factory=list)

    def __post_init__(self):
        self.words = query_words(self.raw_query)

    @property
    def query(self):
        return _phrase(self.words)

    @property
    def count(self):
        return len(self.promotions) + len(self.results)

    def run(self):
        if not self.words:
            return self
        groups = synonym_groups(self.synonyms)
        variants = expand(self.query, groups)
        found = self._search(variants, "and")
        if not found:
            corrected = self._corrected_words(groups)
            if corrected != self.words:
                self.corrected = _phrase(corrected)
                variants = expand(self.corrected, groups)
                found = self._search(variants, "and")
        if not found:
            found = self._search(variants, "or")
        self.promotions = self._promotions()
        promoted = {promotion.page_id for promotion in self.promotions if promotion.page_id}
        # "Also called" shows the names that match what was typed (or its correction), not
        # every synonym it was widened to.
        typed = [self.corrected or self.query]
        self.results = [
            SearchResult(page, _names_matching(page_names(page)[1:], typed))
            for page in self._ranked([p for p in found if p.pk not in promoted], variants)
        ]
        return self

    def _search(self, variants, operator):
        queries = [PlainText(variant, operator=operator) for variant in variants]
        query = queries[0] if len(queries) == 1 else Or(queries)
        ids = [page.pk for page in self.pages.search(query)[:MAX_RESULTS]]
        by_id = {page.pk: page for page in self.pages.filter(pk__in=ids).specific()}
        return [by_id[pk] for pk in ids if pk in by_id]

    @staticmethod
    def _ranked(pages, variants):
        """Pages named by a variant first; sorted() is stable, so within each group the
        backend's order stands."""
        return sorted(pages, key=lambda page: not _names_matching(page_names(page), variants))

    def _vocabulary(self, groups):
        words = set()
        for page in self.pages.specific():
            for text in (*page_names(page), getattr(page, "summary", "")):
                words.update(query_words(text))
        for group in groups:
            for term in group:
                words.update(term.split())
        return words

    def _corrected_words(self, groups):
        vocabulary = self._vocabulary(groups)
        corrected = []
        for word in self.words:
            if word in vocabulary or len(word) < MIN_CORRECTABLE_LENGTH:
                corrected.append(word)
                continue
            close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=SPELLING_CUTOFF)
            corrected.append(close[0] if close else word)
        return corrected

    def _promotions(self):
        """Editors' picks for what was typed (as Wagtail normalises it) or its words; only
        for live pages. Looked up, never created: Query.get() would store the query."""
        keys = {normalise_query_string(self.raw_query), self.query}
        promotions = (
            SearchPromotion.objects.filter(query__query_string__in=keys)
            .select_related("page")
            .order_by("sort_order")
        )
        live_ids = set(
            self.pages.filter(pk__in=[p.page_id for p in promotions if p.page_id]).values_list(
                "pk", flat=True
            )
        )
        return [p for p in promotions if not p.page_id or p.page_id in live_ids]
