"""Builds the demo site: the page tree, reviewers and site settings, from demo/content/.

Idempotent: a page that already exists (same slug under the same parent) is left exactly as it
is, so running twice creates nothing the second time and never overwrites what an editor
changed. Site settings are only filled in where they are still empty.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page, Site

from conditions.factories import (
    ClinicianPageFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    ServiceLinePageFactory,
)
from conditions.models import Reviewer, SharedCareAdvice
from contact.factories import RegistrationPageFactory
from contact.models import RegistrationSettings
from core.factories import (
    CustomImageFactory,
    HomePageFactory,
    LanguageAssistancePageFactory,
    StandardPageFactory,
)
from core.models import HomePage, SearchSettings, SiteSettings
from demo.content import care_cards, conditions, language_assistance, people, site_pages, spanish
from demo.content.common import ORGANISATION
from demo.spanish_loader import SpanishPages


class DemoContent:
    """One run of the loader. ``created`` lists the pages it made; ``log`` reports progress."""

    def __init__(self, log=None):
        self.log = log or (lambda message: None)
        self.created = []

    # --- helpers ------------------------------------------------------------------------------

    def ensure_page(self, factory, parent, slug, **fields):
        """The page with this slug under ``parent``; created and published if missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            self.log(f"  exists: {existing.url_path}")
            return existing.specific, False
        page = factory(parent=parent, slug=slug, live=False, **fields)
        self.publish(page)
        self.created.append(page)
        self.log(f"  created: {page.url_path}")
        return page, True

    @staticmethod
    def publish(page, **fields):
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision(log_action=True).publish()
        page.refresh_from_db()

    # --- the tree -----------------------------------------------------------------------------

    def build(self):
        self.reviewers = [
            Reviewer.objects.get_or_create(name=data["name"], defaults=data)[0]
            for data in conditions.REVIEWERS
        ]
        self.reviewed_on = timezone.localdate() - datetime.timedelta(days=45)
        emergency = self.ensure_shared_emergency_advice()

        home, home_new = self.ensure_home()
        program, program_new = self.ensure_page(
            ServiceLinePageFactory, home, "spinal-tumor-program", **site_pages.program_fields()
        )
        cancer_center, _ = self.ensure_page(
            ServiceLinePageFactory, home, "cancer-center", **site_pages.cancer_center_fields()
        )
        condition_index, _ = self.ensure_page(
            ConditionIndexPageFactory, home, "conditions", **site_pages.condition_index_fields()
        )
        registration, _ = self.ensure_page(
            RegistrationPageFactory, home, "register", **site_pages.registration_fields()
        )
        privacy, _ = self.ensure_page(
            StandardPageFactory, home, "privacy", **site_pages.privacy_fields()
        )
        assistance, _ = self.ensure_page(
            LanguageAssistancePageFactory,
            home,
            "language-assistance",
            **language_assistance.english_fields(),
        )

        breast, _ = self.ensure_condition(cancer_center, "breast-cancer", conditions.breast_cancer)
        kidney, _ = self.ensure_condition(cancer_center, "kidney-cancer", conditions.kidney_cancer)
        # The medical-review states, so the report, dashboard and public wording all show
        # something: chordoma falls due within 30 days, meningioma is overdue, primary spinal
        # cord tumors has a draft in the Medical review workflow; the rest are fine.
        chordoma, _ = self.ensure_condition(
            program, "chordoma", conditions.chordoma, reviewed_days_ago=345, emergency=emergency
        )
        meningioma, _ = self.ensure_condition(
            program,
            "spinal-meningioma",
            conditions.meningioma,
            reviewed_days_ago=380,
            emergency=emergency,
        )
        primary, primary_new = self.ensure_condition(
            program,
            "primary-spinal-cord-tumors",
            conditions.primary_spinal_cord_tumors,
            emergency=emergency,
        )
        if primary_new:
            self.submit_for_medical_review(primary, conditions.PRIMARY_DRAFT_SYMPTOMS_INTRO)
        metastases, _ = self.ensure_condition(
            program,
            "spinal-metastases",
            conditions.spinal_metastases,
            breast=breast,
            kidney=kidney,
            related=[primary, chordoma, meningioma],
            emergency=emergency,
        )

        self.ensure_profiles(program)

        # Links that need pages created above; only written into pages made on this run.
        if program_new:
            self.publish(program, **site_pages.program_links(metastases, registration))
        if home_new:
            self.publish(home, **site_pages.home_links(registration))

        self.ensure_site_settings(home, registration, privacy)
        # Spanish versions of the home page, the program, spinal metastases and the A–Z.
        spanish_pages = SpanishPages(self)
        spanish_pages.build(home, program, condition_index, metastases)
        spanish_pages.ensure(assistance, language_assistance.spanish_fields())
        spanish_pages.ensure(registration, spanish.registration_fields())

    def ensure_home(self):
        root = Page.get_first_root_node()
        home = HomePage.objects.first()
        site = Site.objects.filter(is_default_site=True).first()
        created = False
        if home is None:
            # Wagtail's default "Welcome" page makes way for ours (only if nothing hangs off it).
            welcome = (
                root.get_children()
                .filter(content_type=ContentType.objects.get_for_model(Page), slug="home")
                .first()
            )
            if welcome is not None and not welcome.get_children().exists():
                if site is not None and site.root_page_id == welcome.pk:
                    site.root_page = root
                    site.save()
                welcome.delete()
            slug = "home" if not root.get_children().filter(slug="home").exists() else "main"
            home, created = self.ensure_page(
                HomePageFactory, root, slug, set_as_site_root=False, **site_pages.home_fields()
            )
        if site is None:
            site = Site(is_default_site=True)
        wanted = {
            "root_page_id": home.pk,
            "hostname": "localhost",
            "port": 80,
            "site_name": ORGANISATION,
        }
        if any(getattr(site, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(site, name, value)
            site.save()
            Site.clear_site_root_paths_cache()
        return home, created

    def ensure_condition(self, parent, slug, content, reviewed_days_ago=None, **context):
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            self.log(f"  exists: {existing.url_path}")
            return existing.specific, False
        fields = content(self.reviewers, **context)
        fields.setdefault("reviewers", self.reviewers[:1])
        if reviewed_days_ago is not None:
            fields["last_reviewed"] = timezone.localdate() - datetime.timedelta(
                days=reviewed_days_ago
            )
        fields.setdefault("last_reviewed", self.reviewed_on)
        fields.setdefault("treatment_options", 0)
        fields.setdefault("care_levels", ())
        return self.ensure_page(ConditionPageFactory, parent, slug, **fields)

    def ensure_profiles(self, program):
        """A profile page for each fictional reviewer, with a drawn placeholder portrait."""
        for profile in people.PROFILES:
            reviewer = Reviewer.objects.get(name=profile["reviewer"])
            if reviewer.photo is None:
                reviewer.photo = CustomImageFactory(
                    title=f"Portrait placeholder: {reviewer.name}",
                    description="",
                    file__from_file=people.placeholder_portrait(*profile["tint"]),
                    file__filename=f"{profile['slug']}.png",
                )
                reviewer.save()
            treats = [
                page.specific
                for slug in profile["treats"]
                for page in program.get_children().filter(slug=slug)
            ]
            self.ensure_page(
                ClinicianPageFactory,
                program,
                profile["slug"],
                reviewer=reviewer,
                title=reviewer.name,
                treats=treats,
                **profile["fields"],
            )

    def ensure_shared_emergency_advice(self):
        """The spinal cord compression emergency card, shared by the four spine pages."""
        advice, created = SharedCareAdvice.objects.get_or_create(
            name=care_cards.SPINE_EMERGENCY_NAME,
            defaults={
                **care_cards.spine_emergency_advice_fields(),
                "last_reviewed": self.reviewed_on,
            },
        )
        if created:
            advice.reviewers.set(self.reviewers)
            advice.save()
            self.log(f"  created shared care advice: {advice.name}")
        return advice

    def submit_for_medical_review(self, page, symptoms_intro):
        """A draft clinical edit awaiting its reviewer in the Medical review workflow."""
        page.symptoms_intro = symptoms_intro
        page.save_revision(log_action=True)
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user=None)
            self.log(f"  in review: {page.url_path}")

    def ensure_site_settings(self, home, registration, privacy):
        site = Site.objects.get(root_page=home)
        fresh = not SiteSettings.objects.filter(site=site).exists()
        site_settings = SiteSettings.for_site(site)
        changed = False
        for name, value in site_pages.site_settings_defaults().items():
            current = getattr(site_settings, name)
            field_default = SiteSettings._meta.get_field(name).default
            if (not current or current == field_default) and current != value:
                setattr(site_settings, name, value)
                changed = True
        if site_settings.privacy_page_id is None:
            site_settings.privacy_page = privacy
            changed = True
        # Offered by default on a fresh site; an editor who switched it off keeps it off.
        if fresh and not site_settings.virtual_visits_offered:
            site_settings.virtual_visits_offered = True
            changed = True
        if changed:
            site_settings.full_clean()
            site_settings.save()
        self.ensure_registration_settings(site, registration)
        self.ensure_search_settings(site)

    def ensure_search_settings(self, site):
        search_settings = SearchSettings.for_site(site)
        if not search_settings.synonyms:
            search_settings.synonyms = site_pages.SEARCH_SYNONYMS
            search_settings.save()

    def ensure_registration_settings(self, site, registration):
        registration_settings = RegistrationSettings.for_site(site)
        changed = False
        if not registration_settings.intake_notification_email:
            registration_settings.intake_notification_email = "intake@example.org"
            changed = True
        if registration_settings.registration_page_id is None:
            registration_settings.registration_page = registration
            changed = True
        if changed:
            registration_settings.full_clean()
            registration_settings.save()
