"""schema.org JSON-LD for a condition page: a MedicalWebPage about a MedicalCondition, who
reviewed it and when, the hospital that publishes it, and its breadcrumbs.

Everything here comes from the same fields the page shows, so the two cannot disagree
(tests/conditions/test_structured_data.py compares them).
"""

from core.structured_data import (
    SCHEMA_CONTEXT,
    breadcrumb_list,
    organisation,
    organisation_id,
)

SCHEMA_ENUMERATION = "https://schema.org/"


def _person(reviewer, request=None):
    data = {"@type": "Person", "name": reviewer.name}
    if reviewer.credentials:
        data["honorificSuffix"] = reviewer.credentials
    if reviewer.role:
        data["jobTitle"] = reviewer.role
    # The profile page on this site when there is one, as the reviewer line links it.
    profile = reviewer.profile_page
    if profile is not None:
        data["url"] = profile.get_full_url(request)
    elif reviewer.profile_url:
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
    reviewers = [_person(reviewer, request) for reviewer in page.reviewers]
    if reviewers:
        web_page["reviewedBy"] = reviewers
    if page.last_reviewed:
        web_page["lastReviewed"] = page.last_reviewed.isoformat()
    return {
        "@context": SCHEMA_CONTEXT,
        "@graph": [web_page, publisher, breadcrumb_list(page, request, url)],
    }


def physician(page, request, home_url, photo_url=""):
    """The clinician of a profile page (conditions/models/clinician_page.py).

    Typed Physician and Person: in schema.org a Physician is a medical organisation, and the
    credentials, job title and employer are Person properties; both types make all valid.
    """
    reviewer = page.reviewer
    url = page.get_full_url(request)
    data = {
        "@type": ["Physician", "Person"],
        "@id": f"{url}#clinician",
        "name": reviewer.name,
        "url": url,
        "worksFor": {"@id": organisation_id(home_url)},
    }
    optional = {
        "honorificSuffix": reviewer.credentials,
        "jobTitle": reviewer.role,
        "medicalSpecialty": (
            SCHEMA_ENUMERATION + page.medical_specialty if page.medical_specialty else ""
        ),
        "image": photo_url,
        "knowsAbout": [
            {
                "@type": "MedicalCondition",
                "name": condition.title,
                "url": condition.get_full_url(request),
            }
            for condition in page.conditions_treated
        ],
    }
    data.update({key: value for key, value in optional.items() if value})
    return data


def clinician_page_graph(page, request, site_settings, home_url, photo_url="", image_url=""):
    """A ProfilePage whose main entity is the clinician, the hospital and the breadcrumbs."""
    url = page.get_full_url(request)
    publisher = organisation(site_settings, home_url, image_url)
    person = physician(page, request, home_url, photo_url)
    profile_page = {
        "@type": "ProfilePage",
        "@id": url,
        "url": url,
        "name": page.seo_title or page.title,
        "description": page.meta_description,
        "inLanguage": "en-US",
        "mainEntity": {"@id": person["@id"]},
        "publisher": {"@id": publisher["@id"]},
        "breadcrumb": {"@id": f"{url}#breadcrumb"},
    }
    return {
        "@context": SCHEMA_CONTEXT,
        "@graph": [profile_page, person, publisher, breadcrumb_list(page, request, url)],
    }
