"""schema.org JSON-LD for a condition page: a MedicalWebPage about a MedicalCondition, who
reviewed it and when, the hospital that publishes it, and its breadcrumbs.

Everything here comes from the same fields the page shows, so the two cannot disagree
(tests/conditions/test_structured_data.py compares them).
"""

from core.structured_data import (
    SCHEMA_CONTEXT,
    breadcrumb_list,
    organisation,
)


def _person(reviewer):
    data = {"@type": "Person", "name": reviewer.name}
    if reviewer.credentials:
        data["honorificSuffix"] = reviewer.credentials
    if reviewer.role:
        data["jobTitle"] = reviewer.role
    if reviewer.profile_url:
        data["url"] = reviewer.profile_url
    return data


def _treatments(page):
    return [
        {
            "@type": "MedicalTherapy",
            "name": child.value["name"],
            "description": child.value["summary"],
        }
        for child in page.treatment
        if child.block_type == "treatment_option"
    ]


def medical_condition(page, symptoms):
    data = {"@type": "MedicalCondition", "name": page.title, "description": page.summary}
    optional = {
        "alternateName": page.get_other_names(),
        "signOrSymptom": [{"@type": "MedicalSignOrSymptom", "name": s.name} for s in symptoms],
        "possibleTreatment": _treatments(page),
        # The cancers a metastasis grew from are what caused it.
        "cause": [
            {"@type": "MedicalCause", "name": child.value["name"]} for child in page.primary_cancers
        ],
    }
    data.update({key: value for key, value in optional.items() if value})
    anatomy = getattr(page, "associated_anatomy", "")
    if anatomy:
        data["associatedAnatomy"] = {"@type": "AnatomicalStructure", "name": anatomy}
    return data


def condition_page_graph(page, request, site_settings, symptoms, home_url, image_url=""):
    url = page.get_full_url(request)
    publisher = organisation(site_settings, home_url, image_url)
    web_page = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": page.seo_title or page.title,
        "description": page.meta_description,
        "inLanguage": "en-US",
        "about": medical_condition(page, symptoms),
        "publisher": {"@id": publisher["@id"]},
        "breadcrumb": {"@id": f"{url}#breadcrumb"},
    }
    reviewers = [_person(reviewer) for reviewer in page.reviewers]
    if reviewers:
        web_page["reviewedBy"] = reviewers
    if page.last_reviewed:
        web_page["lastReviewed"] = page.last_reviewed.isoformat()
    return {
        "@context": SCHEMA_CONTEXT,
        "@graph": [web_page, publisher, breadcrumb_list(page, request, url)],
    }
