"""Clinician profile pages: what they show, where they are linked from, their JSON-LD, and
that a profile costs the same number of queries however many pages its clinician reviewed."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conditions.factories import ClinicianPageFactory, ConditionPageFactory, ReviewerFactory
from conditions.models import ClinicianCondition, ConditionPageReviewer, Reviewer
from core.factories import CustomImageFactory
from tests.core.form_helpers import edit_form_data

pytestmark = pytest.mark.django_db


def text(node):
    return " ".join(node.get_text().split())


def get(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return BeautifulSoup(response.content, "html.parser")


def section_links(soup, heading_id):
    section = soup.select_one(f'section[aria-labelledby="{heading_id}"]')
    if section is None:
        return []
    return [(text(a), a["href"]) for a in section.select("a")]


@pytest.fixture
def okafor(db):
    return ReviewerFactory(
        name="Dr. Maren Okafor",
        credentials="MD, PhD",
        role="Neurosurgeon",
        department="Neuro-oncology",
        photo=CustomImageFactory(title="Dr. Maren Okafor"),
        profile_url="https://example.org/elsewhere/okafor",
    )


@pytest.fixture
def people(site_tree, site_settings, okafor):
    """Okafor reviewed metastases and chordoma (live) and a draft; she treats metastases,
    meningioma and a draft; another reviewer reviewed meningioma."""
    line = site_tree.service_line
    metastases = ConditionPageFactory(parent=line, title="Spinal metastases", reviewers=[okafor])
    chordoma = ConditionPageFactory(parent=line, title="Chordoma", reviewers=[okafor])
    draft = ConditionPageFactory(
        parent=line, title="Unpublished condition", reviewers=[okafor], live=False
    )
    meningioma = ConditionPageFactory(parent=line, title="Spinal meningioma", reviewers=1)
    profile = ClinicianPageFactory(
        parent=line,
        reviewer=okafor,
        title="Maren Okafor",
        summary="Spine surgeon for adults with tumors of the spine.",
        biography="<p>Leads the weekly spine tumor board.</p>",
        medical_specialty="Surgical",
        treats=[metastases, draft, meningioma],
    )
    return {
        "line": line,
        "metastases": metastases,
        "chordoma": chordoma,
        "draft": draft,
        "meningioma": meningioma,
        "profile": profile,
    }


def test_the_profile_shows_credentials_role_photo_and_biography(client, people, okafor):
    soup = get(client, people["profile"])
    main = soup.select_one("main")

    assert text(main.select_one("h1")) == "Dr. Maren Okafor"
    assert text(main.select_one(".profile__credentials")) == "MD, PhD"
    assert text(main.select_one(".profile__role")) == "Neurosurgeon, Neuro-oncology"
    assert text(main.select_one(".profile__specialty")) == "Specialty: Surgery"
    photo = main.select_one("img.profile__photo")
    assert photo is not None and photo["alt"] == ""
    assert "Leads the weekly spine tumor board." in text(main)


def test_conditions_treated_are_the_live_ones_chosen_in_order(client, people):
    soup = get(client, people["profile"])

    assert section_links(soup, "conditions-treated") == [
        ("Spinal metastases", people["metastases"].url),
        ("Spinal meningioma", people["meningioma"].url),
    ]


def test_pages_reviewed_are_the_live_pages_crediting_the_clinician(client, people):
    soup = get(client, people["profile"])

    assert section_links(soup, "pages-reviewed") == [
        ("Chordoma", people["chordoma"].url),
        ("Spinal metastases", people["metastases"].url),
    ]


def test_the_reviewer_line_links_to_the_profile(client, people):
    soup = get(client, people["metastases"])
    (line,) = soup.select(".review__by")

    assert "Medically reviewed by Dr. Maren Okafor, MD, PhD" in text(line)
    assert line.select_one("a")["href"] == people["profile"].url


def test_without_a_live_profile_the_reviewer_line_keeps_the_other_link(client, people):
    people["profile"].unpublish()

    line = get(client, people["metastases"]).select_one(".review__by")

    assert line.select_one("a")["href"] == "https://example.org/elsewhere/okafor"


def test_the_team_section_links_every_live_profile(client, people):
    other = ClinicianPageFactory(parent=people["line"], reviewer__name="Dr. Ada Brandt")
    ClinicianPageFactory(parent=people["line"], reviewer__name="Dr. Draft", live=False)

    soup = get(client, people["line"])

    assert section_links(soup, "team") == [
        ("Dr. Maren Okafor", people["profile"].url),
        ("Dr. Ada Brandt", other.url),
    ]
    assert "Neurosurgeon, Neuro-oncology" in text(soup.select_one(".team-list"))


def test_a_second_profile_for_the_same_clinician_is_refused_at_the_field(
    superuser_client, people, okafor
):
    other = ClinicianPageFactory(parent=people["line"], reviewer__name="Dr. Ada Brandt")
    data = edit_form_data(superuser_client, other)
    data["reviewer"] = str(okafor.pk)
    data["action-publish"] = "action-publish"

    response = superuser_client.post(reverse("wagtailadmin_pages:edit", args=[other.pk]), data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["reviewer"]
    assert "already has a profile page: “Maren Okafor”" in errors["reviewer"][0]
    other.refresh_from_db()
    assert other.reviewer.name == "Dr. Ada Brandt"


def test_deleting_a_reviewer_with_a_profile_is_refused(superuser_client, site_tree, okafor):
    profile = ClinicianPageFactory(parent=site_tree.service_line, reviewer=okafor)

    response = superuser_client.post(
        f"/admin/snippets/conditions/reviewer/delete/{okafor.pk}/", follow=True
    )

    assert Reviewer.objects.filter(pk=okafor.pk).exists()
    assert f"{okafor.name} ({profile.title})" in response.content.decode()


def test_site_search_and_the_sitemap_list_the_profile(client, people):
    found = BeautifulSoup(client.get("/search/", {"q": "Okafor"}).content, "html.parser")
    assert people["profile"].url in [a["href"] for a in found.select("main a")]

    sitemap = client.get("/sitemap.xml").content.decode()
    assert people["profile"].full_url in sitemap


# --- JSON-LD ---------------------------------------------------------------------------------


def graph_of(soup):
    (script,) = soup.select('script[type="application/ld+json"]')
    return json.loads(script.string)["@graph"]


def node(graph, type_name):
    (found,) = [
        item
        for item in graph
        if type_name in (item["@type"] if isinstance(item["@type"], list) else [item["@type"]])
    ]
    return found


def test_physician_json_ld_matches_the_visible_profile(client, people):
    soup = get(client, people["profile"])
    graph = graph_of(soup)
    physician = node(graph, "Physician")
    hospital = node(graph, "Hospital")
    profile_page = node(graph, "ProfilePage")
    main = soup.select_one("main")
    full_url = people["profile"].full_url

    assert "Person" in physician["@type"]
    assert physician["name"] == text(main.select_one("h1"))
    assert physician["honorificSuffix"] == text(main.select_one(".profile__credentials"))
    assert physician["jobTitle"] in text(main.select_one(".profile__role"))
    assert physician["medicalSpecialty"] == "https://schema.org/Surgical"
    assert physician["image"].endswith(main.select_one("img.profile__photo")["src"])
    assert physician["image"].startswith("http")
    assert physician["url"] == full_url
    assert physician["worksFor"] == {"@id": hospital["@id"]}
    assert [item["name"] for item in physician["knowsAbout"]] == [
        name for name, _href in section_links(soup, "conditions-treated")
    ]
    assert profile_page["mainEntity"] == {"@id": physician["@id"]}
    assert profile_page["url"] == full_url


def test_condition_json_ld_points_reviewers_at_their_profile(client, people):
    graph = graph_of(get(client, people["metastases"]))
    (reviewer,) = node(graph, "MedicalWebPage")["reviewedBy"]

    assert reviewer["url"] == people["profile"].full_url


# --- Queries ---------------------------------------------------------------------------------


@pytest.fixture
def _render_every_request(settings):
    settings.PAGE_CACHE_ENABLED = False


def queries_to_render(client, page):
    client.get(page.url)  # warm: renditions, site root paths
    with CaptureQueriesContext(connection) as captured:
        assert client.get(page.url).status_code == 200
    return len(captured)


@pytest.mark.usefixtures("_render_every_request")
def test_profile_queries_do_not_grow_with_the_pages_reviewed(client, people, okafor):
    few = queries_to_render(client, people["profile"])
    for number in range(6):
        page = ConditionPageFactory(
            parent=people["line"], title=f"Another condition {number}", reviewers=[okafor]
        )
        ClinicianCondition.objects.create(page=people["profile"], condition=page)
    many = queries_to_render(client, people["profile"])

    soup = get(client, people["profile"])
    assert len(section_links(soup, "pages-reviewed")) == 8
    assert len(section_links(soup, "conditions-treated")) == 8
    assert many == few


@pytest.mark.usefixtures("_render_every_request")
def test_condition_page_queries_do_not_grow_with_reviewer_profiles(client, people):
    page = people["meningioma"]
    few = queries_to_render(client, page)
    for number in range(3):
        reviewer = ReviewerFactory(name=f"Dr. Extra {number}")
        ClinicianPageFactory(parent=people["line"], reviewer=reviewer)
        ConditionPageReviewer.objects.create(page=page, reviewer=reviewer)
    many = queries_to_render(client, page)

    assert len(get(client, page).select(".review__by a[href*=dr-extra]")) == 3
    assert many == few
