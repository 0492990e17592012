"""Shared care advice: one reviewed care card that many condition pages show.

It renders exactly like a written card; publishing a change to its clinical text needs its own
review (tests/conditions/test_shared_advice_review.py) or a moderator's audited "no clinical
change"; and changing it never sends the pages that show it back to medical review.
"""

import datetime
import html

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import rich_text

from conditions.blocks import CareLevel
from conditions.clinical import fingerprint, unreviewed_clinical_changes
from conditions.factories import (
    CareCardBlockFactory,
    ConditionPageFactory,
    ReviewerFactory,
    SharedCareAdviceFactory,
)
from conditions.models import ConditionPage, SharedCareAdvice, next_review_after
from conditions.workflow import stamp_review
from core.factories import UserFactory
from tests.conditions.admin_forms import PUBLISH, edit_url, form_errors
from tests.core.builders import member_of
from tests.core.form_helpers import edit_form_data

pytestmark = pytest.mark.django_db

NEEDS_REVIEW = "This edit changes the advice's clinical content"
NEEDS_REASON = "Say why this change alters no clinical meaning."


@pytest.fixture
def advice(db):
    return SharedCareAdviceFactory(
        name="Spinal cord compression (emergency)",
        last_reviewed=timezone.localdate() - datetime.timedelta(days=100),
    )


@pytest.fixture
def reviewer_client(client, advice):
    """Signed in as Dr. Ada Okafor, a medical reviewer named on the advice."""
    user = member_of("Medical reviewers", "okafor")
    advice.reviewers.add(ReviewerFactory(name="Dr. Ada Okafor", user=user))
    advice.save()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def page_with_advice(site_tree, advice, reviewer):
    return ConditionPageFactory(
        parent=site_tree.service_line,
        title="Chordoma",
        care_levels=(),
        shared_advice=[advice],
        reviewers=[reviewer],
    )


def advice_url(item):
    return reverse("wagtailsnippets_conditions_sharedcareadvice:edit", args=[item.pk])


def advice_form_data(item, **changes):
    """The snippet's edit form as the admin posts it, with `changes` applied."""
    data = {
        "name": item.name,
        "level": item.level,
        "heading": item.heading,
        "signs": item.signs,
        "advice": item.advice,
        "reviewers": [str(reviewer.pk) for reviewer in item.reviewers.all()],
        "last_reviewed": item.last_reviewed.isoformat(),
        "next_review_due": item.next_review_due.isoformat() if item.next_review_due else "",
    }
    data.update(changes)
    data["advice"] = rich_text(data["advice"])
    return data


def care_cards(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, [str(card) for card in soup.select("section.care-card")]


# --- Rendering -------------------------------------------------------------------------------


def test_shared_advice_renders_exactly_like_a_written_card(client, site_tree, advice):
    written = ConditionPageFactory(
        parent=site_tree.service_line,
        title="Spinal meningioma",
        care_levels=(),
        when_to_get_help__0__care_card=CareCardBlockFactory.for_level(CareLevel.EMERGENCY),
    )
    shared = ConditionPageFactory(
        parent=site_tree.service_line, title="Chordoma", care_levels=(), shared_advice=[advice]
    )

    written_soup, written_cards = care_cards(client.get(written.url))
    shared_soup, shared_cards = care_cards(client.get(shared.url))

    assert len(shared_cards) == 1
    assert shared_cards == written_cards
    assert "Loss of bladder or bowel control" in shared_cards[0]
    # The emergency notice near the top of the page works for shared advice too.
    notice = shared_soup.select_one(".emergency-notice").get_text(" ", strip=True)
    assert notice == written_soup.select_one(".emergency-notice").get_text(" ", strip=True)
    # Built from the card's signs (conditions/emergency.py), for shared and written cards alike.
    assert notice.startswith("Emergency: Call 911 if you have new weakness")
    assert "or loss of bladder or bowel control." in notice


def test_the_cards_keep_the_most_urgent_first_with_shared_advice(client, site_tree):
    urgent = SharedCareAdviceFactory(level=CareLevel.URGENT, heading="Call your team today")
    emergency = SharedCareAdviceFactory()
    page = ConditionPageFactory(
        parent=site_tree.service_line,
        care_levels=(CareLevel.NON_URGENT,),
        shared_advice=[urgent, emergency],
    )

    soup, _cards = care_cards(client.get(page.url))

    levels = [card["class"][1] for card in soup.select("section.care-card")]
    assert levels == ["care-card--emergency", "care-card--urgent", "care-card--non_urgent"]


def test_a_page_may_still_write_its_own_card_beside_shared_advice(client, site_tree, advice):
    page = ConditionPageFactory(
        parent=site_tree.service_line,
        care_levels=(CareLevel.URGENT,),
        shared_advice=[advice],
    )
    _soup, cards = care_cards(client.get(page.url))
    assert len(cards) == 2


def test_new_advice_created_in_the_admin_falls_due_after_the_interval(superuser_client, reviewer):
    reviewed = timezone.localdate() - datetime.timedelta(days=3)
    data = {
        "name": "Spinal cord compression (emergency)",
        "level": CareLevel.EMERGENCY,
        "heading": "Call 911 or go to the nearest emergency room now",
        "signs": "New weakness in your legs\nLoss of bladder or bowel control",
        "advice": rich_text("<p>Tell the team you may have a tumor in your spine.</p>"),
        "reviewers": [str(reviewer.pk)],
        "last_reviewed": reviewed.isoformat(),
        "next_review_due": "",
    }
    url = reverse("wagtailsnippets_conditions_sharedcareadvice:add")
    assert superuser_client.get(url).status_code == 200

    response = superuser_client.post(url, data | PUBLISH)

    assert response.status_code == 302, form_errors(response)
    advice = SharedCareAdvice.objects.get()
    assert advice.live
    assert advice.next_review_due == next_review_after(reviewed)
    assert advice.sign_list == ["New weakness in your legs", "Loss of bladder or bowel control"]
    assert list(advice.reviewers.all()) == [reviewer]
    assert advice.latest_revision is not None  # the history keeps each version


def test_an_editor_chooses_shared_advice_on_a_page(client, condition_page, advice):
    client.force_login(member_of("Editors", "editor"))
    data = edit_form_data(client, condition_page)
    assert "Shared care advice" in client.get(edit_url(condition_page)).content.decode()
    data["when_to_get_help-count"] = "1"
    data["when_to_get_help-0-type"] = "shared_advice"
    data["when_to_get_help-0-value"] = str(advice.pk)

    response = client.post(edit_url(condition_page), data)

    assert response.status_code == 302, form_errors(response)
    draft = ConditionPage.objects.get(pk=condition_page.pk).get_latest_revision_as_object()
    assert [(c.block_type, c.value) for c in draft.when_to_get_help] == [("shared_advice", advice)]


# --- Changing the advice needs its own review -------------------------------------------------


def test_a_new_review_date_from_someone_else_is_not_a_review(superuser_client, advice):
    """Not even a superuser: the review is the advice's reviewers' attestation."""
    today = timezone.localdate()
    data = advice_form_data(advice, heading="Call 911 now", last_reviewed=today.isoformat())

    response = superuser_client.post(advice_url(advice), data | PUBLISH)

    assert response.status_code == 200
    assert NEEDS_REVIEW in html.unescape(response.content.decode())
    advice.refresh_from_db()
    assert advice.heading != "Call 911 now"
    assert advice.last_reviewed != today


def test_an_editor_cannot_move_the_review_date(client, advice):
    client.force_login(member_of("Editors", "editor"))
    today = timezone.localdate()

    response = client.post(advice_url(advice), advice_form_data(advice, last_reviewed=str(today)))

    assert response.status_code == 200
    assert "Only a moderator can change the review date by hand." in response.content.decode()
    advice.refresh_from_db()
    assert advice.last_reviewed != today


def test_a_review_date_in_the_future_is_refused(superuser_client, advice):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = advice_form_data(advice, heading="Call 911 now", last_reviewed=tomorrow.isoformat())

    response = superuser_client.post(advice_url(advice), data | PUBLISH)

    assert response.status_code == 200
    assert "A review date cannot be in the future." in response.content.decode()
    advice.refresh_from_db()
    assert advice.heading != "Call 911 now"


def test_a_non_clinical_edit_publishes_without_a_review(superuser_client, advice):
    before = (advice.last_reviewed, advice.next_review_due)
    data = advice_form_data(advice, name="Cord compression: emergency signs")

    response = superuser_client.post(advice_url(advice), data | PUBLISH)

    assert response.status_code == 302, form_errors(response)
    advice.refresh_from_db()
    assert advice.name == "Cord compression: emergency signs"
    assert (advice.last_reviewed, advice.next_review_due) == before


def test_an_editor_cannot_publish_even_with_no_clinical_change(client, advice):
    client.force_login(member_of("Editors", "editor"))
    data = advice_form_data(
        advice,
        heading=advice.heading + ".",
        no_clinical_change="on",
        no_clinical_change_reason="Punctuation only.",
    )

    client.post(advice_url(advice), data | PUBLISH)

    advice.refresh_from_db()
    assert not advice.heading.endswith(".")
    assert not ModelLogEntry.objects.filter(action="conditions.no_clinical_change").exists()


def test_a_moderators_no_clinical_change_needs_a_reason_and_is_audited(client, advice):
    moderator = member_of("Moderators", "moderator")
    client.force_login(moderator)
    before = (advice.last_reviewed, advice.next_review_due)
    data = advice_form_data(
        advice, heading=advice.heading.replace("Call 911", "Call 911,"), no_clinical_change="on"
    )

    response = client.post(advice_url(advice), data | PUBLISH)
    assert response.status_code == 200
    assert NEEDS_REASON in response.content.decode()

    data["no_clinical_change_reason"] = "Added a missing comma."
    response = client.post(advice_url(advice), data | PUBLISH)

    assert response.status_code == 302, form_errors(response)
    advice.refresh_from_db()
    assert "Call 911," in advice.heading
    assert (advice.last_reviewed, advice.next_review_due) == before
    entry = ModelLogEntry.objects.get(action="conditions.no_clinical_change")
    assert entry.object_id == str(advice.pk)
    assert entry.user_id == moderator.pk
    assert entry.data == {"reason": "Added a missing comma.", "fields": ["heading"]}


# --- Pages that show it are not sent back to review ------------------------------------------


def test_changing_the_advice_leaves_the_pages_clinical_content_alone(
    reviewer_client, page_with_advice, advice
):
    page = ConditionPage.objects.get(pk=page_with_advice.pk)
    before = fingerprint(page.clinical_content())
    dates = (page.last_reviewed, page.next_review_due)
    assert page.clinical_content()["when_to_get_help"][0]["value"] == advice.pk

    # A reviewed correction of the advice is published (the workflow's end, as in
    # test_shared_advice_review.py).
    advice.signs += "\nSudden severe back pain"
    stamp_review(advice.save_revision(), reviewer_client.user).publish()

    page = ConditionPage.objects.get(pk=page_with_advice.pk)
    assert fingerprint(page.clinical_content()) == before
    assert unreviewed_clinical_changes(page, page.get_latest_revision_as_object()) == []
    assert not page.has_unpublished_changes
    assert (page.last_reviewed, page.next_review_due) == dates
    assert page.current_workflow_state is None
    # Publishing an edit of the page needs no new medical review because of the advice...
    client = reviewer_client
    client.force_login(UserFactory(username="admin", superuser=True))
    data = edit_form_data(client, page)
    data["seo_title"] = "Chordoma: symptoms and treatment"
    response = client.post(edit_url(page), data | PUBLISH)
    assert response.status_code == 302, form_errors(response)
    # ...and the public page shows the corrected advice.
    assert "Sudden severe back pain" in client.get(page.url).content.decode()


def test_choosing_other_advice_on_a_page_is_a_clinical_change(page_with_advice, site_tree):
    other = SharedCareAdviceFactory(level=CareLevel.URGENT, heading="Call your team today")
    live = ConditionPage.objects.get(pk=page_with_advice.pk)
    draft = ConditionPage.objects.get(pk=page_with_advice.pk)
    draft.when_to_get_help = [("shared_advice", other)]

    assert [str(f) for f in unreviewed_clinical_changes(live, draft)] == ["when to get help"]


# --- Deleting -------------------------------------------------------------------------------


def test_advice_shown_on_a_page_cannot_be_deleted(superuser_client, page_with_advice, advice):
    url = reverse("wagtailsnippets_conditions_sharedcareadvice:delete", args=[advice.pk])

    response = superuser_client.post(url, follow=True)

    assert SharedCareAdvice.objects.filter(pk=advice.pk).exists()
    assert "Not deleted. This shared advice is shown on pages" in response.content.decode()
    assert "Chordoma" in response.content.decode()
