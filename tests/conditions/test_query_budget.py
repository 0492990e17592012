"""Rendering a condition page costs the same number of queries however long it is."""

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
    client.get(page.url)  # warm-up: the site root paths and settings caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(context.captured_queries), context.captured_queries, response


def test_query_count_does_not_grow_with_content(
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
    # A ceiling, not an exact figure: it catches a per-item query creeping back in.
    assert count <= 20, "\n".join(query["sql"] for query in queries)


def test_query_count_does_not_grow_with_reviewers(
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
    three = build_page(
        site_tree.service_line,
        "Three reviewers",
        photo_reviewer,
        linked_pages,
        symptoms=3,
        treatment_blocks=3,
        links=2,
        related=2,
    )
    others = [
        ReviewerFactory(name=f"Dr. Other {n}", photo=CustomImageFactory(title=f"Other {n}"))
        for n in range(2)
    ]
    three.page_reviewers = [ConditionPageReviewer(reviewer=r) for r in [photo_reviewer, *others]]
    three.save()

    one_count, _queries, _response = count_queries(client, one)
    three_count, queries, response = count_queries(client, three)

    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select("main .review img.review__photo")) == 3
    assert three_count == one_count, "\n".join(query["sql"] for query in queries)
