"""The clinician's profile page: who they are, what they treat and the pages they reviewed.

A page (not a route served from the snippet) so that a profile gets what every page gets:
drafts, preview, moderation, the sitemap, site search, page permissions and the page cache.
The Reviewer snippet stays the one record of a clinician's name, credentials, role and photo;
the page chooses it and adds what only a profile needs (a biography, a specialty, the
conditions they treat), so the reviewer line on condition pages and the profile cannot disagree.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.models import BasePage
from core.visibility import may_be_restricted, public_pages

# schema.org MedicalSpecialty values (https://schema.org/MedicalSpecialty) a service-line site
# is likely to need; the label is what patients read, the value what search engines read.
MEDICAL_SPECIALTIES = [
    ("Anesthesia", _("Anesthesiology")),
    ("Hematologic", _("Hematology")),
    ("Musculoskeletal", _("Orthopedics")),
    ("Neurologic", _("Neurology")),
    ("Nursing", _("Nursing")),
    ("Oncologic", _("Oncology")),
    ("Pathology", _("Pathology")),
    ("Physiotherapy", _("Physical therapy")),
    ("Radiography", _("Radiology")),
    ("Surgical", _("Surgery")),
    ("Urologic", _("Urology")),
]


# The profile photo: square, shown at 10rem and sharp on 2x screens.
PROFILE_PHOTO_SPEC = "fill-320x320"


def live_profile_pages(lookup="reviewer__"):
    """Prefetch each reviewer's live, public profile page (``Reviewer.profile_page`` reads it):
    one query for all the reviewers of a queryset, however many there are."""
    pages = public_pages(
        ClinicianPage.objects.live().filter(alias_of__isnull=True).order_by("path")
    ).only("id", "title", "url_path", "path", "depth", "live", "alias_of", "reviewer")
    return Prefetch(f"{lookup}profile_pages", queryset=pages, to_attr="live_profile_pages")


class ClinicianPage(BasePage):
    """A clinician's profile, under the service line they work in."""

    reviewer = models.ForeignKey(
        "conditions.Reviewer",
        null=True,
        blank=False,
        # The snippet refuses deletion while it has a profile (conditions/wagtail_hooks.py);
        # SET_NULL only so a draft that named a since-deleted reviewer still loads.
        on_delete=models.SET_NULL,
        related_name="profile_pages",
        verbose_name=_("clinician"),
        help_text=_(
            "The reviewer this page is about. Their name, credentials, role and photo come "
            "from the reviewer (Reviewers menu), so the “Medically reviewed by” line on "
            "condition pages links here and always matches."
        ),
    )
    medical_specialty = models.CharField(
        max_length=40,
        blank=True,
        choices=MEDICAL_SPECIALTIES,
        help_text=_("Shown under the name and given to search engines."),
    )
    biography = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("A few plain sentences about the clinician's work and training."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("reviewer"),
        FieldPanel("medical_specialty"),
        FieldPanel("biography"),
        InlinePanel("treated_conditions", label=_("Conditions they treat")),
    ]
    # Found by who they are; the biography is left out so that a search for a condition's
    # words ("cord compression") finds the condition page, not a profile that mentions them.
    search_fields = [
        *BasePage.search_fields,
        index.RelatedFields(
            "reviewer",
            [
                index.SearchField("name", boost=2),
                index.SearchField("role"),
                index.SearchField("department"),
            ],
        ),
    ]

    parent_page_types = ["conditions.ServiceLinePage"]
    subpage_types = []
    template = "conditions/clinician_page.html"

    class Meta:
        verbose_name = _("clinician profile")

    def clean(self):
        super().clean()
        if self.reviewer_id is None:
            return
        # One profile per clinician, so the reviewer line has one place to link to.
        others = ClinicianPage.objects.filter(reviewer_id=self.reviewer_id, alias_of__isnull=True)
        if self.pk:
            others = others.exclude(pk=self.pk)
        other = others.first()
        if other is not None:
            raise ValidationError(
                {
                    "reviewer": _("%(name)s already has a profile page: “%(title)s”.")
                    % {"name": self.reviewer.name, "title": other.title}
                }
            )

    @cached_property
    def conditions_treated(self):
        """The live, public condition pages chosen under "Conditions they treat", in the
        editor's order (read from the page itself, so a preview shows unsaved choices)."""
        return [
            item.condition
            for item in self.treated_conditions.select_related("condition")
            if item.condition is not None
            and item.condition.live
            and not may_be_restricted(item.condition)
        ]

    def reviewed_pages(self):
        """The live, public condition pages this clinician medically reviewed: one query."""
        from conditions.models.condition_page import ConditionPage

        if self.reviewer_id is None:
            return ConditionPage.objects.none()
        return (
            public_pages(ConditionPage.objects.live())
            .filter(page_reviewers__reviewer_id=self.reviewer_id)
            .order_by("title")
            .only("id", "title", "url_path", "path", "depth", "summary", "last_reviewed")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reviewed_pages"] = list(self.reviewed_pages())
        photo = self.reviewer.photo if self.reviewer else None
        context["photo"] = photo.get_rendition(PROFILE_PHOTO_SPEC) if photo else None
        return context


class ClinicianCondition(Orderable):
    page = ParentalKey(ClinicianPage, on_delete=models.CASCADE, related_name="treated_conditions")
    condition = models.ForeignKey(
        "conditions.ConditionPage", on_delete=models.CASCADE, related_name="treating_clinicians"
    )

    panels = [PageChooserPanel("condition")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "condition")]
