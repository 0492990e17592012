"""A condition page needs a medical reviewer and a review date to be published."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import WorkflowState

from conditions.factories import ConditionPageFactory, ReviewerFactory
from conditions.models import ConditionPage, ConditionPageReviewer, next_review_after
from tests.conditions.admin_forms import (
    PUBLISH,
    SUBMIT,
    add_url,
    condition_form_data,
    edit_url,
    form_errors,
)
from tests.core.form_helpers import edit_form_data

pytestmark = pytest.mark.django_db

NEEDS_REVIEWER = "Add at least one medical reviewer before publishing this page."
NEEDS_DATE = "Enter the date of the last medical review before publishing this page."
NEXT_AFTER_LAST = "The next review must fall after the last review."


def page_text(response):
    return response.content.decode()


def create(client, parent, action=None, **fields):
    fields.setdefault("symptoms", ["Deep, aching back pain"])
    return client.post(add_url(parent), condition_form_data(**fields) | (action or {}))


# --- Through the admin form ---------------------------------------------------------------


def test_draft_without_review_can_be_saved(superuser_client, site_tree):
    response = create(superuser_client, site_tree.service_line)

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(slug="spinal-metastases")
    assert not page.live
    assert page.reviewers == []
    assert page.last_reviewed is None
    assert page.latest_revision is not None


def test_publishing_without_review_shows_both_messages(superuser_client, site_tree):
    response = create(superuser_client, site_tree.service_line, PUBLISH)

    assert response.status_code == 200
    text = page_text(response)
    assert NEEDS_REVIEWER in text
    assert NEEDS_DATE in text
    assert not ConditionPage.objects.filter(slug="spinal-metastases").exists()


@pytest.mark.parametrize(
    ("with_reviewer", "with_date", "missing"),
    [(True, False, NEEDS_DATE), (False, True, NEEDS_REVIEWER)],
)
def test_publishing_with_half_a_review_names_the_missing_half(
    superuser_client, site_tree, reviewer, with_reviewer, with_date, missing
):
    response = create(
        superuser_client,
        site_tree.service_line,
        PUBLISH,
        reviewers=[reviewer] if with_reviewer else [],
        last_reviewed="2026-03-02" if with_date else "",
    )

    assert response.status_code == 200
    errors = form_errors(response)
    assert [missing] == [m for messages in errors.values() for m in messages]
    assert not ConditionPage.objects.filter(slug="spinal-metastases").exists()


def test_publishing_a_draft_without_review_leaves_it_unpublished(superuser_client, site_tree):
    create(superuser_client, site_tree.service_line)
    draft = ConditionPage.objects.get(slug="spinal-metastases")

    data = edit_form_data(superuser_client, draft)
    response = superuser_client.post(edit_url(draft), data | PUBLISH)

    assert response.status_code == 200
    assert NEEDS_REVIEWER in page_text(response)
    assert NEEDS_DATE in page_text(response)
    draft.refresh_from_db()
    assert not draft.live
    assert draft.live_revision is None


def test_removing_the_reviewer_blocks_publishing_an_edit(superuser_client, condition_page):
    data = edit_form_data(superuser_client, condition_page)
    data["page_reviewers-0-DELETE"] = "1"
    data["title"] = "Spinal metastases (edited)"

    response = superuser_client.post(edit_url(condition_page), data | PUBLISH)

    assert response.status_code == 200
    assert NEEDS_REVIEWER in page_text(response)
    page = ConditionPage.objects.get(pk=condition_page.pk)
    assert page.title == "Spinal metastases"
    assert len(page.reviewers) == 1


def test_a_draft_edit_of_a_live_page_may_drop_the_reviewer(superuser_client, condition_page):
    data = edit_form_data(superuser_client, condition_page)
    data["page_reviewers-0-DELETE"] = "1"

    response = superuser_client.post(edit_url(condition_page), data)

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(pk=condition_page.pk)
    assert page.live
    assert page.has_unpublished_changes
    assert len(page.reviewers) == 1  # the live version keeps its reviewer
    assert page.get_latest_revision_as_object().reviewers == []


def test_publishing_with_review_succeeds(superuser_client, site_tree, reviewer):
    response = create(
        superuser_client,
        site_tree.service_line,
        PUBLISH,
        reviewers=[reviewer],
        last_reviewed="2026-03-02",
    )

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(slug="spinal-metastases")
    assert page.live
    assert page.reviewers == [reviewer]


def test_submitting_for_moderation_is_held_to_the_same_rule(superuser_client, site_tree):
    assert site_tree.service_line.get_workflow() is not None  # Wagtail's default workflow

    response = create(superuser_client, site_tree.service_line, SUBMIT)

    assert response.status_code == 200
    assert NEEDS_REVIEWER in page_text(response)
    assert NEEDS_DATE in page_text(response)
    assert not WorkflowState.objects.exists()


def test_submitting_a_reviewed_page_starts_the_workflow(superuser_client, site_tree, reviewer):
    response = create(
        superuser_client,
        site_tree.service_line,
        SUBMIT,
        reviewers=[reviewer],
        last_reviewed="2026-03-02",
    )

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(slug="spinal-metastases")
    assert not page.live
    assert page.workflow_in_progress


def test_next_review_defaults_to_twelve_months_later(superuser_client, site_tree, reviewer):
    response = create(
        superuser_client,
        site_tree.service_line,
        PUBLISH,
        reviewers=[reviewer],
        last_reviewed="2028-02-29",
    )

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(slug="spinal-metastases")
    assert page.next_review_due == datetime.date(2029, 2, 28)


def test_an_explicit_next_review_date_is_kept(superuser_client, site_tree, reviewer):
    response = create(
        superuser_client,
        site_tree.service_line,
        PUBLISH,
        reviewers=[reviewer],
        last_reviewed="2026-03-02",
        next_review_due="2026-09-01",
    )

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(slug="spinal-metastases")
    assert page.next_review_due == datetime.date(2026, 9, 1)


@pytest.mark.parametrize("next_review_due", ["2026-03-01", "2026-03-02"])
def test_next_review_must_fall_after_the_last(
    superuser_client, site_tree, reviewer, next_review_due
):
    response = create(
        superuser_client,
        site_tree.service_line,
        PUBLISH,
        reviewers=[reviewer],
        last_reviewed="2026-03-02",
        next_review_due=next_review_due,
    )

    assert response.status_code == 200
    assert form_errors(response).get("next_review_due") == [NEXT_AFTER_LAST]
    assert not ConditionPage.objects.filter(slug="spinal-metastases").exists()


# --- The model's own guard, for paths that skip the form ------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime.date(2026, 3, 2), datetime.date(2027, 3, 2)),
        (datetime.date(2028, 2, 29), datetime.date(2029, 2, 28)),
        (datetime.date(2026, 12, 31), datetime.date(2027, 12, 31)),
    ],
)
def test_next_review_is_twelve_months_later(start, end):
    assert next_review_after(start) == end


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), 1, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 3, 31), 1, datetime.date(2026, 4, 30)),
        (datetime.date(2026, 11, 15), 3, datetime.date(2027, 2, 15)),
        # Across a year end, landing on a day February lacks (and on a leap year's Feb 29).
        (datetime.date(2026, 12, 31), 2, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 8, 31), 6, datetime.date(2028, 2, 29)),
    ],
)
def test_next_review_clamps_to_the_last_day(start, months, end):
    assert next_review_after(start, months) == end


def test_model_sets_next_review_due_on_save(site_tree, reviewer):
    page = ConditionPageFactory(
        parent=site_tree.service_line,
        reviewers=[reviewer],
        last_reviewed=datetime.date(2028, 2, 29),
    )
    assert ConditionPage.objects.get(pk=page.pk).next_review_due == datetime.date(2029, 2, 28)


def test_model_rejects_next_review_before_last(site_tree, reviewer):
    page = ConditionPageFactory(parent=site_tree.service_line, reviewers=[reviewer])
    page.next_review_due = page.last_reviewed - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error.value.message_dict["next_review_due"] == [NEXT_AFTER_LAST]


def test_publishing_a_revision_without_reviewer_is_refused(site_tree):
    draft = ConditionPageFactory(parent=site_tree.service_line, reviewers=0, live=False)
    revision = draft.save_revision()

    with pytest.raises(ValidationError):
        revision.publish()

    draft.refresh_from_db()
    assert not draft.live
    assert draft.live_revision is None


def test_publishing_a_revision_without_review_date_is_refused(site_tree, reviewer):
    draft = ConditionPageFactory(
        parent=site_tree.service_line, reviewers=[reviewer], last_reviewed=None, live=False
    )
    with pytest.raises(ValidationError):
        draft.save_revision().publish()


def test_a_live_page_keeps_its_reviewer_when_a_reviewerless_revision_is_published(
    condition_page,
):
    original_revision = condition_page.save_revision()
    original_revision.publish()
    condition_page.page_reviewers = []
    draft_revision = condition_page.save_revision()  # drafts may lack a review

    with pytest.raises(ValidationError):
        draft_revision.publish()

    page = ConditionPage.objects.get(pk=condition_page.pk)
    assert page.live
    assert page.live_revision == original_revision
    assert ConditionPageReviewer.objects.filter(page=page).count() == 1


def test_a_draft_naming_a_since_deleted_reviewer_needs_a_reviewer_again(
    condition_page, superuser_client
):
    # Only saved pages keep a reviewer from being deleted; a draft's reviewer can go.
    draft_only = ReviewerFactory(name="Dr. Draft Only")
    condition_page.page_reviewers = [ConditionPageReviewer(reviewer=draft_only)]
    draft_revision = condition_page.save_revision()
    draft_only.delete()

    # The draft still opens in the editor, without the deleted name...
    response = superuser_client.get(f"/admin/pages/{condition_page.pk}/edit/")
    assert response.status_code == 200
    assert "Dr. Draft Only" not in response.content.decode()
    # ...and publishing it is refused by the review rule, not by the database.
    with pytest.raises(ValidationError):
        draft_revision.publish()
    assert ConditionPage.objects.get(pk=condition_page.pk).live


def test_publishing_a_reviewed_revision_outside_the_form_works(site_tree, reviewer):
    draft = ConditionPageFactory(parent=site_tree.service_line, reviewers=0, live=False)
    draft.page_reviewers = [ConditionPageReviewer(reviewer=reviewer)]
    draft.save_revision().publish()

    page = ConditionPage.objects.get(pk=draft.pk)
    assert page.live
    assert page.reviewers == [reviewer]


def test_a_new_live_page_without_reviewer_cannot_be_saved(site_tree):
    with pytest.raises(ValidationError):
        ConditionPageFactory(parent=site_tree.service_line, reviewers=0, live=True)
