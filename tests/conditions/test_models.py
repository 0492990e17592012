"""Condition page model behaviour that does not need the admin or a template."""

import pytest

from conditions.factories import ConditionPageFactory, ReviewerFactory
from conditions.models import (
    ConditionPage,
    ConditionPageReviewer,
    ConditionSymptom,
    RelatedCondition,
)

pytestmark = pytest.mark.django_db


def stored(page, relation):
    return list(getattr(ConditionPage.objects.get(pk=page.pk), relation).all())


def test_rows_made_in_code_are_numbered_in_the_order_given(site_tree):
    reviewers = [ReviewerFactory(name=f"Dr. {letter}") for letter in "CAB"]
    other = ConditionPageFactory(parent=site_tree.service_line, title="Other")
    page = ConditionPageFactory(
        parent=site_tree.service_line,
        symptoms=["Zeta", "Alpha", "Mu"],
        reviewers=reviewers,
        related=[other],
    )

    symptoms = stored(page, "symptoms")
    assert [s.name for s in symptoms] == ["Zeta", "Alpha", "Mu"]
    assert [s.sort_order for s in symptoms] == [0, 1, 2]
    assert [r.sort_order for r in stored(page, "page_reviewers")] == [0, 1, 2]
    assert ConditionPage.objects.get(pk=page.pk).reviewers == reviewers
    assert [r.sort_order for r in stored(page, "related_conditions")] == [0]


def test_a_row_added_in_code_goes_last(condition_page):
    names = [s.name for s in condition_page.symptoms.all()]
    page = ConditionPage.objects.get(pk=condition_page.pk)
    page.symptoms.add(ConditionSymptom(name="Loss of coordination"))
    page.save()

    assert [s.name for s in stored(page, "symptoms")] == [*names, "Loss of coordination"]


def test_revision_content_is_numbered(site_tree, reviewer):
    page = ConditionPageFactory(parent=site_tree.service_line, reviewers=[reviewer])
    page.symptoms = [ConditionSymptom(name=name) for name in ("B", "A")]
    revision = page.save_revision()

    assert [s["sort_order"] for s in revision.content["symptoms"]] == [0, 1]
    assert [s.name for s in revision.as_object().symptoms.all()] == ["B", "A"]


def test_reviewers_and_related_conditions_properties(site_tree, reviewer):
    live = ConditionPageFactory(parent=site_tree.service_line, title="Live one")
    draft = ConditionPageFactory(parent=site_tree.service_line, title="Draft", live=False)
    page = ConditionPageFactory(
        parent=site_tree.service_line, reviewers=[reviewer], related=[draft, live]
    )
    page = ConditionPage.objects.get(pk=page.pk)

    assert page.reviewers == [reviewer]
    assert [p.pk for p in page.live_related_conditions] == [live.pk]
    assert isinstance(page.page_reviewers.first(), ConditionPageReviewer)
    assert isinstance(page.related_conditions.first(), RelatedCondition)


def test_reviewer_text():
    reviewer = ReviewerFactory.build(
        name="Dr. Jordan Avery", credentials="MD, PhD", role="Neurosurgeon", department=""
    )
    assert str(reviewer) == "Dr. Jordan Avery, MD, PhD"
    assert reviewer.description_line == "Neurosurgeon"
    reviewer.credentials = ""
    assert str(reviewer) == "Dr. Jordan Avery"


def test_condition_index_groups_live_pages_by_letter(site_tree):
    for title in ("Spinal metastases", "Chordoma", "Schwannoma", "5-q syndrome"):
        ConditionPageFactory(parent=site_tree.service_line, title=title)
    ConditionPageFactory(parent=site_tree.service_line, title="Sarcoma draft", live=False)

    groups = site_tree.condition_index.get_letter_groups()

    assert [letter for letter, _entries in groups] == ["#", "C", "S"]
    titles = {letter: [entry.name for entry in entries] for letter, entries in groups}
    assert titles["S"] == ["Schwannoma", "Spinal metastases"]
    assert titles["#"] == ["5-q syndrome"]
