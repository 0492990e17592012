"""The registration half of the soak (benchmarks/soak.py): patients going through the real
flow over HTTP, through Varnish, retrying a step that failed as a person pressing the button
again would, and what the database holds afterwards.

A form post that reaches the killed app server before Varnish's probe has taken it out (up
to about 4 s) is answered 503: Varnish repeats only GETs, since a post may have been acted on.
A person presses the button again after a moment, not within milliseconds, so a failed
request is sent again after RETRY_PAUSE seconds, ATTEMPTS times in all; a patient who still
gets no reference is recorded with the step and the last answer (``failures``)."""

import re
import threading
import time

import requests

from deploy.stack import Browser

# A patient registering for themselves, with no emergency signs and no interpreter: the
# screening comes first (contact/flow), the caregiver and language steps do not apply.
STEPS = ["urgent", "who", "patient", "contact", "medical", "visit"]
ATTEMPTS = 5  # per request: a failed one (server killed mid-request) is sent again
RETRY_PAUSE = 1.0  # seconds before pressing again (the first soaks retried at once)


def answers(number, condition_id):
    return {
        "urgent": {"emergency_symptoms": "no", "in_hospital_now": "no"},
        "who": {"submitted_by": "patient"},
        "patient": {
            "first_name": "Soak",
            "last_name": f"Patient{number:04d}",
            "dob_month": "3",
            "dob_day": "27",
            "dob_year": "1958",
            "sex": "female",
        },
        "contact": {
            "phone": "617-555-0123",
            "email": "",
            "preferred_contact_method": "phone",
            "preferred_contact_time": "morning",
            "state": "MA",
            "zip_code": "02115",
            "interpreter_needed": "no",
        },
        "medical": {
            "condition": str(condition_id),
            "biopsy_confirmed": "yes",
            "current_treatment": "",
            "referring_physician": "",
            "insurance_provider": "Acme Health",
        },
        "visit": {"visit_type": "either", "message": "", "consent_to_contact": "on"},
    }


class GaveUp(Exception):
    """A patient who got no reference: at which step, and the last answer or error."""


class NoForm(Exception):
    """The step page came without its form (a redirect, say): its status and Location."""


def _post_step(patient, path, data):
    page = patient.request("GET", path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if not token:
        raise NoForm(f"no form: HTTP {page.status_code} {page.headers.get('Location', '')}")
    return patient.post_form(path, data, token=token.group(1))


def _retrying(step, send):
    last = None
    for attempt in range(ATTEMPTS):
        if attempt:
            time.sleep(RETRY_PAUSE)
        try:
            response = send()
        except NoForm as error:
            last = str(error)
            continue
        except requests.RequestException as error:
            last = type(error).__name__
            continue
        if response.status_code < 500:
            return response
        last = f"HTTP {response.status_code}"
    raise GaveUp(f"{step}: {last} after {ATTEMPTS} attempts")


def register(base_url, number, condition_id):
    """The reference the confirmation page showed; GaveUp says why there was none."""
    patient = Browser(base_url)
    flow = answers(number, condition_id)
    _retrying("start", lambda: patient.request("GET", "/register/"))
    for step in STEPS:
        path = f"/register/step/{step}/"
        sent = _retrying(step, lambda p=path, s=step: _post_step(patient, p, flow[s]))
        if sent.status_code != 302:
            raise GaveUp(f"{step}: HTTP {sent.status_code}, not the next step")
    check = _retrying("check", lambda: patient.request("GET", "/register/check/"))
    flow_id = re.search(r'name="flow" value="([^"]+)"', check.text)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', check.text)
    if not (flow_id and token):
        raise GaveUp(f"check: HTTP {check.status_code}, no form")
    data = {"flow": flow_id.group(1)}
    _retrying("send", lambda: patient.post_form("/register/check/", data, token=token.group(1)))
    shown = _retrying("confirmation", lambda: patient.request("GET", "/register/confirmation/"))
    found = re.search(r'class="reg-reference[^"]*">(?:<strong>)?([^<]+)<', shown.text)
    if not found:
        raise GaveUp(f"confirmation: HTTP {shown.status_code}, no reference")
    return found.group(1)


def run(base_url, condition_id, count, threads=8):
    """Send ``count`` registrations from ``threads`` patients at a time; the references shown."""
    numbers = iter(range(count))
    lock, references, failures = threading.Lock(), [], []

    def patient_loop():
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            try:
                reference = register(base_url, number, condition_id)
            except GaveUp as reason:
                reference = None
                with lock:
                    failures.append(f"{time.strftime('%X')} patient {number}: {reason}")
            with lock:
                references.append(reference)

    workers = [threading.Thread(target=patient_loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    return workers, references, failures


STORED = """
import json
from contact.models import Registration
rows = Registration.objects.filter(first_name="Soak")
print("STORED" + json.dumps({
    "references": list(rows.values_list("reference", flat=True)),
    "patients": list(rows.values_list("last_name", flat=True)),
    "pending": [r.reference for r in rows if r.notification_pending],
}))
"""
CLEAR = (
    "from contact.models import Registration; "
    "Registration.objects.filter(first_name='Soak').delete()"
)
