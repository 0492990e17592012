"""Clinical changes need a medical review: the "Medical review" workflow end to end, who may
approve, and the moderator's audited "no clinical change" confirmation."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from conditions.models import ConditionPage, MedicalReviewTask
from conditions.review import next_review_after
from core.factories import UserFactory
from tests.conditions.admin_forms import PUBLISH, SUBMIT, edit_url, form_errors
from tests.core.builders import member_of
from tests.core.form_helpers import edit_form_data

pytestmark = pytest.mark.django_db

NEEDS_REVIEW = "This edit changes clinical content (symptoms), so it needs a new medical review"
NEW_SYMPTOM = "Trouble walking"


def squash(text):
    return " ".join(text.split())


@pytest.fixture
def editor(db):
    return member_of("Editors", "editor")


@pytest.fixture
def moderator(db):
    return member_of("Moderators", "moderator")


@pytest.fixture
def reviewer_user(reviewer):
    user = member_of("Medical reviewers", "dr-avery")
    user.email = "avery@example.org"
    user.save()
    reviewer.user = user
    reviewer.save()
    return user


def with_new_symptom(client, page):
    data = edit_form_data(client, page)
    count = int(data["symptoms-TOTAL_FORMS"])
    data.update(
        {
            "symptoms-TOTAL_FORMS": str(count + 1),
            f"symptoms-{count}-name": NEW_SYMPTOM,
            f"symptoms-{count}-detail": "",
            f"symptoms-{count}-ORDER": str(count + 1),
            f"symptoms-{count}-id": "",
            f"symptoms-{count}-DELETE": "",
        }
    )
    return data


def symptom_names(page):
    return [s.name for s in ConditionPage.objects.get(pk=page.pk).symptoms.all()]


def workflow_action(client, page, action, comment=""):
    state = WorkflowState.objects.active().get(object_id=str(page.pk)).current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
    return client.post(url, {"comment": comment})


def current_task(page):
    return ConditionPage.objects.get(pk=page.pk).current_workflow_task


# --- Publishing a clinical change directly --------------------------------------------------


def test_publishing_a_clinical_change_without_review_is_refused(client, moderator, condition_page):
    client.force_login(moderator)

    response = client.post(
        edit_url(condition_page), with_new_symptom(client, condition_page) | PUBLISH
    )

    assert response.status_code == 200
    assert NEEDS_REVIEW in str(form_errors(response)), form_errors(response)
    assert NEW_SYMPTOM not in symptom_names(condition_page)


def test_a_non_clinical_change_publishes_as_before(client, moderator, condition_page):
    client.force_login(moderator)
    data = edit_form_data(client, condition_page)
    data["title"] = "Spinal metastases (secondary spinal tumors)"
    data["seo_title"] = "Spinal metastases | Aldercrest"

    response = client.post(edit_url(condition_page), data | PUBLISH)

    assert response.status_code == 302, form_errors(response)
    assert ConditionPage.objects.get(pk=condition_page.pk).title.endswith("tumors)")


def test_no_clinical_change_needs_a_reason(client, moderator, condition_page):
    client.force_login(moderator)
    data = with_new_symptom(client, condition_page) | {"no_clinical_change": "on"}

    response = client.post(edit_url(condition_page), data | PUBLISH)

    assert response.status_code == 200
    assert form_errors(response)["no_clinical_change_reason"] == [
        "Say why this change alters no clinical meaning."
    ]
    assert NEW_SYMPTOM not in symptom_names(condition_page)


def test_no_clinical_change_with_a_reason_publishes_and_is_audited(
    client, moderator, condition_page
):
    client.force_login(moderator)
    reason = "Split one symptom into two lines; same meaning."
    data = with_new_symptom(client, condition_page) | {
        "no_clinical_change": "on",
        "no_clinical_change_reason": reason,
    }

    response = client.post(edit_url(condition_page), data | PUBLISH)

    assert response.status_code == 302, form_errors(response)
    assert NEW_SYMPTOM in symptom_names(condition_page)
    entry = PageLogEntry.objects.get(page=condition_page, action="conditions.no_clinical_change")
    assert entry.user == moderator
    assert entry.data == {"reason": reason, "fields": ["symptoms"]}
    assert reason in entry.message
    # The review date is not touched: no one reviewed anything.
    page = ConditionPage.objects.get(pk=condition_page.pk)
    assert page.last_reviewed == condition_page.last_reviewed


def test_a_non_moderator_cannot_confirm_no_clinical_change(client, editor, condition_page):
    client.force_login(editor)
    data = with_new_symptom(client, condition_page) | {
        "no_clinical_change": "on",
        "no_clinical_change_reason": "Typo",
    }

    client.post(edit_url(condition_page), data | PUBLISH)

    assert NEW_SYMPTOM not in symptom_names(condition_page)
    assert not PageLogEntry.objects.filter(action="conditions.no_clinical_change").exists()


# --- The workflow -----------------------------------------------------------------------------


def test_condition_pages_use_the_medical_review_workflow(condition_page):
    workflow = condition_page.get_workflow()
    tasks = [task.specific for task in workflow.tasks]
    assert workflow.name == "Medical review"
    assert isinstance(tasks[0], MedicalReviewTask)
    assert [group.name for group in tasks[1].groups.all()] == ["Moderators"]


def submit_new_symptom(client, editor, page):
    client.force_login(editor)
    response = client.post(edit_url(page), with_new_symptom(client, page) | SUBMIT)
    assert response.status_code == 302, form_errors(response)


def test_the_workflow_end_to_end(
    client, editor, moderator, reviewer_user, condition_page, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        submit_new_symptom(client, editor, condition_page)
    assert isinstance(current_task(condition_page).specific, MedicalReviewTask)
    # The reviewer was emailed through the task queue.
    [email] = mail.outbox
    assert email.to == ["avery@example.org"]
    assert "Spinal metastases" in email.subject
    assert edit_url(condition_page) in email.body

    # The reviewer sees the request on their dashboard and the diff from the action modal.
    client.force_login(reviewer_user)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Spinal metastases" in dashboard
    state = WorkflowState.objects.active().get(object_id=str(condition_page.pk))
    task_state = state.current_task_state
    modal = client.get(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[condition_page.pk, "approve", task_state.pk],
        )
    )
    assert modal.status_code == 200
    compare_url = reverse(
        "wagtailadmin_pages:revisions_compare", args=[condition_page.pk, "live", "latest"]
    )
    assert compare_url in modal.json()["html"]
    compare = client.get(compare_url)
    assert compare.status_code == 200
    assert NEW_SYMPTOM in compare.content.decode()

    response = workflow_action(client, condition_page, "approve", "Checked against guidance.")
    assert response.status_code == 302
    # Approved: now with the moderators, not yet published.
    assert not isinstance(current_task(condition_page).specific, MedicalReviewTask)
    assert NEW_SYMPTOM not in symptom_names(condition_page)
    approved = TaskState.objects.get(pk=task_state.pk)
    assert approved.status == TaskState.STATUS_APPROVED
    assert approved.finished_by == reviewer_user
    assert approved.comment == "Checked against guidance."

    client.force_login(moderator)
    response = workflow_action(client, condition_page, "approve")
    assert response.status_code == 302

    page = ConditionPage.objects.get(pk=condition_page.pk)
    assert page.live and not page.workflow_in_progress
    assert NEW_SYMPTOM in symptom_names(page)
    assert page.last_reviewed == today
    assert page.next_review_due == next_review_after(today)
    public = BeautifulSoup(client.get(page.url).content, "html.parser")
    review = squash(public.select_one("main .review").get_text())
    assert "Medically reviewed by Dr. Jordan Avery" in review
    assert f"Last reviewed: {today:%B} {today.day}, {today.year}" in review
    assert NEW_SYMPTOM in squash(public.select_one("#symptoms").parent.get_text())


@pytest.mark.parametrize("who", ["superuser", "moderator", "other_reviewer"])
def test_only_a_linked_reviewer_of_the_page_can_approve(
    client, editor, moderator, reviewer_user, condition_page, who
):
    submit_new_symptom(client, editor, condition_page)
    users = {
        "superuser": lambda: UserFactory(username="root", superuser=True),
        "moderator": lambda: moderator,
        # In the Medical reviewers group, but not one of this page's reviewers.
        "other_reviewer": lambda: member_of("Medical reviewers", "dr-other"),
    }
    client.force_login(users[who]())

    response = workflow_action(client, condition_page, "approve")

    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert isinstance(current_task(condition_page).specific, MedicalReviewTask)
    assert ConditionPage.objects.get(pk=condition_page.pk).last_reviewed != timezone.localdate()


def test_the_reviewer_can_request_changes_with_a_comment(
    client, editor, reviewer_user, condition_page
):
    submit_new_symptom(client, editor, condition_page)
    client.force_login(reviewer_user)

    response = workflow_action(client, condition_page, "reject", "Say which leg symptoms.")

    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(condition_page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Say which leg symptoms."
    assert NEW_SYMPTOM not in symptom_names(condition_page)


def test_a_moderator_edit_after_approval_needs_a_new_review(
    client, editor, moderator, reviewer_user, condition_page
):
    submit_new_symptom(client, editor, condition_page)
    client.force_login(reviewer_user)
    workflow_action(client, condition_page, "approve")
    client.force_login(moderator)
    page = ConditionPage.objects.get(pk=condition_page.pk)
    data = edit_form_data(client, page)
    data["symptoms_intro"] = "Most people have back pain first."

    assert client.post(edit_url(page), data).status_code == 302
    # The moderator's approval does not publish the edited text: it goes back to the reviewer.
    response = workflow_action(client, page, "approve")

    assert response.status_code == 302
    assert isinstance(current_task(page).specific, MedicalReviewTask)
    page = ConditionPage.objects.get(pk=page.pk)
    assert NEW_SYMPTOM not in symptom_names(page)
    assert page.symptoms_intro != "Most people have back pain first."


def test_reviewed_content_can_be_published_from_the_edit_form(
    client, editor, moderator, reviewer_user, condition_page
):
    """After the medical review a moderator may publish from the editor instead of the
    workflow's approve button: the approved content passes the clinical-change rule."""
    submit_new_symptom(client, editor, condition_page)
    client.force_login(reviewer_user)
    workflow_action(client, condition_page, "approve")
    client.force_login(moderator)
    page = ConditionPage.objects.get(pk=condition_page.pk)

    response = client.post(edit_url(page), edit_form_data(client, page) | PUBLISH)

    assert response.status_code == 302, form_errors(response)
    assert NEW_SYMPTOM in symptom_names(page)
    assert ConditionPage.objects.get(pk=page.pk).last_reviewed == timezone.localdate()


def test_stamp_uses_the_date_of_approval(condition_page):
    assert condition_page.last_reviewed != timezone.localdate()
    assert condition_page.last_reviewed < timezone.localdate() - datetime.timedelta(days=1)


def test_bulk_publishing_an_unreviewed_clinical_draft_is_refused(
    client, editor, moderator, site_tree, condition_page
):
    client.force_login(editor)
    assert (
        client.post(edit_url(condition_page), with_new_symptom(client, condition_page)).status_code
        == 302
    )
    client.force_login(moderator)
    url = (
        f"/admin/bulk/wagtailcore/page/publish/?id={condition_page.pk}"
        f"&next={reverse('wagtailadmin_explore', args=[site_tree.service_line.pk])}"
    )

    response = client.post(url, follow=True)

    messages = [str(m) for m in response.context["messages"]]
    assert any("a new medical review of changed clinical content" in m for m in messages)
    assert NEW_SYMPTOM not in symptom_names(condition_page)


def test_approving_in_the_editor_does_not_count_as_an_edit(
    client, editor, moderator, reviewer_user, condition_page
):
    """Approving in the editor saves the form first. Neither the factory's rich text without
    paragraph keys (like imported text: the editor gives it new ones) nor the symptom added in
    the draft (it has no id yet) may count as an edit that sends the page back to review."""
    submit_new_symptom(client, editor, condition_page)
    client.force_login(reviewer_user)
    workflow_action(client, condition_page, "approve")
    client.force_login(moderator)
    page = ConditionPage.objects.get(pk=condition_page.pk)
    state = WorkflowState.objects.active().get(object_id=str(page.pk)).current_task_state
    data = edit_form_data(client, page) | {
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
    }

    response = client.post(edit_url(page), data)

    assert response.status_code == 302, form_errors(response)
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_APPROVED
    page = ConditionPage.objects.get(pk=page.pk)
    assert page.live and not page.workflow_in_progress
    assert NEW_SYMPTOM in symptom_names(page)
