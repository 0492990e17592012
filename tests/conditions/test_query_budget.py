"""Rendering a condition page costs at most 10 queries, the same however long it is.

These count a page really rendered: the page cache (core/page_cache) is off, as it is in the
test settings, so that a cached copy cannot pass for a cheap render.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.blocks import CareLevel
from conditions.factories import (
    ConditionPageFactory,
    PrimaryCancerBlockFactory,
    ReviewerFactory,
    TreatmentOptionBlockFactory,
)
from conditions.models import ConditionPageReviewer
from core.factories import CustomImageFactory, HeadingBlockFactory, ParagraphBlockFactory

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 10


@pytest.fixture(autouse=True)
def _render_every_request(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def linked_pages(site_tree):
    """Condition pages to link to from treatment options, primary cancers and related lists."""
    return [
        ConditionPageFactory(parent=site_tree.service_line, title=f"Linked condition {n}")
        for n in range(12)
    ]


@pytest.fixture
def photo_reviewer(db):
    return ReviewerFactory(
        name="Dr. Jordan Avery",
        credentials="MD, PhD",
        photo=CustomImageFactory(title="Dr. Jordan Avery"),
        profile_url="https://example.org/avery",
    )


def build_page(parent, title, reviewer, linked, *, symptoms, treatment_blocks, links, related):
    """A condition page whose treatment stream cycles heading, paragraph and treatment option
    (every option links to a page); `links` primary cancers link to pages too."""
    treatment = []
    for index in range(treatment_blocks):
        kind = ("heading", "paragraph", "treatment_option")[index % 3]
        if kind == "heading":
            value = HeadingBlockFactory(text=f"Part {index}", level="h3")
        elif kind == "paragraph":
            value = ParagraphBlockFactory(value=f"<p>Paragraph {index}.</p>")
        else:
            value = TreatmentOptionBlockFactory(
                name=f"Option {index}", link_page=linked[index % len(linked)]
            )
        treatment.append((kind, value))
    cancers = [
        ("primary_cancer", PrimaryCancerBlockFactory(name=f"Cancer {n}", page=linked[n]))
        for n in range(links)
    ]
    page = ConditionPageFactory(
        parent=parent,
        title=title,
        symptoms=[f"Symptom {n}" for n in range(symptoms)],
        reviewers=[reviewer],
        related=linked[:related],
        treatment_options=0,
        care_levels=[CareLevel.EMERGENCY, CareLevel.URGENT, CareLevel.NON_URGENT],
    )
    page.treatment = treatment
    page.primary_cancers = cancers
    page.save()
    return page


def count_queries(client, page):
    client.get(page.url)  # warm-up: site root paths, renditions, the content generation
    with CaptureQueriesContext(connection) as context:
        response = client.get(page.url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response  # really rendered, not served from the page cache
    return len(context.captured_queries), context.captured_queries, response


def test_query_count_does_not_grow_from_3_to_30_symptoms(
    client, site_tree, site_settings, photo_reviewer, linked_pages
):
    small = build_page(
        site_tree.service_line,
        "Small condition",
        photo_reviewer,
        linked_pages,
        symptoms=3,
        treatment_blocks=2 + 1,  # heading, paragraph, and one linked treatment option
        links=2,
        related=2,
    )
    large = build_page(
        site_tree.service_line,
        "Large condition",
        photo_reviewer,
        linked_pages,
        symptoms=30,
        treatment_blocks=20,
        links=10,
        related=10,
    )
    # The fixtures really are different sizes, and the content is on the page.
    small_count, small_queries, small_response = count_queries(client, small)
    large_count, large_queries, large_response = count_queries(client, large)
    for response, sizes in ((small_response, (3, 1, 2, 2)), (large_response, (30, 6, 10, 10))):
        soup = BeautifulSoup(response.content, "html.parser")
        assert sizes == (
            len(soup.select("main .symptom-list > li")),
            len(soup.select("main .option-card .option-card__link a[href]")),
            len(soup.select("main .primary-cancers a[href]")),
            len(soup.select("main section[aria-labelledby=related-conditions] li a[href]")),
        )
        assert soup.select_one("main .review img.review__photo") is not None

    assert large_count <= QUERY_BUDGET
    assert large_count == small_count, "\n".join(
        query["sql"] for query in large_queries[small_count - 3 :]
    )


def test_query_count_is_modest(client, site_tree, site_settings, photo_reviewer, linked_pages):
    page = build_page(
        site_tree.service_line,
        "Some condition",
        photo_reviewer,
        linked_pages,
        symptoms=3,
        treatment_blocks=3,
        links=2,
        related=2,
    )
    count, queries, _response = count_queries(client, page)
    # A ceiling, not an exact figure (8 today): site settings, the menu, the site and the
    # private sections are remembered between requests (core.generation).
    assert count <= QUERY_BUDGET, "\n".join(query["sql"] for query in queries)


def test_query_count_does_not_grow_from_one_to_five_reviewers(
    client, site_tree, site_settings, photo_reviewer, linked_pages
):
    one = build_page(
        site_tree.service_line,
        "One reviewer",
        photo_reviewer,
        linked_pages,
        symptoms=3,
        treatment_blocks=3,
        links=2,
        related=2,
    )
    five = build_page(
        site_tree.service_line,
        "Five reviewers",
        photo_reviewer,
        linked_pages,
        symptoms=3,
        treatment_blocks=3,
        links=2,
        related=2,
    )
    others = [
        ReviewerFactory(name=f"Dr. Other {n}", photo=CustomImageFactory(title=f"Other {n}"))
        for n in range(4)
    ]
    five.page_reviewers = [ConditionPageReviewer(reviewer=r) for r in [photo_reviewer, *others]]
    five.save()

    one_count, _queries, _response = count_queries(client, one)
    five_count, queries, response = count_queries(client, five)

    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select("main .review img.review__photo")) == 5
    assert five_count <= QUERY_BUDGET
    assert five_count == one_count, "\n".join(query["sql"] for query in queries)
