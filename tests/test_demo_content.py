"""The demo content command: idempotent, complete enough to show every part of the site."""

import re
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from conditions.blocks import CareLevel, care_card_value
from conditions.models import (
    ClinicianPage,
    ConditionIndexPage,
    ConditionPage,
    Reviewer,
    ServiceLinePage,
    SharedCareAdvice,
)
from contact.models import RegistrationPage, RegistrationSettings
from core.models import HomePage, SiteSettings
from core.templatetags.site_tags import has_text
from tests.shared_data import shared_data


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def internal_links(html):
    """Same-site paths linked from ``html``, without fragments, in document order."""
    parser = LinkCollector()
    parser.feed(html)
    paths = []
    for href in parser.hrefs:
        href = urldefrag(href).url
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(("/admin/", "/static/", "/media/", "/documents/")):
            continue
        if parts.path not in paths:
            paths.append(parts.path)
    return paths


def load(**kwargs):
    out = StringIO()
    call_command("load_demo_content", stdout=out, **kwargs)
    return out.getvalue()


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "reviewers": Reviewer.objects.count(),
        "sites": Site.objects.count(),
        "site_settings": SiteSettings.objects.count(),
        "condition_pages": ConditionPage.objects.count(),
        "shared_advice": SharedCareAdvice.objects.count(),
    }


@pytest.fixture(scope="module")
def _demo_content(request, django_db_setup, django_db_blocker):
    """The demo content, loaded once for this module; each test's writes are rolled back."""
    with shared_data(request, django_db_blocker, load) as output:
        yield output


@pytest.fixture
def demo(db, _demo_content):
    if _demo_content is None:
        load()
    Site.clear_site_root_paths_cache()
    return ConditionPage.objects.get(slug="spinal-metastases")


@pytest.mark.django_db
def test_running_twice_creates_nothing_new(demo):
    before = counts()
    settings_before = SiteSettings.objects.values().get()
    output = load()
    assert counts() == before
    assert SiteSettings.objects.values().get() == settings_before
    assert "nothing to do" in output


@pytest.mark.django_db
def test_home_page_replaces_wagtails_welcome_page(demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert (site.hostname, site.port) == ("localhost", 80)
    # The only other page at the top is the home page's Spanish translation.
    others = Page.objects.filter(depth=2).exclude(pk=site.root_page_id)
    assert [page.locale.language_code for page in others] == ["es"]
    assert others.get().translation_key == site.root_page.translation_key


@pytest.mark.django_db
def test_spinal_metastases_page_is_complete(demo):
    page = demo
    assert page.live
    assert page.get_latest_revision() is not None
    assert len(page.reviewers) >= 1
    assert page.last_reviewed and page.next_review_due > page.last_reviewed
    assert page.symptoms.count() >= 5
    assert page.symptoms_intro
    levels = [care_card_value(card)["level"] for card in page.when_to_get_help]
    assert CareLevel.EMERGENCY in levels
    assert {CareLevel.URGENT, CareLevel.NON_URGENT} <= set(levels)
    assert [name.value for name in page.other_names] == [
        "Secondary spinal tumors",
        "Metastatic spinal tumors",
    ]
    cancers = {block.value["name"]: block.value["page"] for block in page.primary_cancers}
    assert set(cancers) == {
        "Melanoma",
        "Prostate cancer",
        "Breast cancer",
        "Lung cancer",
        "Kidney cancer",
    }
    assert cancers["Breast cancer"] is not None
    option_names = [b.value["name"] for b in page.treatment if b.block_type == "treatment_option"]
    assert {"Chemotherapy and other medicines", "Radiation therapy", "Surgery"} <= set(option_names)
    assert {b.block_type for b in page.treatment} >= {"heading", "paragraph", "callout", "quote"}
    assert page.our_approach and page.supportive_care and page.references
    assert has_text(page.diagnosis) and has_text(page.outlook)
    assert len(page.questions_to_ask) >= 5
    assert len(page.live_related_conditions) >= 2


@pytest.mark.django_db
def test_supporting_pages_and_settings(demo):
    assert ConditionPage.objects.live().count() >= 5
    letters = {title[0] for title in ConditionPage.objects.values_list("title", flat=True)}
    assert len(letters) >= 4
    assert ServiceLinePage.objects.filter(slug="spinal-tumor-program").exists()
    assert ConditionIndexPage.objects.live().exists()
    registration = RegistrationPage.objects.get(slug="register")
    assert registration.live

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert site_settings.new_patient_phone == "1-888-555-0142"
    assert site_settings.privacy_page is not None and site_settings.privacy_page.live
    assert site_settings.virtual_visits_offered
    registration_settings = RegistrationSettings.for_site(Site.objects.get(is_default_site=True))
    assert registration_settings.registration_page_id == registration.pk
    assert registration_settings.intake_notification_email == "intake@example.org"

    home = HomePage.objects.get(locale__language_code="en")
    menu_slugs = set(home.get_children().live().in_menu().values_list("slug", flat=True))
    assert {"spinal-tumor-program", "conditions", "register"} <= menu_slugs


@pytest.mark.django_db
def test_every_demo_page_renders(client, demo):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url_path


@pytest.mark.django_db
def test_spinal_metastases_is_two_clicks_from_home(client, demo):
    target = demo.url
    home_html = client.get("/").content.decode()
    first_hops = internal_links(home_html)
    assert first_hops, "the home page links to nothing"
    routes = []
    for path in first_hops:
        if path == target:
            routes.append([path])
            continue
        response = client.get(path)
        if response.status_code == 200 and target in internal_links(response.content.decode()):
            routes.append([path, target])
    assert routes, f"{target} is not within two clicks of the home page"


@pytest.mark.django_db
def test_every_reviewer_has_a_profile_with_a_portrait_on_the_team_list(client, demo):
    program = ServiceLinePage.objects.get(slug="spinal-tumor-program")
    team_links = internal_links(client.get(program.url).content.decode())
    for reviewer in Reviewer.objects.all():
        profile = ClinicianPage.objects.live().get(reviewer=reviewer)
        assert profile.get_parent().pk == program.pk
        assert reviewer.photo is not None and reviewer.photo.width == reviewer.photo.height
        assert profile.biography and profile.medical_specialty
        assert profile.conditions_treated and profile.reviewed_pages().exists()
        assert profile.url in team_links


@pytest.mark.django_db
def test_ensure_admin_creates_once_with_a_random_password():
    User = get_user_model()
    first, second = StringIO(), StringIO()
    call_command("ensure_admin", stdout=first)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    password = next(
        line.split(":", 1)[1].strip()
        for line in first.getvalue().splitlines()
        if "Password:" in line
    )
    assert len(password) >= 20 and admin.check_password(password)

    call_command("ensure_admin", stdout=second)
    assert User.objects.filter(is_superuser=True).count() == 1
    assert "Password:" not in second.getvalue()
    assert "changepassword admin" in second.getvalue()


@pytest.mark.django_db
def test_demo_shows_every_medical_review_state(client, demo):
    from conditions.medical_review.report import with_review_status
    from conditions.workflow import MedicalReviewTask

    statuses = dict(
        with_review_status(ConditionPage.objects.live()).values_list("slug", "review_status")
    )
    assert statuses.pop("chordoma") == "due_soon"
    assert statuses.pop("spinal-meningioma") == "overdue"
    assert statuses.pop("primary-spinal-cord-tumors") == "in_workflow"
    assert set(statuses.values()) == {"fine"}

    in_review = ConditionPage.objects.get(slug="primary-spinal-cord-tumors")
    assert isinstance(in_review.current_workflow_task.specific, MedicalReviewTask)
    # The draft awaits review; patients still read the live text.
    assert "get worse over weeks" not in client.get(in_review.url).content.decode()
    overdue = ConditionPage.objects.get(slug="spinal-meningioma")
    assert "This page is due for review" in client.get(overdue.url).content.decode()


@pytest.mark.django_db
def test_the_four_spine_pages_share_one_emergency_card(client, demo):
    advice = SharedCareAdvice.objects.get()
    assert advice.level == CareLevel.EMERGENCY
    assert set(advice.reviewers.all()) == set(Reviewer.objects.all())
    assert advice.last_reviewed and advice.next_review_due > advice.last_reviewed
    sharing = {
        page.slug
        for page in ConditionPage.objects.live()
        if any(
            card.block_type == "shared_advice" and card.value == advice
            for card in page.when_to_get_help
        )
    }
    assert sharing == {
        "spinal-metastases",
        "primary-spinal-cord-tumors",
        "chordoma",
        "spinal-meningioma",
    }
    # No English page still carries a written copy of the emergency card (the Spanish page has
    # its own Spanish card until shared advice is translated too).
    for page in ConditionPage.objects.live().filter(locale__language_code="en"):
        written = [c for c in page.when_to_get_help if c.block_type == "care_card"]
        assert all(card.value["level"] != CareLevel.EMERGENCY for card in written)
    # Patients see the shared card, and the emergency notice above it, on each page.
    html = client.get(demo.url).content.decode()
    assert "Loss of bladder or bowel control" in html
    assert 'class="emergency-notice"' in html
    assert (
        "Call 911</a> if you have new weakness, numbness, trouble walking, or loss of bladder "
        "or bowel control." in html
    )


SPANISH_PAGES = [
    "/es/",
    "/es/programa-de-tumores-de-la-columna/",
    "/es/programa-de-tumores-de-la-columna/metastasis-en-la-columna/",
    "/es/enfermedades/",
    "/es/registrarse/",
]


@pytest.mark.django_db
def test_spanish_pages_render_in_spanish(client, demo):
    for path in SPANISH_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert b'<html lang="es">' in response.content, path


@pytest.mark.django_db
def test_spanish_spinal_metastases_has_its_own_review(client, demo):
    spanish = ConditionPage.objects.get(slug="metastasis-en-la-columna")
    assert spanish.translation_key == demo.translation_key
    assert spanish.live and spanish.last_reviewed and spanish.next_review_due
    assert [r.name for r in spanish.reviewers] == [r.name for r in Reviewer.objects.order_by("pk")]
    assert spanish.symptoms.first().name.startswith("Dolor profundo")
    html = client.get(SPANISH_PAGES[2]).content.decode()
    assert "Metástasis en la columna" in html and "555-0142" in html
    # The English page's switcher goes to it.
    english = client.get(demo.url).content.decode()
    assert f'href="{SPANISH_PAGES[2]}"' in english


@pytest.mark.django_db
def test_spanish_a_to_z_lists_spanish_pages_only(client, demo):
    html = client.get("/es/enfermedades/").content.decode()
    assert "Metástasis en la columna" in html
    assert "Spinal metastases" not in html and "Chordoma" not in html


@pytest.mark.django_db
def test_spanish_condition_page_registers_on_the_spanish_registration_page(client, demo):
    html = client.get(SPANISH_PAGES[2]).content.decode()
    condition = ConditionPage.objects.get(slug="metastasis-en-la-columna")
    expected = f"/es/registrarse/?condition={condition.pk}"
    links = re.findall(r'href="(/es/registrarse/[^"]*)"', html.replace("&amp;", "&"))
    assert links and set(links) == {expected}, links
    start = client.get(expected)
    assert start.status_code == 200
    assert "Empezar ahora" in start.content.decode()
