"""Helpers for driving the registration flow with Django's test client."""

import datetime
import html
import re
from dataclasses import dataclass

from django.core.cache import caches

from conditions.factories import ConditionPageFactory, ReviewerFactory
from contact.factories import RegistrationPageFactory, RegistrationSettingsFactory
from contact.flow.sealing import seal, unseal
from contact.flow.state import DONE_KEY, FLOW_KEY
from contact.models import RegistrationPage
from core.factories import StandardPageFactory
from tests.core.builders import build_site_tree, configure_site_settings

# The steps a patient registering for themselves answers, in order (a caregiver answers
# "caregiver" after "who"; someone needing an interpreter answers "language" after "contact").
STEPS = ["urgent", "who", "patient", "contact", "medical", "visit"]
ALL_STEPS = ["urgent", "who", "caregiver", "patient", "contact", "language", "medical", "visit"]
PATIENT_NAME = ("Zelphine", "Quargrave")  # unusual on purpose: easy to find if leaked
PATIENT_PHONE = "617-555-0123"
PATIENT_PHONE_E164 = "+16175550123"
PATIENT_EMAIL = "zelphine.q@example.org"
PATIENT_MESSAGE = "Pain in my lower back since Brexlorin therapy"
PATIENT_TREATMENT = "Vantrozimab infusions"
INTAKE_EMAIL = "intake@example.org"


@dataclass
class RegistrationSite:
    tree: object
    condition: object
    registration_page: RegistrationPage
    privacy_page: object
    settings: object
    registration_settings: object

    def url(self, suffix=""):
        return self.registration_page.url + suffix

    def step_url(self, slug, change=False):
        return self.url(f"step/{slug}/") + ("?change=1" if change else "")

    @property
    def check_url(self):
        return self.url("check/")

    @property
    def confirmation_url(self):
        return self.url("confirmation/")


def build_registration_site():
    for alias in caches:
        caches[alias].clear()
    tree = build_site_tree()
    condition = ConditionPageFactory(
        parent=tree.service_line,
        title="Spinal metastases",
        reviewers=[ReviewerFactory(name="Dr. Jordan Avery")],
    )
    registration_page = RegistrationPageFactory(
        parent=tree.home,
        confirmation_text="<p>A care coordinator reviews every registration.</p>",
    )
    privacy_page = StandardPageFactory(parent=tree.home, title="Privacy notice", slug="privacy")
    site_settings = configure_site_settings(tree.site, privacy_page=privacy_page)
    registration_settings = RegistrationSettingsFactory(
        site=tree.site, registration_page=registration_page, intake_notification_email=INTAKE_EMAIL
    )
    return RegistrationSite(
        tree, condition, registration_page, privacy_page, site_settings, registration_settings
    )


def dob_years_ago(years, extra_days=0):
    today = datetime.date.today()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day - datetime.timedelta(days=extra_days)


def valid_answers(
    condition_id,
    caregiver=False,
    email=PATIENT_EMAIL,
    contact_method="phone",
    emergency="no",
    in_hospital="no",
    interpreter="",
):
    """Every step's answers, keyed by step slug in the order the steps are asked."""
    answers = {
        "urgent": {"emergency_symptoms": emergency, "in_hospital_now": in_hospital},
        "who": {"submitted_by": "someone_else" if caregiver else "patient"},
    }
    if caregiver:
        answers["caregiver"] = {
            "submitter_name": "Orlanda Quargrave",
            "submitter_relationship": "Daughter",
        }
    answers.update(
        {
            "patient": {
                "first_name": PATIENT_NAME[0],
                "last_name": PATIENT_NAME[1],
                "dob_month": "3",
                "dob_day": "27",
                "dob_year": "1958",
                "sex": "female",
            },
            "contact": {
                "phone": PATIENT_PHONE,
                "email": email,
                "preferred_contact_method": contact_method,
                "preferred_contact_time": "morning",
                "state": "MA",
                "zip_code": "02115",
                "interpreter_needed": "yes" if interpreter else "no",
            },
        }
    )
    if interpreter:
        answers["language"] = {"interpreter_language": interpreter}
    answers.update(
        {
            "medical": {
                "condition": str(condition_id),
                "biopsy_confirmed": "yes",
                "current_treatment": PATIENT_TREATMENT,
                "referring_physician": "Dr. Hallam",
                "insurance_provider": "Acme Health",
            },
            "visit": {
                "visit_type": "either",
                "message": PATIENT_MESSAGE,
                "consent_to_contact": "on",
            },
        }
    )
    return answers


def start_link(response):
    """The "Start now" link of a start page response (it carries where the patient came from)."""
    link = r'<a class="button reg-button" href="([^"]+)">Start now</a>'
    match = re.search(link, response.content.decode())
    assert match, response.content.decode()[:3000]
    return html.unescape(match.group(1))


def fill_steps(client, site, answers, steps=None, first_url=None):
    """POST each step's answers in order; returns the last response (a redirect).

    `steps`: the slugs to post (default: every step `answers` has, in its order).
    `first_url`: where the first step is posted (the start page's link, with its ?entry=).
    """
    response = None
    steps = list(answers) if steps is None else steps
    for slug in steps:
        url = first_url if first_url and slug == steps[0] else site.step_url(slug)
        response = client.post(url, answers[slug])
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
        # Errors also redirect (to the same step, Post/Redirect/Get): that is a failure here.
        assert response.url != site.step_url(slug), (slug, client.get(response.url).content[:3000])
    return response


def session_flow(client):
    """The flow in the client's session, decrypted (the session itself holds a token)."""
    return unseal(client.session.get(FLOW_KEY)) or {}


def session_done(client):
    return unseal(client.session.get(DONE_KEY)) or {}


def store_flow(client, flow):
    session = client.session
    session[FLOW_KEY] = seal(flow)
    session.save()


def flow_token(client):
    return session_flow(client)["token"]


def flow_id(client):
    return session_flow(client)["id"]


def submit(client, site, flow=None):
    return client.post(site.check_url, {"flow": flow or flow_id(client)})


def steps_before(slug, answers=None):
    """The slugs answered before `slug` (in `answers`' order; default the patient's path)."""
    order = list(answers) if answers is not None else STEPS
    return order[: order.index(slug)]
