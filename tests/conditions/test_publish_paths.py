"""Publishing paths that skip the edit form: bulk publish and workflow approval.

The medical-review rule must hold on them too, as a message, not a server error."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from conditions.factories import ConditionPageFactory
from conditions.models import ConditionPage
from tests.conditions.admin_forms import SUBMIT, add_url, condition_form_data, edit_url, form_errors
from tests.core.builders import member_of
from tests.core.form_helpers import edit_form_data

pytestmark = pytest.mark.django_db

REFUSED = "Nothing was published. These condition pages need a medical reviewer"
AWAITING = "This page is awaiting approval, and approving it publishes this draft"


def messages_of(response):
    return [str(message).strip() for message in response.context["messages"]]


def unreviewed_draft(parent, title="Unreviewed draft"):
    page = ConditionPageFactory.build(title=title, live=False, reviewers=[], last_reviewed=None)
    parent.add_child(instance=page)
    page.save_revision()
    return ConditionPage.objects.get(pk=page.pk)


def bulk_publish_url(*pages, listing=None):
    ids = "&".join(f"id={page.pk}" for page in pages)
    next_url = reverse("wagtailadmin_explore", args=[listing.pk]) if listing else "/admin/"
    return f"/admin/bulk/wagtailcore/page/publish/?{ids}&next={next_url}"


def test_bulk_publishing_an_unreviewed_page_is_refused_with_a_message(
    client, moderator, site_tree, condition_page
):
    draft = unreviewed_draft(site_tree.service_line)
    client.force_login(moderator)

    response = client.post(
        bulk_publish_url(draft, condition_page, listing=site_tree.service_line), follow=True
    )

    assert response.status_code == 200
    [message] = messages_of(response)
    assert REFUSED in message
    assert "Unreviewed draft" in message
    assert not ConditionPage.objects.get(pk=draft.pk).live


def test_bulk_publishing_descendants_checks_unreviewed_children(
    client, moderator, site_tree, condition_page
):
    draft = unreviewed_draft(site_tree.service_line)
    client.force_login(moderator)

    response = client.post(
        bulk_publish_url(site_tree.service_line), {"include_descendants": "on"}, follow=True
    )

    assert response.status_code == 200
    assert any(REFUSED in message for message in messages_of(response))
    assert not ConditionPage.objects.get(pk=draft.pk).live


def test_bulk_publishing_reviewed_pages_still_works(client, moderator, site_tree, reviewer):
    page = ConditionPageFactory(
        parent=site_tree.service_line, title="Chordoma", live=False, reviewers=[reviewer]
    )
    page.save_revision()
    client.force_login(moderator)

    response = client.post(bulk_publish_url(page), follow=True)

    assert response.status_code == 200
    assert messages_of(response) == ["1 page has been published"]
    assert ConditionPage.objects.get(pk=page.pk).live


def submitted_page(client, editor, site_tree, reviewer):
    client.force_login(editor)
    response = client.post(
        add_url(site_tree.service_line),
        condition_form_data(
            symptoms=["Back pain"], reviewers=[reviewer], last_reviewed="2026-01-05"
        )
        | SUBMIT,
    )
    assert response.status_code == 302, form_errors(response)
    return ConditionPage.objects.get(slug="spinal-metastases")


def test_a_draft_saved_during_moderation_keeps_its_reviewer(
    client, editor, moderator, site_tree, reviewer
):
    """Approval publishes the latest draft, so a reviewer-less draft must not be saved while
    the page awaits approval: approving it would fail."""
    page = submitted_page(client, editor, site_tree, reviewer)
    client.force_login(moderator)
    data = edit_form_data(client, page)
    data["page_reviewers-0-DELETE"] = "1"

    response = client.post(edit_url(page), data)

    assert response.status_code == 200
    text = response.content.decode()
    assert AWAITING in text
    assert "Add at least one medical reviewer before publishing this page." in text
    assert ConditionPage.objects.get(pk=page.pk).get_latest_revision_as_object().reviewers


def test_the_moderator_approves_a_submitted_page(client, editor, moderator, site_tree, reviewer):
    """Condition pages go through the Medical review workflow: the page's reviewer approves,
    then the moderator's approval publishes the latest draft (with a draft edit made by the
    moderator during the medical review, which the reviewer then approves)."""
    reviewer.user = member_of("Medical reviewers", "dr-avery")
    reviewer.save()
    page = submitted_page(client, editor, site_tree, reviewer)
    client.force_login(moderator)
    data = edit_form_data(client, page)
    data["symptoms_intro"] = "Some people notice nothing at first."
    assert client.post(edit_url(page), data).status_code == 302  # a draft edit is fine

    for user in (reviewer.user, moderator):
        client.force_login(user)
        task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
            {"comment": ""},
        )
        assert response.status_code == 302

    page = ConditionPage.objects.get(pk=page.pk)
    assert page.live
    assert page.symptoms_intro == "Some people notice nothing at first."
    assert page.reviewers == [reviewer]
