"""Creating and editing a condition page through the Wagtail admin form."""

import datetime

import pytest

from conditions.factories import ConditionPageFactory, ReviewerFactory
from conditions.models import ConditionPage, ConditionSymptom
from tests.conditions.admin_forms import (
    NO_CLINICAL_CHANGE,
    PUBLISH,
    add_url,
    care_card,
    condition_form_data,
    edit_url,
    form_errors,
    heading,
    paragraph,
    treatment_option,
)
from tests.core.form_helpers import edit_form_data

pytestmark = pytest.mark.django_db

SYMPTOMS = [
    "Deep, aching pain in the neck or back",
    "Shooting pain in one or both arms or legs",
    "Pain when moving",
    "Muscle weakness or numbness",
]


@pytest.fixture
def radiation_page(site_tree, reviewer):
    return ConditionPageFactory(
        parent=site_tree.service_line, title="Radiation therapy", reviewers=[reviewer]
    )


def full_form_data(reviewer, link_page, **overrides):
    data = {
        "symptoms": SYMPTOMS,
        "care_cards": [
            care_card(
                "emergency",
                "Call 911 or go to the nearest emergency room",
                ["New weakness in your legs", "Loss of bladder or bowel control"],
                "<p>These can mean pressure on the spinal cord.</p>",
            ),
            care_card("urgent", "Call your care team today", ["Pain that wakes you at night"]),
        ],
        "treatment": [
            heading("How treatment is planned"),
            paragraph("<p>Your team combines treatments to suit you.</p>"),
            treatment_option(
                "Radiation therapy", "Focused beams shrink the tumor.", link_page=link_page
            ),
            treatment_option(
                "Surgery", "Removes as much tumor as is safe.", link_url="https://example.org/s"
            ),
        ],
        "reviewers": [reviewer],
        "last_reviewed": "2026-03-02",
        "primary_cancers": [("Breast cancer", link_page), ("Lung cancer", None)],
    }
    data.update(overrides)
    return condition_form_data(**data)


def test_create_condition_page_with_symptoms_care_cards_and_treatment(
    superuser_client, site_tree, reviewer, radiation_page
):
    data = full_form_data(reviewer, radiation_page) | PUBLISH
    response = superuser_client.post(add_url(site_tree.service_line), data)

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(slug="spinal-metastases")
    assert page.get_parent().specific == site_tree.service_line
    assert page.live
    assert [symptom.name for symptom in page.symptoms.all()] == SYMPTOMS

    cards = [block.value for block in page.when_to_get_help]
    assert [card["level"] for card in cards] == ["emergency", "urgent"]
    assert cards[0]["heading"] == "Call 911 or go to the nearest emergency room"
    assert list(cards[0]["signs"]) == [
        "New weakness in your legs",
        "Loss of bladder or bowel control",
    ]
    assert "pressure on the spinal cord" in cards[0]["advice"].source
    assert list(cards[1]["signs"]) == ["Pain that wakes you at night"]

    assert [block.block_type for block in page.treatment] == [
        "heading",
        "paragraph",
        "treatment_option",
        "treatment_option",
    ]
    options = [block.value for block in page.treatment if block.block_type == "treatment_option"]
    assert options[0]["name"] == "Radiation therapy"
    assert options[0]["link_page"].specific == radiation_page
    assert options[1]["link_url"] == "https://example.org/s"
    assert [c.value["name"] for c in page.primary_cancers] == ["Breast cancer", "Lung cancer"]

    assert page.reviewers == [reviewer]
    assert page.last_reviewed == datetime.date(2026, 3, 2)
    assert page.next_review_due == datetime.date(2027, 3, 2)
    # The published revision holds the same content as the page row.
    assert page.live_revision == page.latest_revision
    revision_page = page.live_revision.as_object()
    assert [symptom.name for symptom in revision_page.symptoms.all()] == SYMPTOMS


def test_symptoms_keep_the_order_the_editor_gives(superuser_client, site_tree, reviewer):
    shuffled = [SYMPTOMS[2], SYMPTOMS[0], SYMPTOMS[3], SYMPTOMS[1]]
    data = condition_form_data(symptoms=shuffled, reviewers=[reviewer], last_reviewed="2026-03-02")
    response = superuser_client.post(add_url(site_tree.service_line), data | PUBLISH)

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(slug="spinal-metastases")
    assert [symptom.name for symptom in page.symptoms.all()] == shuffled


def test_reorder_symptoms_in_the_edit_form(superuser_client, condition_page):
    names = [symptom.name for symptom in condition_page.symptoms.all()]
    assert len(names) == 3
    data = edit_form_data(superuser_client, condition_page)
    # The browser's drag-and-drop rewrites ORDER: move the last symptom to the top.
    positions = {names[0]: 2, names[1]: 3, names[2]: 1}
    for index in range(int(data["symptoms-TOTAL_FORMS"])):
        data[f"symptoms-{index}-ORDER"] = str(positions[data[f"symptoms-{index}-name"]])

    response = superuser_client.post(edit_url(condition_page), data | PUBLISH | NO_CLINICAL_CHANGE)

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(pk=condition_page.pk)
    assert [symptom.name for symptom in page.symptoms.all()] == [names[2], names[0], names[1]]
    # Existing rows were reordered, not deleted and re-created.
    assert {symptom.pk for symptom in page.symptoms.all()} == {
        symptom.pk for symptom in condition_page.symptoms.all()
    }


def test_delete_and_add_symptoms_in_the_edit_form(superuser_client, condition_page):
    names = [symptom.name for symptom in condition_page.symptoms.all()]
    data = edit_form_data(superuser_client, condition_page)
    total = int(data["symptoms-TOTAL_FORMS"])
    data["symptoms-0-DELETE"] = "1"
    data[f"symptoms-{total}-name"] = "Loss of coordination"
    data[f"symptoms-{total}-detail"] = ""
    data[f"symptoms-{total}-ORDER"] = str(total + 1)
    data[f"symptoms-{total}-DELETE"] = ""
    data["symptoms-TOTAL_FORMS"] = str(total + 1)

    response = superuser_client.post(edit_url(condition_page), data | PUBLISH | NO_CLINICAL_CHANGE)

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(pk=condition_page.pk)
    assert [s.name for s in page.symptoms.all()] == [*names[1:], "Loss of coordination"]


def test_edit_form_adds_a_second_reviewer_in_order(superuser_client, condition_page, reviewer):
    second = ReviewerFactory(name="Dr. Sam Lee", credentials="MD")
    data = edit_form_data(superuser_client, condition_page)
    data["page_reviewers-1-reviewer"] = str(second.pk)
    data["page_reviewers-1-ORDER"] = "2"
    data["page_reviewers-1-DELETE"] = ""
    data["page_reviewers-1-id"] = ""
    data["page_reviewers-TOTAL_FORMS"] = "2"

    response = superuser_client.post(edit_url(condition_page), data | PUBLISH)

    assert response.status_code == 302, form_errors(response)
    assert ConditionPage.objects.get(pk=condition_page.pk).reviewers == [reviewer, second]


def test_same_reviewer_twice_is_a_form_error_not_a_crash(superuser_client, site_tree, reviewer):
    data = condition_form_data(
        symptoms=SYMPTOMS[:1], reviewers=[reviewer, reviewer], last_reviewed="2026-03-02"
    )
    response = superuser_client.post(add_url(site_tree.service_line), data | PUBLISH)

    assert response.status_code == 200
    assert not ConditionPage.objects.filter(slug="spinal-metastases").exists()


def test_rows_made_in_code_keep_their_order_when_edited(superuser_client, condition_page):
    """Rows without a sort_order (older data, imports) must not jump when an editor swaps
    two others: NULLs sort first on SQLite and last on PostgreSQL."""
    ConditionSymptom.objects.filter(page=condition_page).update(sort_order=None)
    names = [s.name for s in ConditionSymptom.objects.filter(page=condition_page).order_by("pk")]
    data = edit_form_data(superuser_client, condition_page)
    positions = {names[0]: 2, names[1]: 1, names[2]: 3}  # swap the first two
    for index in range(int(data["symptoms-TOTAL_FORMS"])):
        data[f"symptoms-{index}-ORDER"] = str(positions[data[f"symptoms-{index}-name"]])

    response = superuser_client.post(edit_url(condition_page), data | PUBLISH | NO_CLINICAL_CHANGE)

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(pk=condition_page.pk)
    assert [s.name for s in page.symptoms.all()] == [names[1], names[0], names[2]]
    assert [s.sort_order for s in page.symptoms.all()] == [0, 1, 2]
