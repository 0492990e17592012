"""A condition page's JSON-LD is valid JSON, well-formed schema.org, and says what the page
shows: the test reads both from the same response and compares them."""

import json

import pytest
from bs4 import BeautifulSoup

from conditions.factories import (
    ConditionPageFactory,
    PrimaryCancerBlockFactory,
    ReviewerFactory,
    TreatmentOptionBlockFactory,
)
from tests.core.builders import PHONE_E164

pytestmark = pytest.mark.django_db


def json_ld_blocks(soup):
    return [json.loads(tag.string) for tag in soup.select('script[type="application/ld+json"]')]


def by_type(graph, type_name):
    return [node for node in graph if node["@type"] == type_name]


@pytest.fixture
def full_page(site_tree, site_settings):
    reviewers = [
        ReviewerFactory(
            name="Dr. Maren Okafor",
            credentials="MD, PhD",
            role="Neurosurgeon",
            profile_url="https://example.org/okafor",
        ),
        ReviewerFactory(name="Dr. Tomas Reyes-Lind", credentials="MD", role=""),
    ]
    page = ConditionPageFactory(
        parent=site_tree.service_line,
        title="Spinal metastases",
        summary="Tumors in the spine that grew from cancer that started elsewhere.",
        associated_anatomy="Spine",
        other_names__0__name__value="Secondary spinal tumors",
        other_names__1__name__value="Metastatic spinal tumors",
        symptoms=["Back pain", ("Weakness", "In the legs."), "Numbness"],
        reviewers=reviewers,
        treatment_options=0,
    )
    page.treatment = [
        ("treatment_option", TreatmentOptionBlockFactory(name="Radiation therapy")),
        ("treatment_option", TreatmentOptionBlockFactory(name="Surgery")),
    ]
    page.primary_cancers = [
        ("primary_cancer", PrimaryCancerBlockFactory(name="Breast cancer")),
        ("primary_cancer", PrimaryCancerBlockFactory(name="Lung cancer")),
    ]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def rendered(client, full_page):
    response = client.get(full_page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_json_ld_matches_the_visible_page(rendered, full_page):
    (data,) = json_ld_blocks(rendered)
    assert data["@context"] == "https://schema.org"
    graph = data["@graph"]
    (web_page,) = by_type(graph, "MedicalWebPage")
    (hospital,) = by_type(graph, "Hospital")
    (breadcrumbs,) = by_type(graph, "BreadcrumbList")
    condition = web_page["about"]
    main = rendered.select_one("main")

    assert (
        web_page["url"] == full_page.full_url == rendered.select_one("link[rel=canonical]")["href"]
    )
    assert condition["@type"] == "MedicalCondition"
    assert condition["name"] == main.select_one("h1").get_text(strip=True)
    assert condition["description"] == main.select_one(".lead").get_text(strip=True)
    assert web_page["description"] == rendered.select_one("meta[name=description]")["content"]
    also_called = main.select_one(".also-called").get_text(" ", strip=True)
    assert also_called == "Also called: " + "; ".join(condition["alternateName"])
    assert condition["alternateName"] == ["Secondary spinal tumors", "Metastatic spinal tumors"]
    assert [s["name"] for s in condition["signOrSymptom"]] == [
        li.select_one(".symptom-list__name").get_text(strip=True)
        for li in main.select(".symptom-list > li")
    ]
    assert {s["@type"] for s in condition["signOrSymptom"]} == {"MedicalSignOrSymptom"}
    assert [t["name"] for t in condition["possibleTreatment"]] == [
        h.get_text(strip=True) for h in main.select(".option-card__name")
    ]
    assert [c["name"] for c in condition["cause"]] == [
        li.get_text(strip=True) for li in main.select(".primary-cancers > li")
    ]
    assert condition["associatedAnatomy"] == {"@type": "AnatomicalStructure", "name": "Spine"}

    review = main.select_one("footer.review")
    review_lines = [" ".join(p.get_text().split()) for p in review.select(".review__by")]
    assert len(review_lines) == len(web_page["reviewedBy"]) == 2
    for line, person in zip(review_lines, web_page["reviewedBy"], strict=True):
        assert line.startswith(
            f"Medically reviewed by {person['name']}, {person['honorificSuffix']}"
        )
    assert web_page["reviewedBy"][0] == {
        "@type": "Person",
        "name": "Dr. Maren Okafor",
        "honorificSuffix": "MD, PhD",
        "jobTitle": "Neurosurgeon",
        "url": review.select_one(".review__by a")["href"],
    }
    assert web_page["lastReviewed"] == review.select_one("time")["datetime"]

    assert web_page["publisher"] == {"@id": hospital["@id"]}
    assert hospital["name"] == "Example Health"
    (contact,) = hospital["contactPoint"]
    assert contact["contactType"] == "new patients" and contact["telephone"] == PHONE_E164
    header_tel = rendered.select_one("header.site-header a[href^='tel:']")["href"]
    assert header_tel == f"tel:{contact['telephone']}"

    visible_trail = [a.get_text(strip=True) for a in rendered.select("nav.breadcrumbs li a")]
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == visible_trail
    assert [item["position"] for item in breadcrumbs["itemListElement"]] == [1, 2, 3]
    assert breadcrumbs["itemListElement"][-1]["item"] == full_page.full_url
    assert web_page["breadcrumb"] == {"@id": breadcrumbs["@id"]}


def test_optional_parts_are_left_out_rather_than_empty(client, site_tree, site_settings):
    page = ConditionPageFactory(
        parent=site_tree.service_line, title="Chordoma", symptoms=0, treatment_options=0
    )
    (data,) = json_ld_blocks(BeautifulSoup(client.get(page.url).content, "html.parser"))
    condition = by_type(data["@graph"], "MedicalWebPage")[0]["about"]
    for key in (
        "alternateName",
        "signOrSymptom",
        "possibleTreatment",
        "cause",
        "associatedAnatomy",
    ):
        assert key not in condition


def test_editor_text_cannot_close_the_script_element(client, site_tree, site_settings):
    page = ConditionPageFactory(
        parent=site_tree.service_line,
        title="Odd </script><script>alert(1)</script> title",
        summary="A & B <!-- c -->",
    )
    html = client.get(page.url).content.decode()
    script = html[html.index('<script type="application/ld+json">') :]
    script = script[: script.index("</script>")]
    assert "<script>alert" not in script and "<!--" not in script
    (data,) = json_ld_blocks(BeautifulSoup(html, "html.parser"))
    condition = by_type(data["@graph"], "MedicalWebPage")[0]["about"]
    assert condition["name"] == page.title and condition["description"] == "A & B <!-- c -->"


def test_the_home_page_describes_the_hospital(client, site_tree, site_settings):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    (data,) = json_ld_blocks(soup)
    assert data["@type"] == "Hospital"
    assert data["name"] == site_settings.organisation_name
    assert data["url"] == site_tree.home.full_url
    assert data["telephone"] == PHONE_E164
    assert data["contactPoint"][0]["contactType"] == "new patients"
