"""The registration half of the soak (benchmarks/soak.py): patients going through the real
flow over HTTP, through Varnish, retrying a step that failed as a person pressing the button
again would, and what the database holds afterwards."""

import re
import threading

import requests

from deploy.stack import Browser

STEPS = ["who", "patient", "contact", "medical", "visit"]
ATTEMPTS = 4  # per request: a failed one (server killed mid-request) is sent again


def answers(number, condition_id):
    return {
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
            "interpreter_language": "",
        },
        "medical": {
            "condition": str(condition_id),
            "biopsy_confirmed": "yes",
            "current_treatment": "",
            "referring_physician": "",
            "insurance_provider": "Acme Health",
            "in_hospital_now": "no",
            "emergency_symptoms": "no",
        },
        "visit": {"visit_type": "either", "message": "", "consent_to_contact": "on"},
    }


def _retrying(send):
    for _attempt in range(ATTEMPTS):
        try:
            response = send()
        except requests.RequestException:
            continue
        if response.status_code < 500:
            return response
    return None


def register(base_url, number, condition_id):
    """The reference the confirmation page showed, or None."""
    patient = Browser(base_url)
    flow = answers(number, condition_id)
    if _retrying(lambda: patient.request("GET", "/register/")) is None:
        return None
    for step in STEPS:
        path = f"/register/step/{step}/"
        sent = _retrying(lambda p=path, s=step: patient.post_form(p, flow[s]))
        if sent is None or sent.status_code != 302:
            return None
    check = _retrying(lambda: patient.request("GET", "/register/check/"))
    if check is None:
        return None
    flow_id = re.search(r'name="flow" value="([^"]+)"', check.text)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', check.text)
    if not (flow_id and token):
        return None
    data = {"flow": flow_id.group(1)}
    sent = _retrying(lambda: patient.post_form("/register/check/", data, token=token.group(1)))
    if sent is None:
        return None
    shown = _retrying(lambda: patient.request("GET", "/register/confirmation/"))
    found = re.search(r'class="reg-reference">([^<]+)<', shown.text) if shown is not None else None
    return found.group(1) if found else None


def run(base_url, condition_id, count, threads=8):
    """Send ``count`` registrations from ``threads`` patients at a time; the references shown."""
    numbers = iter(range(count))
    lock, references = threading.Lock(), []

    def patient_loop():
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            reference = register(base_url, number, condition_id)
            with lock:
                references.append(reference)

    workers = [threading.Thread(target=patient_loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    return workers, references


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
