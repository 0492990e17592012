"""The new-patient registration flow, routed by RegistrationPage (RoutablePageMixin).

Answers in progress live only in the server-side session under FLOW_KEY; the browser holds
nothing but the session cookie. Nothing here logs or puts in a URL any answer.
"""

import logging
import time
import uuid

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.connection import ConnectionProxy
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from wagtail.models import Page, Site

from core.models import SiteSettings
from core.phone import to_display

from . import forms
from .models import Registration
from .tasks import enqueue_notifications

logger = logging.getLogger(__name__)

# Rate-limit counters must be the same for every worker process: the "shared" cache alias.
cache = ConnectionProxy(caches, "shared")

FLOW_KEY = "registration_flow"
DONE_KEY = "registration_done"
ENTRY_KEY = "registration_entry"
SIGNING_SALT = "contact.registration.flow-start"


def _setting(name, default):
    return getattr(settings, name, default)


# --- Flow state ---------------------------------------------------------------------------


def _signer():
    return signing.TimestampSigner(salt=SIGNING_SALT)


def _new_flow(request):
    flow_id = uuid.uuid4().hex
    entry = request.session.pop(ENTRY_KEY, None) or {}
    flow = {
        "id": flow_id,
        "token": str(uuid.uuid4()),
        # When the flow started, signed so it can be trusted even if session storage changes.
        "started": _signer().sign_object({"flow": flow_id, "t": time.time()}),
        "answers": {},
        "condition": entry.get("condition"),
        "source_page": entry.get("source_page"),
    }
    request.session[FLOW_KEY] = flow
    # The answers must not outlive the flow in the session table either: an idle session
    # holding them expires (and `clearsessions` removes it) after the flow's maximum age.
    request.session.set_expiry(_setting("REGISTRATION_FLOW_MAX_AGE_SECONDS", 4 * 3600))
    return flow


def _flow_age(flow):
    """Seconds since the flow started; None when the start cannot be verified."""
    try:
        data = _signer().unsign_object(flow.get("started", ""))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("flow") != flow.get("id"):
        return None
    try:
        return time.time() - float(data["t"])
    except (KeyError, TypeError, ValueError):
        return None


def _get_flow(request):
    """The flow in progress, or None. Flows older than the maximum age are discarded."""
    flow = request.session.get(FLOW_KEY)
    if not isinstance(flow, dict) or "id" not in flow:
        return None
    age = _flow_age(flow)
    if age is None or age > _setting("REGISTRATION_FLOW_MAX_AGE_SECONDS", 4 * 3600):
        # Old answers on a shared computer must not be shown to the next person.
        _clear_flow(request)
        return None
    return flow


def _clear_flow(request):
    request.session.pop(FLOW_KEY, None)
    request.session.modified = True


def _save_flow(request, flow):
    request.session[FLOW_KEY] = flow
    request.session.modified = True


def _for_self(flow):
    return (flow["answers"].get("who") or {}).get("submitted_by") != "someone_else"


def _form_kwargs(page, flow, form_class):
    kwargs = {"for_self": _for_self(flow)}
    if form_class is forms.PatientForm:
        kwargs["sex_reason"] = page.sex_reason
    return kwargs


def _bound_step_forms(page, flow):
    """Every step's form bound to its stored answers (None where a step is unanswered)."""
    bound = {}
    for form_class in forms.STEPS:
        data = flow["answers"].get(form_class.slug)
        bound[form_class.slug] = (
            form_class(data=data, **_form_kwargs(page, flow, form_class))
            if isinstance(data, dict)
            else None
        )
    return bound


def _first_incomplete_step(page, flow, bound=None):
    bound = bound if bound is not None else _bound_step_forms(page, flow)
    for slug, form in bound.items():
        if form is None or not form.is_valid():
            return slug
    return None


# --- Responses ----------------------------------------------------------------------------


def _no_store(response):
    # Pages showing answers must not be kept by the browser's or any shared cache.
    patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
    return response


def _step_url(page, request, slug, change=False):
    url = page.get_url(request) + page.reverse_subpage("step", kwargs={"step": slug})
    return url + "?change=1" if change else url


def _url(page, request, name=None):
    base = page.get_url(request)
    return base + page.reverse_subpage(name) if name else base


def _render(request, page, template, context=None, status=200):
    response = page.render(request, template=template, context_overrides=context or {})
    response.status_code = status
    return _no_store(response)


def _site_settings(request):
    return SiteSettings.for_request(request)


def _expired_redirect(request, page, lost=False):
    """Back to the start page; when answers were just sent to no flow, it explains why."""
    return _no_store(HttpResponseRedirect(_url(page, request) + ("?expired=1" if lost else "")))


def _neutral_response(request, page):
    """What a bot (or anything we silently discard) sees: a plain thank-you, no verdict."""
    _clear_flow(request)
    return _render(request, page, "contact/registration_received.html")


# --- Entry point --------------------------------------------------------------------------


def _referring_page(request):
    """The site page in the Referer header, if any: recorded as where the patient came from."""
    from urllib.parse import urlsplit

    referer = request.headers.get("Referer", "")
    # A header is whatever the client sends: a bot's malformed URL, or a NUL that PostgreSQL
    # refuses in a query, must mean "no source page", never a server error.
    if not referer or len(referer) > 2000 or not referer.isprintable():
        return None
    try:
        parts = urlsplit(referer)
    except ValueError:  # e.g. "http://[::1/" (an unclosed IPv6 address)
        return None
    if parts.netloc and parts.netloc != request.get_host():
        return None
    path = parts.path or "/"
    if len(path) > 500:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    url_path = site.root_page.url_path + path.lstrip("/")
    if not url_path.endswith("/"):
        url_path += "/"
    return Page.objects.live().filter(url_path=url_path).only("id").first()


@sensitive_post_parameters()
def start(request, page):
    if request.method == "POST":
        # "Start again": forget every answer in progress.
        _clear_flow(request)
        return HttpResponseRedirect(_url(page, request))

    flow = _get_flow(request)
    condition = forms.live_condition(request.GET.get("condition"))
    source = condition or _referring_page(request)
    if condition is not None or source is not None:
        entry = {
            "condition": condition.pk if condition else None,
            "source_page": source.pk if source and source.pk != page.pk else None,
        }
        if flow is None:
            if entry["condition"] or entry["source_page"]:
                request.session[ENTRY_KEY] = entry
        elif "medical" not in flow["answers"] and entry["condition"]:
            flow["condition"] = entry["condition"]
            flow["source_page"] = flow.get("source_page") or entry["source_page"]
            _save_flow(request, flow)

    context = {
        "flow": flow,
        "first_step_url": _step_url(page, request, forms.STEP_SLUGS[0]),
        "resume_url": None,
        "expired": flow is None and request.GET.get("expired") == "1",
        "flow_max_hours": max(1, _setting("REGISTRATION_FLOW_MAX_AGE_SECONDS", 4 * 3600) // 3600),
    }
    if flow and flow["answers"]:
        next_slug = _first_incomplete_step(page, flow)
        context["resume_url"] = (
            _step_url(page, request, next_slug)
            if next_slug
            else _url(page, request, "check_answers")
        )
    return _render(request, page, "contact/registration_page.html", context)


# --- Steps --------------------------------------------------------------------------------


def _draft(form):
    """What was typed into a step that did not validate: its own fields only, each cut to
    just over its limit (enough to show the "at most N characters" error), so a bot cannot
    fill the session with megabytes."""
    draft = {}
    for name, field in form.fields.items():
        if name == forms.HONEYPOT_FIELD or name not in form.data:
            continue
        limit = (getattr(field, "max_length", None) or 200) + 1
        draft[name] = str(form.data.get(name, ""))[:limit]
    return draft


def _urgent_flags(flow):
    medical = flow["answers"].get("medical") or {}
    return {
        "in_hospital": medical.get("in_hospital_now") == "yes",
        "emergency": medical.get("emergency_symptoms") == "yes",
    }


@sensitive_post_parameters()
@sensitive_variables()
def step(request, page, step):
    form_class = forms.FORMS_BY_SLUG.get(step)
    if form_class is None:
        raise Http404
    flow = _get_flow(request)
    if flow is None:
        if step != forms.STEP_SLUGS[0]:
            # Answers sent to a flow that has expired (or a session that has) are lost: say so.
            return _expired_redirect(request, page, lost=request.method == "POST")
        flow = _new_flow(request)

    index = forms.STEP_SLUGS.index(step)
    # Steps are answered in order; a later step cannot be reached by typing its URL.
    for earlier in forms.STEP_SLUGS[:index]:
        if earlier not in flow["answers"]:
            return _no_store(HttpResponseRedirect(_step_url(page, request, earlier)))

    change = request.GET.get("change") == "1"
    kwargs = _form_kwargs(page, flow, form_class)

    if request.method == "POST":
        form = form_class(data=request.POST, **kwargs)
        if form.honeypot_filled():
            return _neutral_response(request, page)
        if not form.is_valid():
            # Post/Redirect/Get for errors too: a page rendered from a POST (and not stored,
            # no-store) makes the phone's Back button show "Confirm form resubmission". What
            # was typed is kept as this step's draft and shown, with its errors, by the GET.
            flow.setdefault("drafts", {})[step] = _draft(form)
            _save_flow(request, flow)
            return _no_store(HttpResponseRedirect(_step_url(page, request, step, change=change)))
        flow["answers"][step] = form.stored_data()
        (flow.get("drafts") or {}).pop(step, None)
        _save_flow(request, flow)
        if change or index == len(forms.STEP_SLUGS) - 1:
            next_url = _url(page, request, "check_answers")
            if change:
                # A change can make a later step incomplete; check answers sends them on.
                next_slug = _first_incomplete_step(page, flow)
                if next_slug and next_slug != step:
                    next_url = _step_url(page, request, next_slug)
        else:
            next_url = _step_url(page, request, forms.STEP_SLUGS[index + 1])
        return _no_store(HttpResponseRedirect(next_url))
    stored = flow["answers"].get(step)
    draft = (flow.get("drafts") or {}).get(step)
    if isinstance(draft, dict):
        form = form_class(data=draft, **kwargs)
        form.is_valid()  # the errors the POST found
    elif isinstance(stored, dict):
        form = form_class(data=stored, **kwargs)
        form.is_valid()  # shows errors if, say, the chosen condition was unpublished
    else:
        initial = {}
        preselected = flow.get("condition") if form_class is forms.MedicalForm else None
        if preselected and forms.live_condition(preselected):
            initial["condition"] = str(preselected)
        form = form_class(initial=initial, **kwargs)

    previous_url = (
        _step_url(page, request, forms.STEP_SLUGS[index - 1]) if index else _url(page, request)
    )
    if change:
        previous_url = _url(page, request, "check_answers")
    site_settings = _site_settings(request)
    context = {
        "form": form,
        "step_slug": step,
        "step_number": index + 1,
        "step_count": len(forms.STEP_SLUGS),
        "step_title": form.title,
        "step_help": getattr(page, f"{step}_help", ""),
        "form_action": _step_url(page, request, step, change=change),
        "back_url": previous_url,
        "change": change,
        "urgent": _urgent_flags(flow) if step != "medical" else {},
        "for_self": _for_self(flow),
        "privacy_page": site_settings.privacy_page,
        "has_errors": form.is_bound and bool(form.errors),
    }
    return _render(request, page, "contact/registration_step.html", context)


# --- Check answers and submit -------------------------------------------------------------


def _display(value):
    return value if value not in (None, "") else "Not given"


def _summary(page, request, cleaned, for_self):
    """Sections of (question, answer, change URL) for the check-answers page."""

    def row(slug, label, value, field):
        return {
            "label": label,
            "value": _display(value),
            "change_url": _step_url(page, request, slug, change=True),
            "field": field,
        }

    def label_of(choices, value):
        return dict(choices).get(value, value)

    who, patient, contact, medical, visit = (cleaned[slug] for slug in forms.STEP_SLUGS)
    condition = medical.get("condition")
    condition_title = "Not sure"
    if condition and condition != forms.NOT_SURE:
        live = forms.live_condition(condition)
        condition_title = live.title if live else ""
    you = (lambda mine, theirs: mine) if for_self else (lambda mine, theirs: theirs)
    sections = [
        (
            "Who is filling in this form",
            [
                row(
                    "who",
                    "Who is filling in this form",
                    label_of(
                        forms.WhoForm.base_fields["submitted_by"].choices, who["submitted_by"]
                    ),
                    "submitted_by",
                )
            ]
            + (
                [
                    row("who", "Your name", who["submitter_name"], "submitter_name"),
                    row(
                        "who",
                        "Your relationship to the patient",
                        who["submitter_relationship"],
                        "submitter_relationship",
                    ),
                ]
                if not for_self
                else []
            ),
        ),
        (
            "About the patient",
            [
                row(
                    "patient",
                    you("Your legal name", "Patient's legal name"),
                    f"{patient['first_name']} {patient['last_name']}",
                    "first_name",
                ),
                row(
                    "patient",
                    "Date of birth",
                    date_format(patient["date_of_birth"], "F j, Y"),
                    "dob_month",
                ),
                row("patient", "Sex", label_of(Registration.Sex.choices, patient["sex"]), "sex"),
            ],
        ),
        (
            "Contact details",
            [
                row("contact", "Phone", to_display(contact["phone"]), "phone"),
                row("contact", "Email", contact["email"], "email"),
                row(
                    "contact",
                    "How to contact you",
                    label_of(
                        Registration.ContactMethod.choices, contact["preferred_contact_method"]
                    ),
                    "preferred_contact_method",
                ),
                row(
                    "contact",
                    "Best time to call",
                    label_of(Registration.ContactTime.choices, contact["preferred_contact_time"]),
                    "preferred_contact_time",
                ),
                row("contact", "State", label_of(forms.US_STATES, contact["state"]), "state"),
                row("contact", "ZIP code", contact["zip_code"], "zip_code"),
                row(
                    "contact",
                    "Interpreter",
                    contact["interpreter_language"]
                    if contact["interpreter_needed"] == "yes"
                    else "Not needed",
                    "interpreter_needed",
                ),
            ],
        ),
        (
            "About the condition",
            [
                row("medical", "Condition", condition_title, "condition"),
                row(
                    "medical",
                    "Biopsy confirmed the diagnosis",
                    label_of(Registration.YesNoNotSure.choices, medical["biopsy_confirmed"]),
                    "biopsy_confirmed",
                ),
                row(
                    "medical",
                    "Current treatment",
                    medical["current_treatment"],
                    "current_treatment",
                ),
                row(
                    "medical",
                    "Referring physician",
                    medical["referring_physician"],
                    "referring_physician",
                ),
                row(
                    "medical",
                    "Insurance provider",
                    medical["insurance_provider"],
                    "insurance_provider",
                ),
                row(
                    "medical",
                    "In hospital now",
                    "Yes" if medical["in_hospital_now"] == "yes" else "No",
                    "in_hospital_now",
                ),
                row(
                    "medical",
                    "New weakness, numbness, or loss of bladder or bowel control",
                    "Yes" if medical["emergency_symptoms"] == "yes" else "No",
                    "emergency_symptoms",
                ),
            ],
        ),
        (
            "Visit and consent",
            [
                row(
                    "visit",
                    "Type of visit",
                    label_of(Registration.VisitType.choices, visit["visit_type"]),
                    "visit_type",
                ),
                row("visit", "Message", visit["message"], "message"),
                row(
                    "visit",
                    "Agreed to be contacted",
                    "Yes" if visit["consent_to_contact"] else "No",
                    "consent_to_contact",
                ),
            ],
        ),
    ]
    return sections


def _build_registration(cleaned, flow):
    who, patient, contact, medical, visit = (cleaned[slug] for slug in forms.STEP_SLUGS)
    condition = None
    if medical["condition"] != forms.NOT_SURE:
        condition = forms.live_condition(medical["condition"])
    source_page_id = flow.get("source_page")
    if source_page_id and not Page.objects.filter(pk=source_page_id).exists():
        source_page_id = None
    return Registration(
        submission_token=uuid.UUID(flow["token"]),
        source_page_id=source_page_id,
        submitted_by=who["submitted_by"],
        submitter_name=who["submitter_name"] or "",
        submitter_relationship=who["submitter_relationship"] or "",
        first_name=patient["first_name"],
        last_name=patient["last_name"],
        date_of_birth=patient["date_of_birth"],
        sex=patient["sex"] or "",
        phone=contact["phone"],
        email=contact["email"] or "",
        preferred_contact_method=contact["preferred_contact_method"],
        preferred_contact_time=contact["preferred_contact_time"],
        state=contact["state"],
        zip_code=contact["zip_code"],
        interpreter_needed=forms.yes_no(contact["interpreter_needed"]),
        interpreter_language=contact["interpreter_language"] or "",
        condition=condition,
        biopsy_confirmed=medical["biopsy_confirmed"],
        current_treatment=medical["current_treatment"] or "",
        referring_physician=medical["referring_physician"] or "",
        insurance_provider=medical["insurance_provider"] or "",
        in_hospital_now=forms.yes_no(medical["in_hospital_now"]),
        emergency_symptoms=forms.yes_no(medical["emergency_symptoms"]),
        visit_type=visit["visit_type"],
        message=visit["message"] or "",
        consent_to_contact=bool(visit["consent_to_contact"]),
    )


def client_ip(request):
    """The client address; behind N trusted proxies, the Nth address from the right."""
    proxies = _setting("REGISTRATION_TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.headers.get("X-Forwarded-For", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def rate_limit_exceeded(request):
    """Count this submission against the client's hourly allowance (atomic in the cache)."""
    limit = _setting("REGISTRATION_RATE_LIMIT", 5)
    window = _setting("REGISTRATION_RATE_WINDOW_SECONDS", 3600)
    if not limit or limit <= 0:
        return False
    # The address is personal data too: only a keyed hash of it goes into the cache.
    key = "registration-rate:" + salted_hmac("registration-rate", client_ip(request)).hexdigest()
    try:
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)
            count = 1
    except Exception as error:  # noqa: BLE001 - a cache outage must not lose a registration
        logger.warning("Registration rate limit unavailable (%s); allowing.", type(error).__name__)
        return False
    return count > limit


def _finish(request, page, registration, flow, urgent):
    request.session[DONE_KEY] = {
        "flow": flow["id"],
        "reference": registration.reference,
        "urgent": urgent,
        "for_self": _for_self(flow),
        "at": time.time(),
    }
    _clear_flow(request)
    return _no_store(HttpResponseRedirect(_url(page, request, "confirmation")))


def _create_registration(cleaned, flow):
    """Save once per flow token; returns the (new or existing) registration."""
    token = uuid.UUID(flow["token"])
    for _attempt in range(3):
        existing = Registration.objects.filter(submission_token=token).first()
        if existing:
            return existing, False
        registration = _build_registration(cleaned, flow)
        registration.full_clean(exclude=["reference", "submission_token"], validate_unique=False)
        try:
            with transaction.atomic():
                registration.save()
                transaction.on_commit(lambda pk=registration.pk: enqueue_notifications(pk))
            return registration, True
        except IntegrityError:
            # Another request saved this token first (double click, second tab), or the
            # random reference collided: look again, and otherwise retry with a new reference.
            continue
    existing = Registration.objects.filter(submission_token=token).first()
    if existing:
        return existing, False
    raise IntegrityError("Could not save registration")


@sensitive_post_parameters()
@sensitive_variables()
def check_answers(request, page):
    flow = _get_flow(request)
    if request.method == "POST":
        done = request.session.get(DONE_KEY)
        posted_flow = request.POST.get("flow", "")
        if isinstance(done, dict) and posted_flow and posted_flow == done.get("flow"):
            # A resubmitted or replayed form: the registration already exists.
            return _no_store(HttpResponseRedirect(_url(page, request, "confirmation")))
        if flow is None:
            return _expired_redirect(request, page, lost=True)
        if posted_flow != flow["id"]:
            # A stale tab from an earlier flow: show the current answers again.
            return _no_store(HttpResponseRedirect(_url(page, request, "check_answers")))
    if flow is None:
        if isinstance(request.session.get(DONE_KEY), dict):
            # Browser Back from the confirmation: show it again rather than an empty start
            # page that would suggest the registration was not sent.
            return _no_store(HttpResponseRedirect(_url(page, request, "confirmation")))
        return _no_store(HttpResponseRedirect(_url(page, request)))

    bound = _bound_step_forms(page, flow)
    next_slug = _first_incomplete_step(page, flow, bound)
    if next_slug:
        return _no_store(HttpResponseRedirect(_step_url(page, request, next_slug)))
    cleaned = {slug: form.cleaned_data for slug, form in bound.items()}
    urgent = _urgent_flags(flow)
    error = ""

    if request.method == "POST":
        age = _flow_age(flow) or 0
        if age < _setting("REGISTRATION_MIN_FILL_SECONDS", 10):
            return _neutral_response(request, page)
        existing = Registration.objects.filter(submission_token=uuid.UUID(flow["token"])).first()
        if existing:
            return _finish(request, page, existing, flow, urgent)
        if rate_limit_exceeded(request):
            return _render(request, page, "contact/registration_rate_limited.html", status=429)
        try:
            registration, _created = _create_registration(cleaned, flow)
        except (ValidationError, IntegrityError) as failure:
            fields = sorted(getattr(failure, "message_dict", {}) or [])
            logger.error(
                "Registration could not be saved (%s; fields %s).",
                type(failure).__name__,
                ", ".join(fields),
            )
            error = "save_failed"
        else:
            return _finish(request, page, registration, flow, urgent)

    context = {
        "sections": _summary(page, request, cleaned, _for_self(flow)),
        "flow_id": flow["id"],
        "urgent": urgent,
        "for_self": _for_self(flow),
        "error": error,
        "back_url": _step_url(page, request, forms.STEP_SLUGS[-1]),
        "form_action": _url(page, request, "check_answers"),
    }
    return _render(
        request, page, "contact/check_answers.html", context, status=503 if error else 200
    )


def confirmation(request, page):
    done = request.session.get(DONE_KEY)
    if not isinstance(done, dict) or not done.get("reference"):
        return _no_store(HttpResponseRedirect(_url(page, request)))
    urgent = done.get("urgent")
    context = {
        "reference": done["reference"],
        "urgent": urgent if isinstance(urgent, dict) else {},
        "for_self": done.get("for_self") is True,
    }
    return _render(request, page, "contact/confirmation.html", context)


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: a friendly 403 with the phone number.

    A patient whose cookies were cleared, or who left the form open for a long time, lands
    here from a step or the final "Send". It echoes nothing from the request (no answers,
    no reason text), and is never cached.
    """
    return _no_store(render(request, "403_csrf.html", status=403))
