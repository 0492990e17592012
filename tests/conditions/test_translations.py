"""A condition page in Spanish with wagtail-localize on Wagtail 8: submitted for translation
in the admin, translated string by string, with its own medical review (reviewers and dates
are never copied from the English page), held to the same publish rules, and flagged when
the English clinical content changes after it was translated."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import (
    String,
    StringTranslation,
    Translation,
    TranslationSource,
)

from conditions.clinical import unreviewed_clinical_changes
from conditions.factories import ReviewerFactory
from conditions.models import ConditionPage, ConditionPageReviewer
from conditions.translations import source_changed_since_translation
from tests.core.builders import translate_page

pytestmark = pytest.mark.django_db

REVIEWED_IN_SPANISH = datetime.date(2026, 3, 14)


@pytest.fixture
def spanish():
    return Locale.objects.get(language_code="es")


@pytest.fixture
def spanish_tree(site_tree):
    translate_page(site_tree.home, title="Inicio")
    translate_page(site_tree.service_line, title="Programa de Tumores de la Columna")
    return site_tree


@pytest.fixture
def submitted(superuser_client, spanish_tree, condition_page, spanish):
    """The English condition page submitted for translation through wagtail-localize's view."""
    response = superuser_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[condition_page.pk]),
        {"locales": [spanish.pk]},
    )
    assert response.status_code == 302
    return Translation.objects.get(
        source__object_id=condition_page.translation_key, target_locale=spanish
    )


def spanish_page(condition_page, spanish):
    return ConditionPage.objects.get(translation_key=condition_page.translation_key, locale=spanish)


def translate_title(translation, text):
    string = String.objects.get(data="Spinal metastases")
    StringTranslation.objects.update_or_create(
        translation_of=string,
        locale=translation.target_locale,
        context=translation.source.stringsegment_set.get(string=string).context,
        defaults={"data": text},
    )


def give_spanish_review(page, reviewer):
    ConditionPageReviewer.objects.create(page=page, reviewer=reviewer, sort_order=0)
    page.refresh_from_db()
    page.last_reviewed = REVIEWED_IN_SPANISH
    page.next_review_due = None
    page.save_revision().publish()
    return ConditionPage.objects.get(pk=page.pk)


def test_submitting_makes_a_spanish_draft_without_the_english_review(
    submitted, condition_page, spanish
):
    page = spanish_page(condition_page, spanish)
    assert not page.live
    assert page.get_parent().locale == spanish
    # A new translation has no medical review of its own yet.
    assert page.last_reviewed is None
    assert page.next_review_due is None
    assert not page.page_reviewers.exists()
    assert page.reviewed_clinical_fingerprint == ""


def test_translation_needs_its_own_review_to_be_published(
    submitted, condition_page, spanish, django_capture_on_commit_callbacks
):
    translate_title(submitted, "Metástasis en la columna")
    # wagtail-localize publishes the new revision once the transaction commits.
    with (
        pytest.raises(ValidationError, match="medical reviewer and review date"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        submitted.save_target(publish=True)
    assert not spanish_page(condition_page, spanish).live


def test_translated_page_published_with_a_bilingual_reviewer(
    client, submitted, condition_page, spanish
):
    translate_title(submitted, "Metástasis en la columna")
    submitted.save_target(publish=False)
    page = give_spanish_review(
        spanish_page(condition_page, spanish), ReviewerFactory(name="Dra. Lucía Romero")
    )
    assert page.live and page.title == "Metástasis en la columna"
    response = client.get(page.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == "es"
    assert "Dra. Lucía Romero" in html.get_text()
    assert "Dr. Jordan Avery" not in html.get_text()


def test_syncing_keeps_the_spanish_review(submitted, condition_page, spanish):
    translate_title(submitted, "Metástasis en la columna")
    submitted.save_target(publish=False)
    romero = ReviewerFactory(name="Dra. Lucía Romero")
    page = give_spanish_review(spanish_page(condition_page, spanish), romero)
    # The English page gets a new review date; the translation is synced again.
    condition_page.last_reviewed = datetime.date(2026, 9, 1)
    condition_page.next_review_due = None
    condition_page.save_revision().publish()
    submitted.source.update_from_db()
    submitted.save_target(publish=False)
    page = ConditionPage.objects.get(pk=page.pk)
    page.get_latest_revision().publish()
    page = ConditionPage.objects.get(pk=page.pk)
    assert page.last_reviewed == REVIEWED_IN_SPANISH
    assert [item.reviewer for item in page.page_reviewers.all()] == [romero]


def test_clinical_edit_of_the_translation_needs_a_new_review(submitted, condition_page, spanish):
    translate_title(submitted, "Metástasis en la columna")
    submitted.save_target(publish=False)
    live = give_spanish_review(
        spanish_page(condition_page, spanish), ReviewerFactory(name="Dra. Lucía Romero")
    )
    draft = ConditionPage.objects.get(pk=live.pk)
    draft.overview = "<p>Un texto clínico nuevo, sin revisar.</p>"
    assert unreviewed_clinical_changes(live, draft) == ["overview"]
    draft.our_approach = live.our_approach  # non-clinical edits need no review
    draft.overview = live.overview
    draft.title = "Metástasis espinales"
    assert unreviewed_clinical_changes(live, draft) == []


def test_source_changed_flag(superuser_client, submitted, condition_page, spanish):
    translate_title(submitted, "Metástasis en la columna")
    submitted.save_target(publish=False)
    page = give_spanish_review(
        spanish_page(condition_page, spanish), ReviewerFactory(name="Dra. Lucía Romero")
    )
    assert not source_changed_since_translation(page)
    assert not source_changed_since_translation(condition_page)

    # A non-clinical English change does not flag the translation.
    condition_page.our_approach = []
    condition_page.save_revision().publish()
    assert not source_changed_since_translation(page)

    # A clinical one does: in the editor and the medical review report.
    condition_page = ConditionPage.objects.get(pk=condition_page.pk)
    condition_page.overview = "<p>New clinical wording after review.</p>"
    condition_page.reviewed_clinical_fingerprint = ""
    condition_page.save_revision().publish()
    assert source_changed_since_translation(page)

    editor = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    if editor.status_code == 200 and b"data-source-changed" not in editor.content:
        # wagtail-localize shows its own editor for a synced translation; the normal one
        # (shown once the translation is no longer synced) carries the flag.
        submitted.enabled = False
        submitted.save()
        editor = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert b"data-source-changed" in editor.content

    report_html = BeautifulSoup(
        superuser_client.get(reverse("medical_review_report")).content, "html.parser"
    )
    flagged = [
        row.find("a").get_text(strip=True)
        for row in report_html.select("tbody tr")
        if "Source changed since translation" in row.get_text()
    ]
    assert flagged == ["Metástasis en la columna"]

    # Syncing the translation from the new English text clears the flag.
    submitted.source.update_from_db()
    assert not source_changed_since_translation(page)


def test_translation_made_outside_wagtail_localize_is_not_flagged(
    spanish_tree, condition_page, spanish
):
    page = translate_page(
        condition_page,
        title="Metástasis en la columna",
        last_reviewed=REVIEWED_IN_SPANISH,
        page_reviewers=[ConditionPageReviewer(reviewer=ReviewerFactory(name="Dra. Lucía Romero"))],
    )
    assert page.live
    assert TranslationSource.objects.count() == 0
    assert not source_changed_since_translation(page)
