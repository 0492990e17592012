"""Pages that list condition pages: service lines and the A–Z index."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from conditions.az import letter_groups
from conditions.review import (
    REVIEW_INTERVAL_MONTHS,  # noqa: F401 - imported from here by older code and tests
    next_review_after,  # noqa: F401
)
from core.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from core.models import BasePage, OnePerLanguage
from core.visibility import public_pages


def condition_pages():
    from conditions.models.condition_page import ConditionPage

    return ConditionPage.objects.all()


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
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("approach"),
        index.SearchField("team"),
    ]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["conditions.ConditionPage", "conditions.ClinicianPage"]
    template = "conditions/service_line_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["conditions"] = public_pages(condition_pages().child_of(self).live()).order_by(
            "title"
        )
        context["clinicians"] = self.team_profiles()
        return context

    def team_profiles(self):
        """The live, public clinician profiles under this service line, in the order editors
        gave them in the page tree, with their reviewer and photo (two queries)."""
        from conditions.models.clinician_page import ClinicianPage

        return (
            public_pages(ClinicianPage.objects.child_of(self).live())
            .select_related("reviewer__photo")
            .prefetch_related("reviewer__photo__renditions")
            .order_by("path")
        )


class ConditionIndexPage(OnePerLanguage, BasePage):
    """Conditions A–Z: every live condition page on the site, grouped by first letter."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = []
    template = "conditions/condition_index_page.html"

    def get_letter_groups(self):
        """[(letter, [AZEntry, ...]), ...]: each live condition under its title's letter and
        under the letter of each of its other names (conditions/az.py)."""
        pages = (
            # Below this index's home page: the site's pages in the index's own language.
            public_pages(condition_pages().live())
            .descendant_of(self.get_parent())
            .order_by("title")
            .only("id", "title", "url_path", "path", "depth", "summary", "other_names")
        )
        return letter_groups(pages)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only if rendered: a cached A–Z ({% fragment_cache %}) needs no query.
        context["letter_groups"] = SimpleLazyObject(self.get_letter_groups)
        return context
