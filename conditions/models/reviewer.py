"""The Reviewer snippet: a clinician who medically reviews pages."""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.search import index

from conditions.review import (
    REVIEW_INTERVAL_MONTHS,  # noqa: F401 - imported from here by older code and tests
    next_review_after,  # noqa: F401
)


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
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewer_profile",
        verbose_name=_("user account"),
        help_text=_(
            "The account this clinician signs in with. Only a reviewer linked to an account "
            "can approve the medical review of the pages that name them."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("user"),
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

    @cached_property
    def profile_page(self):
        """The clinician's live, public profile page (conditions/models/clinician_page.py), or
        None. Querysets that show many reviewers prefetch it (``live_profile_pages()``)."""
        pages = getattr(self, "live_profile_pages", None)
        if pages is None:
            from conditions.models.clinician_page import live_profile_pages

            pages = live_profile_pages("").queryset.filter(reviewer=self)
        return next(iter(pages), None)

    @property
    def description_line(self):
        """'Neurosurgeon, Neuro-oncology': the parts that are filled in."""
        return ", ".join(part for part in (self.role, self.department) if part)
