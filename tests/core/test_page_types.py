"""Every page type is routable, renderable, editable and previewable; parent/child rules hold."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from conditions.factories import ClinicianPageFactory, ConditionPageFactory
from conditions.models import ClinicianPage, ConditionIndexPage, ConditionPage, ServiceLinePage
from contact.models import RegistrationPage
from core.factories import LanguageAssistancePageFactory, StandardPageFactory
from core.models import HomePage, LanguageAssistancePage, StandardPage
from tests.core.builders import build_site_tree, translate_page
from tests.core.form_helpers import edit_form_data

ALL_PAGE_TYPES = [
    HomePage,
    StandardPage,
    ServiceLinePage,
    ConditionPage,
    ConditionIndexPage,
    RegistrationPage,
    LanguageAssistancePage,
    ClinicianPage,
]


class PageTypeTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.home = tree.home
        cls.service_line = tree.service_line
        cls.condition_index = tree.condition_index
        cls.standard = StandardPageFactory(
            parent=cls.home,
            title="Accessibility",
            body__0__heading__text="How we test",
            body__1__paragraph__value="<p>With a screen reader.</p>",
        )
        cls.registration = cls.home.add_child(
            instance=RegistrationPage(title="Register as a new patient", slug="register")
        )
        cls.condition = ConditionPageFactory(
            parent=cls.service_line,
            symptoms=["Deep, aching back pain", "Numbness"],
            care_levels=["emergency", "urgent"],
            primary_cancers__0__primary_cancer__name="Breast cancer",
            other_names__0__name__value="Secondary spinal tumors",
            references__0__reference__citation="A review of spinal care.",
        )
        cls.assistance = LanguageAssistancePageFactory(
            parent=cls.home,
            taglines=[
                ("tagline", {"language_code": "vi", "language_name": "Tiếng Việt", "text": "Gọi."})
            ],
        )
        cls.clinician = ClinicianPageFactory(parent=cls.service_line, treats=[cls.condition])
        cls.superuser = cls.create_superuser("pagetypes")

    def pages(self):
        return [
            self.home,
            self.standard,
            self.service_line,
            self.condition,
            self.condition_index,
            self.registration,
            self.assistance,
            self.clinician,
        ]

    def test_pages_cover_every_concrete_page_type(self):
        # A new page type must be added to these tests: fail when one is missing.
        from wagtail.models import get_page_models

        ours = {model for model in get_page_models() if model is not Page}
        self.assertEqual(ours, set(ALL_PAGE_TYPES))
        self.assertEqual({type(page) for page in self.pages()}, set(ALL_PAGE_TYPES))

    def test_routable(self):
        for page in self.pages():
            with self.subTest(page_type=type(page).__name__):
                self.assertPageIsRoutable(page)

    def test_renderable(self):
        for page in self.pages():
            with self.subTest(page_type=type(page).__name__):
                self.assertPageIsRenderable(page)

    def form_data(self, page):
        self.client.force_login(self.superuser)
        return edit_form_data(self.client, page)

    def test_editable(self):
        for page in self.pages():
            with self.subTest(page_type=type(page).__name__):
                data = self.form_data(page)
                data["action-publish"] = "action-publish"
                self.assertPageIsEditable(page, post_data=data, user=self.superuser)

    def test_previewable(self):
        for page in self.pages():
            with self.subTest(page_type=type(page).__name__):
                self.assertPageIsPreviewable(
                    page, post_data=self.form_data(page), user=self.superuser
                )

    def test_edit_form_round_trips_and_publishes(self):
        """Posting the edit form back unchanged is valid (assertPageIsEditable only checks
        that the POST does not crash, not that the form accepts its own data)."""
        for page in self.pages():
            with self.subTest(page_type=type(page).__name__):
                url = reverse("wagtailadmin_pages:edit", args=[page.pk])
                data = self.form_data(page)
                data["action-publish"] = "action-publish"
                response = self.client.post(url, data)
                self.assertEqual(response.status_code, 302, _form_errors(response))
                page.refresh_from_db()
                self.assertTrue(page.live)
                self.assertFalse(page.has_unpublished_changes)


def _form_errors(response):
    context = getattr(response, "context", None)
    if not context or "form" not in context:
        return ""
    form = context["form"]
    errors = dict(form.errors)
    for name, formset in form.formsets.items():
        if formset.non_form_errors() or any(formset.errors):
            errors[name] = (formset.non_form_errors(), formset.errors)
    return errors


class ParentChildRulesTestCase(WagtailPageTestCase):
    def test_allowed_parent_page_types(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedParentPageTypes(ServiceLinePage, {HomePage})
        self.assertAllowedParentPageTypes(ConditionPage, {ServiceLinePage})
        self.assertAllowedParentPageTypes(ConditionIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(RegistrationPage, {HomePage})
        self.assertAllowedParentPageTypes(ClinicianPage, {ServiceLinePage})

    def test_allowed_subpage_types(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ServiceLinePage,
                ConditionIndexPage,
                RegistrationPage,
                StandardPage,
                LanguageAssistancePage,
            },
        )
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertAllowedSubpageTypes(ServiceLinePage, {ConditionPage, ClinicianPage})
        self.assertAllowedSubpageTypes(ConditionPage, set())
        self.assertAllowedSubpageTypes(ConditionIndexPage, set())
        self.assertAllowedSubpageTypes(RegistrationPage, set())
        self.assertAllowedSubpageTypes(ClinicianPage, set())

    def test_can_create_at(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, ServiceLinePage)
        self.assertCanCreateAt(HomePage, ConditionIndexPage)
        self.assertCanCreateAt(HomePage, RegistrationPage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanCreateAt(ServiceLinePage, ConditionPage)
        self.assertCanCreateAt(ServiceLinePage, ClinicianPage)

    def test_can_not_create_at(self):
        # Condition pages belong to a service line, nowhere else.
        for parent in (Page, HomePage, StandardPage, ConditionIndexPage, ConditionPage):
            with self.subTest(parent=parent.__name__):
                self.assertCanNotCreateAt(parent, ConditionPage)
        self.assertCanNotCreateAt(Page, ServiceLinePage)
        self.assertCanNotCreateAt(ServiceLinePage, ServiceLinePage)
        self.assertCanNotCreateAt(ServiceLinePage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, ServiceLinePage)
        self.assertCanNotCreateAt(ConditionPage, StandardPage)
        self.assertCanNotCreateAt(ServiceLinePage, RegistrationPage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        # A profile sits under the service line the clinician works in.
        for parent in (HomePage, StandardPage, ConditionPage, ClinicianPage):
            with self.subTest(parent=parent.__name__):
                self.assertCanNotCreateAt(parent, ClinicianPage)

    def test_single_instance_page_types(self):
        """Home, the A–Z index, the registration page and the language assistance notice exist
        at most once in each language."""
        tree = build_site_tree()
        tree.home.add_child(instance=RegistrationPage(title="Register", slug="register"))
        LanguageAssistancePageFactory(parent=tree.home)
        root = Page.get_first_root_node()
        # The Spanish home may still be made, then no other.
        self.assertTrue(HomePage.can_create_at(root))
        home_es = translate_page(tree.home, title="Inicio")
        self.assertFalse(HomePage.can_create_at(root))
        self.assertFalse(ConditionIndexPage.can_create_at(tree.home))
        self.assertFalse(RegistrationPage.can_create_at(tree.home))
        self.assertFalse(LanguageAssistancePage.can_create_at(tree.home))
        # Below the Spanish home, each may be made once in Spanish.
        self.assertTrue(ConditionIndexPage.can_create_at(home_es))
        self.assertTrue(LanguageAssistancePage.can_create_at(home_es))
        # Service lines and standard pages are not limited.
        self.assertTrue(ServiceLinePage.can_create_at(tree.home))
        self.assertTrue(StandardPage.can_create_at(tree.home))
