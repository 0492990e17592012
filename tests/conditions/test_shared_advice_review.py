"""Shared care advice goes through its own medical review: an editor's change is a draft
submitted to the "Medical review" workflow of that snippet (not of the pages that show it);
only a clinician linked to one of the advice's reviewers approves; a moderator publishes; and
pages show the live advice only."""

import html

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, TaskState, WorkflowState

from conditions.factories import ConditionPageFactory, ReviewerFactory, SharedCareAdviceFactory
from conditions.models import ConditionPage, MedicalReviewTask, SharedCareAdvice
from conditions.review import next_review_after
from tests.conditions.admin_forms import PUBLISH, SUBMIT, form_errors
from tests.conditions.test_shared_care_advice import advice_form_data, advice_url
from tests.core.builders import member_of

pytestmark = pytest.mark.django_db

NEW_SIGN = "Sudden severe back pain"
NEEDS_REVIEW = "This edit changes the advice's clinical content (signs), so it needs a new"


@pytest.fixture
def okafor(db):
    """Dr. Ada Okafor, a medical reviewer with an account, named on the advice."""
    user = member_of("Medical reviewers", "okafor")
    user.email = "okafor@example.org"
    user.save()
    return ReviewerFactory(name="Dr. Ada Okafor", user=user)


@pytest.fixture
def advice(okafor):
    return SharedCareAdviceFactory(name="Spinal cord compression (emergency)", reviewers=[okafor])


@pytest.fixture
def pages(site_tree, advice, reviewer):
    """Two live condition pages that show the advice, reviewed by someone else."""
    return [
        ConditionPageFactory(
            parent=site_tree.service_line,
            title=title,
            care_levels=(),
            shared_advice=[advice],
            reviewers=[reviewer],
        )
        for title in ("Chordoma", "Spinal metastases")
    ]


def workflow_state(advice):
    return WorkflowState.objects.active().for_instance(advice).get()


def workflow_action(client, advice, action, comment=""):
    state = workflow_state(advice).current_task_state
    url = reverse(
        "wagtailsnippets_conditions_sharedcareadvice:workflow_action",
        args=[advice.pk, action, state.pk],
    )
    return client.post(url, {"comment": comment})


def current_task(advice):
    return SharedCareAdvice.objects.get(pk=advice.pk).current_workflow_task


def page_text(client, page):
    client.logout()
    return html.unescape(client.get(page.url).content.decode())


def test_an_editors_change_is_reviewed_on_the_advice_then_published_to_every_page(
    client, advice, pages, okafor, django_capture_on_commit_callbacks
):
    editor = member_of("Editors", "editor")
    client.force_login(editor)
    data = advice_form_data(advice, signs=advice.signs + "\n" + NEW_SIGN)

    # The editor saves the change and submits it: the advice's own workflow starts.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(advice_url(advice), data | SUBMIT)

    assert response.status_code == 302, form_errors(response)
    assert isinstance(current_task(advice).specific, MedicalReviewTask)
    # Its reviewer is emailed (through the task queue), with a link to the advice.
    [email] = mail.outbox
    assert email.to == ["okafor@example.org"]
    assert email.subject == "Medical review requested: Spinal cord compression (emergency)"
    assert 'The shared care advice "Spinal cord compression (emergency)"' in email.body
    assert advice_url(advice) in email.body
    # Only the advice is in review; the pages that show it are not.
    for page in pages:
        page = ConditionPage.objects.get(pk=page.pk)
        assert page.current_workflow_state is None
        assert not page.has_unpublished_changes
    # The draft never reaches patients.
    assert NEW_SIGN not in page_text(client, pages[0])

    # A medical reviewer who is not one of the advice's reviewers cannot approve it.
    stranger = member_of("Medical reviewers", "stranger")
    ReviewerFactory(name="Dr. Sam Lee", user=stranger)
    client.force_login(stranger)
    workflow_action(client, advice, "approve")
    assert isinstance(current_task(advice).specific, MedicalReviewTask)
    assert not TaskState.objects.filter(status=TaskState.STATUS_APPROVED).exists()

    # Dr. Okafor, linked to one of its reviewers, opens it, compares and approves.
    client.force_login(okafor.user)
    assert "Approve medical review" in client.get(advice_url(advice)).content.decode()
    state = workflow_state(advice).current_task_state
    dialog = client.get(
        reverse(
            "wagtailsnippets_conditions_sharedcareadvice:collect_workflow_action_data",
            args=[advice.pk, "approve", state.pk],
        )
    )
    compare = reverse(
        "wagtailsnippets_conditions_sharedcareadvice:revisions_compare",
        args=[advice.pk, "live", "latest"],
    )
    assert compare in dialog.json()["html"]
    assert NEW_SIGN in client.get(compare).content.decode()
    response = workflow_action(client, advice, "approve", comment="Checked against guidance.")
    assert response.status_code in (200, 302)
    assert current_task(advice).name == "Moderators approval"
    assert NEW_SIGN not in page_text(client, pages[0])  # approved, not yet published

    # The moderator publishes.
    client.force_login(member_of("Moderators", "moderator"))
    response = workflow_action(client, advice, "approve")
    assert response.status_code in (200, 302)

    today = timezone.localdate()
    advice = SharedCareAdvice.objects.get(pk=advice.pk)
    assert advice.current_workflow_state is None
    assert advice.live and not advice.has_unpublished_changes
    assert NEW_SIGN in advice.sign_list
    assert advice.last_reviewed == today
    assert advice.next_review_due == next_review_after(today)
    for page in pages:
        assert NEW_SIGN in page_text(client, page)
    approval = TaskState.objects.get(task__name="Medical review", status="approved")
    assert approval.finished_by == okafor.user


def test_publishing_a_clinical_change_without_review_is_refused(superuser_client, advice):
    before = (advice.signs, advice.last_reviewed, advice.next_review_due)
    data = advice_form_data(advice, signs=advice.signs + "\n" + NEW_SIGN)

    response = superuser_client.post(advice_url(advice), data | PUBLISH)

    assert response.status_code == 200
    assert NEEDS_REVIEW in html.unescape(response.content.decode())
    advice = SharedCareAdvice.objects.get(pk=advice.pk)
    assert (advice.signs, advice.last_reviewed, advice.next_review_due) == before
    assert not advice.has_unpublished_changes


def test_a_draft_never_shows_on_a_page(client, advice, pages):
    client.force_login(member_of("Editors", "editor"))
    data = advice_form_data(advice, heading="Go to the nearest emergency room", signs=NEW_SIGN)

    response = client.post(advice_url(advice), data)  # "Save draft"

    assert response.status_code == 302, form_errors(response)
    advice = SharedCareAdvice.objects.get(pk=advice.pk)
    assert advice.has_unpublished_changes
    assert advice.get_latest_revision_as_object().sign_list == [NEW_SIGN]
    text = page_text(client, pages[0])
    assert NEW_SIGN not in text
    assert "Go to the nearest emergency room" not in text
    assert advice.heading in text


def test_advice_never_published_is_not_shown(client, site_tree):
    draft = SharedCareAdviceFactory(heading="Call 911 at once", live=False)
    page = ConditionPageFactory(
        parent=site_tree.service_line, care_levels=(), shared_advice=[draft]
    )

    text = page_text(client, page)

    assert "Call 911 at once" not in text
    assert 'id="when-to-get-help"' not in text  # no empty section either


def test_someone_named_as_reviewer_in_the_draft_cannot_approve_it(client, advice):
    newcomer_user = member_of("Medical reviewers", "newcomer")
    newcomer = ReviewerFactory(name="Dr. New Comer", user=newcomer_user)
    client.force_login(member_of("Editors", "editor"))
    reviewers = [str(r.pk) for r in advice.reviewers.all()] + [str(newcomer.pk)]
    data = advice_form_data(advice, heading="Call 911 now", reviewers=reviewers)
    response = client.post(advice_url(advice), data | SUBMIT)
    assert response.status_code == 302, form_errors(response)

    client.force_login(newcomer_user)
    workflow_action(client, advice, "approve")

    assert isinstance(current_task(advice).specific, MedicalReviewTask)
    assert SharedCareAdvice.objects.get(pk=advice.pk).heading != "Call 911 now"


def test_the_reviewer_finds_the_advice_awaiting_them(client, advice, okafor):
    advice.heading = "Call 911 now"
    advice.save_revision()
    advice.get_workflow().start(advice, member_of("Editors", "editor"))

    assert (
        MedicalReviewTask.objects.get()
        .get_task_states_user_can_moderate(okafor.user)
        .get()
        .workflow_state.content_object
        == advice
    )
    stranger = member_of("Medical reviewers", "stranger")
    assert not MedicalReviewTask.objects.get().get_task_states_user_can_moderate(stranger)


def test_a_moderators_no_clinical_change_publishes_at_once_and_is_audited(client, advice, pages):
    moderator = member_of("Moderators", "moderator")
    client.force_login(moderator)
    before = (advice.last_reviewed, advice.next_review_due)
    heading = advice.heading.replace("Call 911", "Call 911,")
    data = advice_form_data(
        advice,
        heading=heading,
        no_clinical_change="on",
        no_clinical_change_reason="Added a missing comma.",
    )

    response = client.post(advice_url(advice), data | PUBLISH)

    assert response.status_code == 302, form_errors(response)
    advice = SharedCareAdvice.objects.get(pk=advice.pk)
    assert advice.heading == heading
    assert (advice.last_reviewed, advice.next_review_due) == before
    entry = ModelLogEntry.objects.get(action="conditions.no_clinical_change")
    assert entry.object_id == str(advice.pk)
    assert entry.user_id == moderator.pk
    assert entry.data == {"reason": "Added a missing comma.", "fields": ["heading"]}
    assert heading in page_text(client, pages[0])


def test_the_editor_previews_the_card_as_pages_show_it(superuser_client, advice, site_tree):
    url = reverse("wagtailsnippets_conditions_sharedcareadvice:preview_on_edit", args=[advice.pk])
    data = advice_form_data(advice, heading="Go to the nearest emergency room now")

    assert superuser_client.post(url, data).json()["is_valid"]
    response = superuser_client.get(url)

    assert response.status_code == 200
    heading = BeautifulSoup(response.content, "html.parser").select_one(".care-card__heading")
    assert heading.get_text(" ", strip=True) == "Emergency: Go to the nearest emergency room now"
    assert SharedCareAdvice.objects.get(pk=advice.pk).heading != data["heading"]
