import copy

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search import index

from core import generation
from core.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from core.language_assistance import LANGUAGE_ASSISTANCE_PANELS, TaglineStreamBlock
from core.phone import to_e164, validate_phone
from core.routing import route_by_url_path
from core.visibility import may_be_restricted


class CustomImage(AbstractImage):
    """The site's image model. Wagtail's own ``description`` is the image's default alt text
    (image blocks use it when their own alt text is blank)."""

    admin_form_fields = Image.admin_form_fields


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class BasePage(Page):
    """Fields and behaviour every page on the site shares."""

    summary = models.TextField(
        blank=True,
        max_length=300,
        validators=[MaxLengthValidator(300)],
        help_text=_(
            "One or two plain sentences. Used in listings and as the description search "
            "engines show."
        ),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    content_panels = [*Page.content_panels, FieldPanel("summary")]
    promote_panels = Page.promote_panels

    # Abstract: Wagtail does not offer it as a page type.
    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def get_other_names(self):
        """Other names the page's subject is known by (search and the A–Z list them); page
        types that have them say so."""
        return []

    def get_breadcrumbs(self):
        """Ancestors below the tree root, for the breadcrumb trail: the ones routing loaded
        (core.routing), else one query."""
        chain, page = [], self
        while page.depth > 2:
            page = getattr(page, "_cached_parent_obj", None)
            if page is None:
                return self.get_ancestors().filter(depth__gt=1).specific(defer=True)
            chain.append(page)
        return chain[::-1]

    def get_view_restrictions(self):
        # Wagtail's check on every served page costs two queries; most pages are in no private
        # section, which the remembered list of restricted paths tells without a query.
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class OnePerLanguage:
    """A page type the site has once in each language (the home page, the A–Z). Wagtail's
    ``max_count`` would count every language's copy together."""

    @classmethod
    def can_create_at(cls, parent):
        if not super().can_create_at(parent):
            return False
        if parent.is_root():
            # Home pages sit under the tree root, whatever their language.
            return cls.objects.count() < Locale.objects.count()
        return not cls.objects.filter(locale_id=parent.locale_id).exists()


class HomePage(OnePerLanguage, BasePage):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyStreamBlock(), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "conditions.ServiceLinePage",
        "conditions.ConditionIndexPage",
        "contact.RegistrationPage",
        "core.StandardPage",
        "core.LanguageAssistancePage",
    ]
    # Its service lines and the A–Z link come from the conditions app's template tags, so this app
    # needs nothing from the apps built on it.
    template = "core/home_page.html"

    def route(self, request, path_components):
        # The site root: find the page by its URL path in one query, not one per level.
        return route_by_url_path(self, request, path_components) or super().route(
            request, path_components
        )


class StandardPage(BasePage):
    """Plain content pages such as the privacy notice or accessibility statement."""

    body = StreamField(BodyStreamBlock(), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]
    template = "core/standard_page.html"


class LanguageAssistancePage(OnePerLanguage, BasePage):
    """The language assistance notice, linked from every page's footer
    (core/language_assistance.py)."""

    notice = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text=_("The free language services notice, in this page's language."),
    )
    taglines = StreamField(
        TaglineStreamBlock(),
        blank=True,
        help_text=_("The same notice in short, in each of the state's top languages."),
    )

    content_panels = [*BasePage.content_panels, *LANGUAGE_ASSISTANCE_PANELS]
    search_fields = [*BasePage.search_fields, index.SearchField("notice")]

    parent_page_types = ["core.HomePage"]
    subpage_types = []
    template = "core/language_assistance_page.html"

    class Meta:
        verbose_name = _("language assistance page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Site-wide values: who we are and how a patient reaches the team."""

    organisation_name = models.CharField(max_length=120, default="Example Health")
    new_patient_phone = models.CharField(
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text=_("The number new patients call, for example 1-888-555-0142."),
    )
    phone_hours = models.CharField(
        max_length=120, blank=True, help_text=_("For example: Monday to Friday, 8 a.m. to 6 p.m.")
    )
    virtual_visits_offered = models.BooleanField(default=False)
    virtual_visits_text = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Shown when virtual visits are offered, for example who can have one."),
    )
    accreditation = models.CharField(
        max_length=200, blank=True, help_text=_("An accreditation line shown in the footer.")
    )
    medical_review_interval_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        verbose_name=_("medical review interval (months)"),
        help_text=_(
            "How long after a medical review the next one falls due. A new last-reviewed date "
            "moves the next-review date forward by this many months."
        ),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The privacy notice, linked from forms that collect personal information."),
    )
    share_image = models.ForeignKey(
        "core.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when a page is shared on social media or in a messaging app (cropped to "
            "1200 x 630). Its description is the image's alt text."
        ),
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [
                FieldPanel("new_patient_phone"),
                FieldPanel("phone_hours"),
                FieldPanel("virtual_visits_offered"),
                FieldPanel("virtual_visits_text"),
            ],
            heading=_("Call to action"),
        ),
        FieldPanel("accreditation"),
        FieldPanel("medical_review_interval_months"),
        PageChooserPanel("privacy_page"),
        FieldPanel("share_image"),
    ]

    class Meta:
        verbose_name = _("site settings")

    def __str__(self):
        return str(self.organisation_name)

    @classmethod
    def for_site(cls, site):
        """Read once per content generation (core.generation), not once per request; every
        caller gets its own copy because Wagtail attaches the request to it."""
        if site is None:
            return super().for_site(site)
        remembered = generation.remembered(
            ("site-settings", site.pk),
            lambda: cls._loaded_for_site(site),
        )
        instance = copy.copy(remembered)
        instance._page_url_cache = {}
        return instance

    @classmethod
    def _loaded_for_site(cls, site):
        instance = super().for_site(site)
        # The footer links the privacy page: load it now so copies do not query for it.
        _privacy_page = instance.privacy_page
        return instance

    @cached_property
    def phone_tel(self):
        """The number as a tel: URI target (E.164), or '' when none is set."""
        return to_e164(self.new_patient_phone) if self.new_patient_phone else ""


@register_setting(icon="search")
class SearchSettings(BaseSiteSetting):
    """What the site search treats as the same words (see core/search.py)."""

    synonyms = models.TextField(
        blank=True,
        help_text=_(
            "One group per line: words or phrases that mean the same, separated by commas. "
            "For example: spinal metastases, spinal mets, secondary spinal tumors. A search "
            "for any of them also finds pages that use the others."
        ),
    )

    panels = [FieldPanel("synonyms")]

    class Meta:
        verbose_name = _("search settings")


# Site settings' wording in other languages (core/site_text.py).
from core.site_text import SiteTextTranslation  # noqa: E402, F401
