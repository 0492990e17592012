"""The demo's Spanish pages, made as wagtail-localize translations of the English ones.

Each is recorded as a translation of its English page (TranslationSource, a snapshot of the
English content, and a Translation that is not kept in sync because the Spanish text was
written directly in the page editor), so the admin lists it among the page's translations and
"Source changed since translation" works from the first English edit.
"""

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from conditions.models import ConditionPage, ConditionPageReviewer, ConditionSymptom
from core.site_text import SiteTextTranslation
from demo.content import spanish


class SpanishPages:
    def __init__(self, demo):
        self.demo = demo
        self.locale, _ = Locale.objects.get_or_create(language_code="es")

    def ensure(self, english, fields, **extra):
        """The live Spanish translation of ``english``; made (and never overwritten) here."""
        existing = english.get_translation_or_none(self.locale)
        if existing is not None:
            self.demo.log(f"  exists: {existing.url_path}")
            return existing.specific, False
        source, _ = TranslationSource.get_or_create_from_instance(english)
        Translation.objects.get_or_create(
            source=source, target_locale=self.locale, defaults={"enabled": False}
        )
        page = english.copy_for_translation(self.locale).specific
        fields = {**fields, **extra}
        symptoms = fields.pop("symptoms", None)
        for name, value in fields.items():
            setattr(page, name, value)
        if isinstance(page, ConditionPage):
            page.symptoms = [ConditionSymptom(name=n, detail=d) for n, d in symptoms or []]
            # Spanish pages link to Spanish pages only: related conditions come later.
            page.related_conditions = []
            page.page_reviewers = [
                ConditionPageReviewer(reviewer=reviewer) for reviewer in self.demo.reviewers
            ]
            page.last_reviewed = self.demo.reviewed_on
            page.next_review_due = None
        self.demo.publish(page)
        self.demo.created.append(page)
        self.demo.log(f"  created: {page.url_path}")
        return page, True

    def build(self, home, program, index, metastases):
        # The site settings' wording in Spanish (kept if an editor already wrote it).
        SiteTextTranslation.objects.get_or_create(language="es", defaults=spanish.SITE_TEXT)
        self.ensure(home, spanish.home_fields())
        program_es, program_new = self.ensure(program, spanish.program_fields())
        self.ensure(index, spanish.condition_index_fields())
        metastases_es, _ = self.ensure(metastases, spanish.spinal_metastases_fields())
        if program_new:
            self.demo.publish(program_es, **spanish.program_links(metastases_es))
