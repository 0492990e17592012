"""Condition pages in other languages: each translation has its own medical review, and is
flagged when the English clinical content changed after it was translated.

Translations are made with wagtail-localize, which keeps a snapshot of the source as it was
when the translation was made or last synced (TranslationSource). "Source changed since
translation" compares the clinical content (conditions/clinical.py) of that snapshot with the
live source page: a change there means the translation may now say something the English page
no longer says, and needs translating and a medical review in its own language again.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale
from wagtail_localize.fields import BaseTranslatableField
from wagtail_localize.models import SourceDeletedError, TranslationSource

from conditions.clinical import clinical_content, fingerprint

# A translation's medical review is its own: a bilingual clinician reviews the Spanish text.
REVIEW_FIELDS = ["last_reviewed", "next_review_due", "page_reviewers"]
# What a new translation must not inherit from its source (the fingerprint is not editable, so
# wagtail-localize never synchronises it; Wagtail's copy would).
NOT_COPIED_TO_TRANSLATION = [*REVIEW_FIELDS, "reviewed_clinical_fingerprint"]


class OwnPerLanguage(BaseTranslatableField):
    """A field each language version keeps for itself: neither sent for translation nor
    copied from the source when wagtail-localize updates a translation."""

    def __repr__(self):
        return f"<OwnPerLanguage {self.field_name}>"


def review_fields_per_language():
    # Symptoms rows are no translatable model yet, so wagtail-localize would copy the English
    # rows over the translated ones on every sync: each language keeps its own until they are.
    return [OwnPerLanguage(name) for name in [*REVIEW_FIELDS, "symptoms"]]


def is_translation(page):
    return page.locale_id != Locale.get_default().pk


def source_page(page):
    """The live page in the default language this page translates, or None."""
    if not is_translation(page):
        return None
    source = page.get_translation_or_none(Locale.get_default())
    return source.specific if source is not None and source.live else None


def _snapshot(page, default_locale):
    source = (
        TranslationSource.objects.filter(
            object_id=page.translation_key,
            locale=default_locale,
            specific_content_type=ContentType.objects.get_for_model(page.specific_class),
        )
        .order_by("-last_updated_at")
        .first()
    )
    if source is None:
        return None
    try:
        return source.as_instance()
    except SourceDeletedError:
        return None


def source_changed_since_translation(page):
    """True when the live English page's clinical content is not what this translation was
    made (or last synced) from; False when it is, or the page is no translation."""
    if not is_translation(page):
        return False
    source = source_page(page)
    if source is None:
        return False
    snapshot = _snapshot(page, source.locale)
    if snapshot is None:
        # Made outside wagtail-localize: nothing records what it was translated from.
        return False
    return fingerprint(clinical_content(snapshot)) != fingerprint(clinical_content(source))


def translations_with_changed_source(pages):
    """The ids of those ``pages`` that are translations whose source changed."""
    return {page.pk for page in pages if source_changed_since_translation(page)}
