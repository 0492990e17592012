"""Shared care advice: one "When to get help" card that many condition pages show.

A clinical correction is made once, here, and reviewed once, here: the snippet carries its own
reviewers and review dates, drafts and the "Medical review" workflow (Wagtail's snippet
workflows). Pages show its live (published) version only; a draft never reaches patients. A page
that chooses it stores only its id, so changing the advice never makes the pages' own clinical
content look changed (conditions/clinical.py).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from conditions.blocks import SIGNS_IN_BRIEF_HELP, CareLevel, care_card_context
from conditions.clinical import normalise_content
from conditions.forms import SharedCareAdviceForm
from conditions.models.reviewer import Reviewer
from conditions.querysets import SharedCareAdviceQuerySet
from conditions.review import is_overdue, rolled_forward_due_date
from core.blocks import RICH_TEXT_FEATURES

# The fields whose change needs a new medical review of the advice.
ADVICE_CLINICAL_FIELDS = ["level", "heading", "signs", "advice", "signs_in_brief"]


class SharedCareAdvice(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    name = models.CharField(
        max_length=120,
        unique=True,
        help_text=_(
            "For editors choosing it on a page, for example: Spinal cord compression "
            "(emergency). Not shown to patients."
        ),
    )
    level = models.CharField(
        max_length=20,
        choices=CareLevel.CHOICES,
        default=CareLevel.EMERGENCY,
        help_text=_(
            "Shown as the card's label and colour. An emergency card's heading is also "
            "repeated near the top of every page that uses it."
        ),
    )
    heading = models.CharField(
        max_length=120,
        help_text=_(
            "The card's heading: what to do, for example: Call 911 or go to the emergency room."
        ),
    )
    signs = models.TextField(
        help_text=_("The bulleted signs on the card, one per line."),
    )
    advice = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("The text under the signs on the card."),
    )
    signs_in_brief = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("signs in brief (emergency cards)"),
        help_text=SIGNS_IN_BRIEF_HELP,
    )
    reviewers = ParentalManyToManyField(
        Reviewer,
        related_name="shared_advice",
        help_text=_("The clinicians who review this advice (not shown on the card)."),
    )
    last_reviewed = models.DateField(
        help_text=_(
            "The date a reviewer last confirmed this advice. Becomes the approval date when "
            "one of its reviewers approves it in the Medical review workflow."
        ),
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text=_(
            "Moves forward by the review interval (Settings → Site settings) whenever the "
            "last-reviewed date changes, unless you change this date in the same edit."
        ),
    )

    # The clinical content a medical reviewer last approved (conditions/clinical.py): set by the
    # "Medical review" workflow task or a moderator's audited "no clinical change" confirmation.
    reviewed_clinical_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    objects = SharedCareAdviceQuerySet.as_manager()
    base_form_class = SharedCareAdviceForm
    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldPanel("heading"),
                FieldPanel("signs"),
                FieldPanel("advice"),
                FieldPanel("signs_in_brief"),
            ],
            heading=_("The card (clinical: changes need a new medical review)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("reviewers", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")]),
                FieldPanel("no_clinical_change"),
                FieldPanel("no_clinical_change_reason"),
            ],
            heading=_("Medical review"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("heading"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("shared care advice")
        verbose_name_plural = _("shared care advice")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = rolled_forward_due_date(self.last_reviewed)
        due, reviewed = self.next_review_due, self.last_reviewed
        if due and reviewed and due <= reviewed:
            raise ValidationError(
                {"next_review_due": _("The next review must fall after the last review.")}
            )

    def save(self, *args, **kwargs):
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = rolled_forward_due_date(self.last_reviewed)
        return super().save(*args, **kwargs)

    @property
    def sign_list(self):
        return [line.strip() for line in (self.signs or "").splitlines() if line.strip()]

    def clinical_content(self):
        """The card as compared for a clinical change (conditions/clinical.py's rules)."""
        return {
            "level": self.level,
            "heading": normalise_content(self.heading or ""),
            "signs": normalise_content(self.sign_list),
            "advice": normalise_content(self.advice or ""),
            "signs_in_brief": normalise_content(self.signs_in_brief or ""),
        }

    def as_card_value(self):
        """The card as a written care card's value, so both render through one template."""
        return {
            "level": self.level,
            "heading": self.heading,
            "signs": self.sign_list,
            "advice": self.advice,
            "signs_in_brief": self.signs_in_brief,
        }

    @property
    def review_overdue(self):
        return is_overdue(self.next_review_due)

    def reviewer_user_ids(self):
        """Accounts linked to the reviewers of the live advice (of the draft, before its first
        publication): an edit cannot name a new reviewer and have them approve it."""
        source = self
        if self.pk and self.live:
            source = type(self).objects.filter(pk=self.pk).first() or self
        return {r.user_id for r in source.reviewers.all() if r.user_id}

    @property
    def review_urls(self):
        """The admin's compare (live → latest draft) and draft preview, for the reviewer."""
        name = "wagtailsnippets_conditions_sharedcareadvice:"
        return {
            "compare": reverse(name + "revisions_compare", args=[self.pk, "live", "latest"]),
            "preview": reverse(name + "revisions_view", args=[self.pk, self.latest_revision_id]),
        }

    def get_preview_template(self, request, mode_name):
        return "conditions/shared_care_advice_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        return care_card_context(context, self.as_card_value())
