from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from conditions.blocks import (
    CareCardStreamBlock,
    OtherNameStreamBlock,
    PrimaryCancerStreamBlock,
    ReferenceStreamBlock,
    TreatmentStreamBlock,
)
from conditions.forms import ConditionPageForm
from core.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from core.models import BasePage
from core.visibility import public_pages

REVIEW_INTERVAL_MONTHS = 12


def next_review_after(last_reviewed, months=REVIEW_INTERVAL_MONTHS):
    """The same day `months` later, or that month's last day when the day does not exist
    (a review on Feb 29 is next due on Feb 28)."""
    return last_reviewed + relativedelta(months=months)


class Reviewer(index.Indexed, models.Model):
    """A clinician who medically reviews pages. Reused across pages, so it is a snippet."""

    name = models.CharField(max_length=120)
    credentials = models.CharField(max_length=60, blank=True, help_text=_("For example: MD, PhD"))
    role = models.CharField(max_length=120, blank=True, help_text=_("For example: Neurosurgeon"))
    department = models.CharField(
        max_length=120, blank=True, help_text=_("For example: Neuro-oncology")
    )
    photo = models.ForeignKey(
        "core.CustomImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    profile_url = models.URLField(blank=True, help_text=_("Link to the reviewer's profile."))

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("credentials"), FieldPanel("role")]),
        FieldPanel("department"),
        FieldPanel("photo"),
        FieldPanel("profile_url"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("department"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    @property
    def description_line(self):
        """'Neurosurgeon, Neuro-oncology': the parts that are filled in."""
        return ", ".join(part for part in (self.role, self.department) if part)


class ServiceLinePage(BasePage):
    """A program such as the Spinal Tumor Program: its conditions are its children."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    approach = StreamField(
        BodyStreamBlock(), blank=True, help_text=_("What sets the program apart.")
    )
    team = StreamField(BodyStreamBlock(), blank=True, help_text=_("Who patients will meet."))
    call_to_action = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("A closing line inviting patients to get in touch."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("approach"),
        FieldPanel("team"),
        FieldPanel("call_to_action"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["conditions.ConditionPage"]
    template = "conditions/service_line_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["conditions"] = public_pages(ConditionPage.objects.child_of(self).live()).order_by(
            "title"
        )
        return context


class ConditionPage(BasePage):
    summary = models.TextField(
        max_length=300,
        help_text=_(
            "One or two plain sentences defining the condition. Used in listings and as the "
            "description search engines show."
        ),
    )
    other_names = StreamField(OtherNameStreamBlock(), blank=True)
    overview = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    causes = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    primary_cancers_intro = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("For example: It most often spreads from these cancers."),
    )
    primary_cancers = StreamField(PrimaryCancerStreamBlock(), blank=True)
    how_it_develops = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    symptoms_intro = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("For example: Some people have no symptoms at all."),
    )
    when_to_get_help = StreamField(CareCardStreamBlock(), blank=True)
    treatment = StreamField(TreatmentStreamBlock(), blank=True)
    our_approach = StreamField(BodyStreamBlock(), blank=True)
    supportive_care = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    references = StreamField(ReferenceStreamBlock(), blank=True)
    last_reviewed = models.DateField(null=True, blank=True, help_text=_("Required to publish."))
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text=_("Leave blank for twelve months after the last review."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("other_names"),
        FieldPanel("overview"),
        MultiFieldPanel(
            [
                FieldPanel("causes"),
                FieldPanel("primary_cancers_intro"),
                FieldPanel("primary_cancers"),
                FieldPanel("how_it_develops"),
            ],
            heading=_("Causes"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("symptoms_intro"),
                InlinePanel("symptoms", label=_("Symptom")),
            ],
            heading=_("Symptoms"),
        ),
        FieldPanel("when_to_get_help"),
        FieldPanel("treatment"),
        FieldPanel("our_approach"),
        FieldPanel("supportive_care"),
        FieldPanel("references"),
        InlinePanel("related_conditions", label=_("Related condition")),
        MultiFieldPanel(
            [
                MultipleChooserPanel(
                    "page_reviewers", chooser_field_name="reviewer", label=_("Reviewer")
                ),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")]),
            ],
            heading=_("Medical review"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("other_names"),
        index.SearchField("overview"),
        index.SearchField("treatment"),
        index.RelatedFields("symptoms", [index.SearchField("name")]),
    ]
    base_form_class = ConditionPageForm

    parent_page_types = ["conditions.ServiceLinePage"]
    subpage_types = []
    template = "conditions/condition_page.html"

    def clean(self):
        super().clean()
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = next_review_after(self.last_reviewed)
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
            self.next_review_due = next_review_after(self.last_reviewed)
        self._number_new_child_rows()
        return super().save(*args, **kwargs)

    @cached_property
    def reviewers(self):
        return [
            item.reviewer
            # The photo comes in the same query: one query however many reviewers there are.
            for item in self.page_reviewers.select_related("reviewer__photo")
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
        context["symptom_list"] = list(self.symptoms.all())
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


class ConditionIndexPage(BasePage):
    """Conditions A–Z: every live condition page on the site, grouped by first letter."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count = 1
    template = "conditions/condition_index_page.html"

    def get_letter_groups(self):
        groups = {}
        pages = (
            public_pages(ConditionPage.objects.live())
            .in_site(self.get_site())
            .order_by("title")
            .only("id", "title", "url_path", "path", "depth", "summary")
        )
        for page in pages:
            letter = page.title[:1].upper()
            groups.setdefault(letter if letter.isalpha() else "#", []).append(page)
        return sorted(groups.items())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["letter_groups"] = self.get_letter_groups()
        return context
