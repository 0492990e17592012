"""The condition page's editor: the medical review first (status, reviewers, dates), then the
page's sections in the order patients read them."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    Panel,
)
from wagtail.models import Page

from conditions.readability import GOAL_GRADE, page_readability
from conditions.review import ReviewStatus, days_left, days_phrase, review_status
from conditions.translations import source_changed_since_translation


class MedicalReviewStatusPanel(Panel):
    """Read-only: who reviewed the page, when, when it falls due, where it is in the workflow,
    and the reading grade of its summary and symptoms (advice, never a block)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "conditions/admin/medical_review_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            saved = bool(page.pk)
            task = page.current_workflow_task if saved else None
            status = review_status(page.next_review_due, in_workflow=task is not None)
            context.update(
                {
                    "reviewers": page.reviewers if saved else [],
                    "last_reviewed": page.last_reviewed,
                    "next_review_due": page.next_review_due,
                    "days": days_phrase(days_left(page.next_review_due)),
                    "status": status,
                    "status_label": ReviewStatus.LABELS[status],
                    "workflow_task": task,
                    "readability": page_readability(page) if saved else [],
                    "goal_grade": GOAL_GRADE,
                    "source_changed": saved and source_changed_since_translation(page),
                }
            )
            return context


CONDITION_PAGE_PANELS = [
    *Page.content_panels,
    MultiFieldPanel(
        [
            MedicalReviewStatusPanel(),
            MultipleChooserPanel(
                "page_reviewers",
                chooser_field_name="reviewer",
                label=_("Reviewer"),
                help_text=_("Shown as “Medically reviewed by …” at the foot of the page."),
            ),
            FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")]),
            FieldPanel("no_clinical_change"),
            FieldPanel("no_clinical_change_reason"),
        ],
        heading=_("Medical review"),
    ),
    FieldPanel("summary"),
    FieldPanel("other_names"),
    MultiFieldPanel(
        [
            FieldPanel("symptoms_intro"),
            InlinePanel(
                "symptoms",
                label=_("Symptom"),
                help_text=_("The numbered list in the “Symptoms” section, in this order."),
            ),
        ],
        heading=_("Symptoms"),
    ),
    FieldPanel("when_to_get_help"),
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
    FieldPanel("diagnosis"),
    FieldPanel("treatment"),
    FieldPanel("outlook"),
    FieldPanel("our_approach"),
    FieldPanel("supportive_care"),
    FieldPanel("questions_to_ask"),
    FieldPanel("references"),
    InlinePanel(
        "related_conditions",
        label=_("Related condition"),
        help_text=_("The “Related conditions” links near the end (only live pages are shown)."),
    ),
]
