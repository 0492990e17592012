"""The condition page and its child rows (symptoms, reviewers, related conditions)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.admin.panels import (
    FieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from conditions.blocks import (
    CareCardStreamBlock,
    OtherNameStreamBlock,
    PrimaryCancerStreamBlock,
    QuestionStreamBlock,
    ReferenceStreamBlock,
    TreatmentStreamBlock,
)
from conditions.clinical import clinical_content
from conditions.forms import ConditionPageForm
from conditions.models.clinician_page import live_profile_pages
from conditions.models.reviewer import Reviewer
from conditions.panels import CONDITION_PAGE_PANELS
from conditions.querysets import ConditionPageManager
from conditions.review import (
    REVIEW_INTERVAL_MONTHS,  # noqa: F401 - imported from here by older code and tests
    is_overdue,
    next_review_after,  # noqa: F401
    rolled_forward_due_date,
    site_of,
)
from conditions.translations import NOT_COPIED_TO_TRANSLATION, review_fields_per_language
from core.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from core.models import BasePage


class ConditionPage(BasePage):
    objects = ConditionPageManager()

    summary = models.TextField(
        max_length=300,
        help_text=_(
            "One or two plain sentences defining the condition. Shown in large type under "
            "the title, in listings and the A–Z, and as the description search engines show."
        ),
    )
    other_names = StreamField(
        OtherNameStreamBlock(),
        blank=True,
        help_text=_("Shown under the title after “Also called:”, and found by site search."),
    )
    overview = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("The “Overview” section, after “When to get help”."),
    )
    causes = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("The start of the “Causes” section."),
    )
    primary_cancers_intro = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "In the “Causes” section, the line before the list of cancers. For example: It "
            "most often spreads from these cancers."
        ),
    )
    primary_cancers = StreamField(
        PrimaryCancerStreamBlock(),
        blank=True,
        help_text=_("The list of cancers at the end of the “Causes” section."),
    )
    how_it_develops = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("The “How it develops” section."),
    )
    symptoms_intro = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            "The line above the numbered list in the “Symptoms” section. For example: Some "
            "people have no symptoms at all."
        ),
    )
    when_to_get_help = StreamField(
        CareCardStreamBlock(),
        blank=True,
        help_text=_(
            "The “When to get help” section, right after “Symptoms”, most urgent card first. "
            "The first emergency card also makes the banner near the top of the page: “Call "
            "911 if you have” and the card's signs in brief (or its signs). Choose “Shared "
            "care advice” for a card many pages share (reviewed once, on the shared advice)."
        ),
    )
    diagnosis = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Optional. The “Diagnosis and tests” section, between “How it develops” and "
            "“Treatment”: how the condition is found and which tests to expect. Clinical: a "
            "change needs a new medical review."
        ),
    )
    treatment = StreamField(
        TreatmentStreamBlock(), blank=True, help_text=_("The “Treatment” section.")
    )
    outlook = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Optional. The “Outlook and living with it” section, after “Treatment”: what to "
            "expect and day-to-day life. Clinical: a change needs a new medical review."
        ),
    )
    our_approach = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text=_("The “Our approach” section (not clinical: no medical review needed)."),
    )
    supportive_care = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("The “Supportive care” section."),
    )
    questions_to_ask = StreamField(
        QuestionStreamBlock(),
        blank=True,
        help_text=_(
            "Optional. The “Questions to ask at your appointment” list, after “Supportive "
            "care” and before “References”. Clinical (they steer what patients ask about "
            "their care): a change needs a new medical review."
        ),
    )
    references = StreamField(
        ReferenceStreamBlock(),
        blank=True,
        help_text=_("The numbered “References” list near the end of the page."),
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text=_(
            "Required to publish. Shown as “Last reviewed” at the foot of the page; set to "
            "the approval date when a reviewer approves the page's medical review."
        ),
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text=_(
            "Moves forward by the review interval (Settings → Site settings, usually 12 "
            "months) whenever the last-reviewed date changes, unless you change this date in "
            "the same edit. Past this date patients see “This page is due for review”."
        ),
    )

    # The clinical content a medical reviewer last approved (conditions/clinical.py): set by the
    # "Medical review" workflow task or a moderator's audited "no clinical change" confirmation.
    reviewed_clinical_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    associated_anatomy = models.CharField(
        max_length=120,
        blank=True,
        help_text=_(
            "The part of the body the condition affects, for example: Spine. Given to search "
            "engines in the page's structured data; not shown on the page."
        ),
    )

    # Each language has its own reviewers and review dates (conditions/translations.py).
    override_translatable_fields = review_fields_per_language()

    content_panels = CONDITION_PAGE_PANELS
    promote_panels = [*BasePage.promote_panels, FieldPanel("associated_anatomy")]
    search_fields = [
        *BasePage.search_fields,
        # Boosted where the backend weighs fields (PostgreSQL); core/search.py puts name
        # matches first on every backend.
        index.SearchField("other_names", boost=3),
        index.AutocompleteField("other_names"),
        index.SearchField("overview"),
        index.SearchField("causes"),
        index.SearchField("primary_cancers"),
        index.SearchField("symptoms_intro"),
        index.SearchField("diagnosis"),
        index.SearchField("treatment"),
        index.SearchField("outlook"),
        index.RelatedFields(
            "symptoms", [index.SearchField("name", boost=2), index.SearchField("detail")]
        ),
    ]
    base_form_class = ConditionPageForm

    parent_page_types = ["conditions.ServiceLinePage"]
    subpage_types = []
    template = "conditions/condition_page.html"

    def clean(self):
        super().clean()
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = rolled_forward_due_date(self.last_reviewed, site_of(self))
        if (
            self.next_review_due
            and self.last_reviewed
            and self.next_review_due <= self.last_reviewed
        ):
            raise ValidationError(
                {"next_review_due": _("The next review must fall after the last review.")}
            )
        # Publishing from a revision (workflow approval, schedule, bulk action) skips the form.
        checked_by_form = getattr(self, "_publish_rules_checked_by_form", False)
        saving_draft = getattr(self, "_saving_draft_revision", False)
        if self.live and not (checked_by_form or saving_draft) and not self._has_medical_review():
            raise ValidationError(
                _("A condition page needs a medical reviewer and review date to be published.")
            )

    def _has_medical_review(self):
        """A review date and at least one reviewer, read from this instance's own child
        objects so that a page rebuilt from a revision is judged on the revision's content."""
        return bool(self.last_reviewed) and any(
            item.reviewer_id for item in self.page_reviewers.all()
        )

    def _number_new_child_rows(self):
        """Give ordered child rows without a sort_order (made in code, not in the admin) the
        next numbers in their current order, so that they keep that order on every database
        (NULLs sort first on SQLite and last on PostgreSQL)."""
        pending = getattr(self, "_cluster_related_objects", {})
        for relation in get_all_child_relations(self):
            items = pending.get(relation.get_accessor_name())
            if not items or not hasattr(relation.related_model, "sort_order_field"):
                continue
            field = relation.related_model.sort_order_field
            numbered = [getattr(item, field) for item in items if getattr(item, field) is not None]
            next_number = max(numbered, default=-1) + 1
            for item in items:
                if getattr(item, field) is None:
                    setattr(item, field, next_number)
                    next_number += 1

    def save_revision(self, *args, **kwargs):
        self._number_new_child_rows()
        # A draft may lack a medical review even while an older version is live; the rule is
        # checked when a revision is published (revision.publish() saves the page, cleaning it).
        self._saving_draft_revision = True
        try:
            return super().save_revision(*args, **kwargs)
        finally:
            self._saving_draft_revision = False

    def save(self, *args, **kwargs):
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = rolled_forward_due_date(self.last_reviewed, site_of(self))
        self._number_new_child_rows()
        return super().save(*args, **kwargs)

    def copy_for_translation(self, locale, copy_parents=False, alias=False, exclude_fields=None):
        """A new translation starts without a medical review: it needs its own reviewer and
        review date before it is published (an alias shows the source's own, reviewed text)."""
        if not alias:
            exclude_fields = [*(exclude_fields or []), *NOT_COPIED_TO_TRANSLATION]
        return super().copy_for_translation(
            locale, copy_parents=copy_parents, alias=alias, exclude_fields=exclude_fields
        )

    def get_workflow(self):
        """A workflow attached to this page itself wins; otherwise condition pages go through
        the "Medical review" workflow (created by migration), whatever their ancestors use."""
        from conditions.workflow import medical_review_workflow

        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        own = getattr(self, "workflowpage", None) if self.pk else None
        if own is not None and own.workflow.active:
            return own.workflow
        return medical_review_workflow() or super().get_workflow()

    def clinical_content(self):
        return clinical_content(self)

    @property
    def review_overdue(self):
        """Past its next-review date: still live, but patients are told it is due for review."""
        return is_overdue(self.next_review_due)

    def get_other_names(self):
        return [block.value for block in self.other_names if block.value]

    @cached_property
    def reviewers(self):
        return [
            item.reviewer
            # The photo comes in the same query and the profile pages in one more: two queries
            # however many reviewers there are.
            for item in self.page_reviewers.select_related("reviewer__photo").prefetch_related(
                live_profile_pages()
            )
            if item.reviewer
        ]

    @cached_property
    def live_related_conditions(self):
        return [
            item.related_page
            for item in self.related_conditions.select_related("related_page")
            if item.related_page.live
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only if rendered: a cached body ({% fragment_cache %}) needs no query.
        context["symptom_list"] = SimpleLazyObject(lambda: list(self.symptoms.all()))
        return context


class ConditionSymptom(Orderable):
    page = ParentalKey(ConditionPage, on_delete=models.CASCADE, related_name="symptoms")
    name = models.CharField(max_length=200)
    detail = models.TextField(max_length=600, blank=True)

    panels = [FieldPanel("name"), FieldPanel("detail")]

    def __str__(self):
        return self.name


class ConditionPageReviewer(Orderable):
    page = ParentalKey(ConditionPage, on_delete=models.CASCADE, related_name="page_reviewers")
    # CASCADE, not PROTECT: a draft revision that names a since-deleted reviewer must still
    # load (modelcluster drops the row), and then needs a reviewer again to be published.
    # Deleting a reviewer who is credited on a saved page is refused in wagtail_hooks.
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("reviewer")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "reviewer")]


class RelatedCondition(Orderable):
    page = ParentalKey(ConditionPage, on_delete=models.CASCADE, related_name="related_conditions")
    related_page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("related_page", "conditions.ConditionPage")]
