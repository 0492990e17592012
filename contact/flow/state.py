"""The registration flow in progress, as kept in the server-side session.

Answers in progress live only in the session under FLOW_KEY; the browser holds nothing but the
session cookie. The session stores plain JSON, so RegistrationFlow converts to and from a dict.
"""

import time
import uuid
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core import signing

FLOW_KEY = "registration_flow"
DONE_KEY = "registration_done"
ENTRY_KEY = "registration_entry"
SIGNING_SALT = "contact.registration.flow-start"
DEFAULT_MAX_AGE_SECONDS = 4 * 3600


def max_age_seconds():
    return getattr(settings, "REGISTRATION_FLOW_MAX_AGE_SECONDS", DEFAULT_MAX_AGE_SECONDS)


def _signer():
    return signing.TimestampSigner(salt=SIGNING_SALT)


@dataclass
class RegistrationFlow:
    """One patient's answers on their way to becoming a Registration."""

    id: str
    # The Registration's submission_token: one row per flow, however often it is sent.
    token: str
    # When the flow started, signed so it can be trusted even if session storage changes.
    started: str
    # {step slug: the step's validated answers, as the strings its form is bound to}
    answers: dict = field(default_factory=dict)
    # {step slug: what was typed into a step that did not validate}
    drafts: dict = field(default_factory=dict)
    condition: int | None = None  # preselected from a condition page's link
    source_page: int | None = None  # the page the patient came from

    @classmethod
    def start(cls, condition=None, source_page=None):
        flow_id = uuid.uuid4().hex
        started = _signer().sign_object({"flow": flow_id, "t": time.time()})
        return cls(
            id=flow_id,
            token=str(uuid.uuid4()),
            started=started,
            condition=condition,
            source_page=source_page,
        )

    @classmethod
    def from_session(cls, data):
        """The flow stored as `data`, or None when it is not a well-formed flow."""
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            return None
        try:
            uuid.UUID(str(data.get("token")))
        except ValueError:
            return None
        answers, drafts = data.get("answers"), data.get("drafts")
        return cls(
            id=data["id"],
            token=data["token"],
            started=data.get("started") if isinstance(data.get("started"), str) else "",
            answers=answers if isinstance(answers, dict) else {},
            drafts=drafts if isinstance(drafts, dict) else {},
            condition=data.get("condition"),
            source_page=data.get("source_page"),
        )

    def to_session(self):
        return asdict(self)

    @property
    def submission_token(self):
        return uuid.UUID(self.token)

    def age(self):
        """Seconds since the flow started; None when the start cannot be verified."""
        try:
            data = _signer().unsign_object(self.started)
        except (signing.BadSignature, TypeError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("flow") != self.id:
            return None
        try:
            return time.time() - float(data["t"])
        except (KeyError, TypeError, ValueError):
            return None

    def expired(self):
        age = self.age()
        return age is None or age > max_age_seconds()

    @property
    def for_self(self):
        return (self.answers.get("who") or {}).get("submitted_by") != "someone_else"

    def urgent_flags(self):
        medical = self.answers.get("medical") or {}
        return {
            "in_hospital": medical.get("in_hospital_now") == "yes",
            "emergency": medical.get("emergency_symptoms") == "yes",
        }


def new_flow(request):
    entry = request.session.pop(ENTRY_KEY, None) or {}
    flow = RegistrationFlow.start(entry.get("condition"), entry.get("source_page"))
    save_flow(request, flow)
    # The answers must not outlive the flow in the session table either: an idle session
    # holding them expires (and `clearsessions` removes it) after the flow's maximum age.
    request.session.set_expiry(max_age_seconds())
    return flow


def get_flow(request):
    """The flow in progress, or None. Flows older than the maximum age are discarded."""
    flow = RegistrationFlow.from_session(request.session.get(FLOW_KEY))
    if flow is None:
        return None
    if flow.expired():
        # Old answers on a shared computer must not be shown to the next person.
        clear_flow(request)
        return None
    return flow


def save_flow(request, flow):
    request.session[FLOW_KEY] = flow.to_session()
    request.session.modified = True


def clear_flow(request):
    request.session.pop(FLOW_KEY, None)
    request.session.modified = True


def mark_done(request, flow, reference, urgent):
    """Remember the sent registration for the confirmation page, and forget the answers."""
    request.session[DONE_KEY] = {
        "flow": flow.id,
        "reference": reference,
        "urgent": urgent,
        "for_self": flow.for_self,
        "at": time.time(),
    }
    clear_flow(request)
