"""The registration flow in progress, as kept in the server-side session.

Answers in progress live only in the session under FLOW_KEY, encrypted (flow.sealing); the
browser holds nothing but the session cookie, which ends when the browser closes. No session is
written until the patient first sends a step: where they came from travels to the first step as
a signed ``?entry=`` token instead. After sending, DONE_KEY (encrypted too) lets the same browser
session see the confirmation again for CONFIRMATION_SECONDS, then only a neutral "sent" page.
"""

import uuid
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core import signing

from core.sessions import BROWSER_SESSION_KEY, end_with_browser

from .sealing import now, seal, unseal

FLOW_KEY = "registration_flow"
DONE_KEY = "registration_done"
SIGNING_SALT = "contact.registration.flow-start"
ENTRY_SALT = "contact.registration.entry"
DEFAULT_MAX_AGE_SECONDS = 4 * 3600
# How long after sending the reference and emergency advice can be shown again.
CONFIRMATION_SECONDS = 30 * 60


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
        started = _signer().sign_object({"flow": flow_id, "t": now()})
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
            return now() - float(data["t"])
        except (KeyError, TypeError, ValueError):
            return None

    def expired(self):
        age = self.age()
        return age is None or age > max_age_seconds()

    @property
    def for_self(self):
        return (self.answers.get("who") or {}).get("submitted_by") != "someone_else"

    def urgent_flags(self):
        screening = self.answers.get("urgent") or {}
        return {
            "in_hospital": screening.get("in_hospital_now") == "yes",
            "emergency": screening.get("emergency_symptoms") == "yes",
        }

    @property
    def contact_method(self):
        return (self.answers.get("contact") or {}).get("preferred_contact_method", "")


def entry_token(condition=None, source_page=None):
    """The page ids a flow starts with, signed for the first step's URL (no session needed)."""
    if not condition and not source_page:
        return ""
    return signing.dumps({"c": condition, "s": source_page}, salt=ENTRY_SALT)


def read_entry(token):
    """{"condition", "source_page"} from `entry_token`; empty for a bad or old token."""
    if not token or not isinstance(token, str) or len(token) > 500:
        return {}
    try:
        data = signing.loads(token, salt=ENTRY_SALT, max_age=max_age_seconds())
    except (signing.BadSignature, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        key: value if isinstance(value, int) and not isinstance(value, bool) else None
        for key, value in (("condition", data.get("c")), ("source_page", data.get("s")))
    }


def get_flow(request):
    """The flow in progress, or None. Flows older than the maximum age are discarded."""
    flow = RegistrationFlow.from_session(unseal(request.session.get(FLOW_KEY)))
    if flow is None:
        return None
    if flow.expired():
        # Old answers on a shared computer must not be shown to the next person.
        clear_flow(request)
        return None
    return flow


def save_flow(request, flow):
    request.session[FLOW_KEY] = seal(flow.to_session())
    # The cookie ends with the browser; the row holding the answers expires (and the scheduled
    # clean-up deletes it) the flow's maximum age after the last step was sent.
    end_with_browser(request.session, max_age_seconds())


def _forget_empty_session(request):
    if not request.session.keys() - {BROWSER_SESSION_KEY}:
        # Nothing else in it (no staff sign-in): delete the row now rather than at expiry.
        request.session.flush()


def clear_flow(request):
    if request.session.pop(FLOW_KEY, None) is not None:
        _forget_empty_session(request)


def mark_done(request, flow, reference, urgent):
    """Remember the sent registration for the confirmation page, and forget the answers."""
    request.session[DONE_KEY] = seal(
        {
            "flow": flow.id,
            "reference": reference,
            "urgent": urgent,
            "for_self": flow.for_self,
            # How the patient asked to be contacted (a choice, not a detail): the promise.
            "contact_method": flow.contact_method,
            # Whether an acknowledgement is on its way (an email was given), not the address.
            "emailed": bool((flow.answers.get("contact") or {}).get("email")),
            "at": now(),
        }
    )
    request.session.pop(FLOW_KEY, None)
    end_with_browser(request.session, max_age_seconds())


def get_done(request):
    """The sent registration of this browser session: {"flow", "at"} and, for
    CONFIRMATION_SECONDS after sending, "reference", "urgent", "for_self" and
    "contact_method"; or None."""
    done = unseal(request.session.get(DONE_KEY))
    if not isinstance(done, dict) or not isinstance(done.get("flow"), str):
        return None
    try:
        sent_at = float(done.get("at"))
    except (TypeError, ValueError):
        return None
    if "reference" in done and not 0 <= now() - sent_at <= CONFIRMATION_SECONDS:
        # Past the confirmation's time: keep only that something was sent.
        done = {"flow": done["flow"], "at": sent_at}
        request.session[DONE_KEY] = seal(done)
    return done
