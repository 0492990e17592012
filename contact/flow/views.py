"""The new-patient registration flow, routed by RegistrationPage (RoutablePageMixin).

The state in progress is a RegistrationFlow in the server-side session (flow.state), encrypted;
each step is a ModelForm (contact.forms); sending creates the Registration once per flow
(contact.services). Nothing here logs or puts in a URL any answer, and nothing writes a session
before the patient sends the first step.
"""

import logging
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpResponseRedirect
from django.utils import translation
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from wagtail.models import Page, Site

from core import i18n
from core.models import SiteSettings
from core.views import no_store

from .. import forms
from ..languages import current_language, interpreter_suggestion
from ..models import Registration, RegistrationSettings
from ..ratelimit import rate_limit_exceeded
from ..services import create_registration
from .state import (
    RegistrationFlow,
    clear_flow,
    entry_token,
    get_done,
    get_flow,
    mark_done,
    max_age_seconds,
    read_entry,
    save_flow,
)
from .summary import summary_sections

logger = logging.getLogger(__name__)


# --- Forms bound to the flow --------------------------------------------------------------


def _form_kwargs(page, flow, form_class):
    kwargs = {"for_self": flow.for_self}
    if form_class is forms.PatientForm:
        kwargs["sex_reason"] = page.sex_reason
    return kwargs


def _bound_step_forms(page, flow):
    """Every step's form this flow asks, bound to its stored answers (None where a step is
    unanswered). Answers to a step that no longer applies (the caregiver's details after
    "I am the patient") are left out, so they are never saved."""
    bound = {}
    for form_class in forms.steps_for(flow.answers):
        data = flow.answers.get(form_class.slug)
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


def _step_url(page, request, slug, change=False):
    url = page.get_url(request) + page.reverse_subpage("step", kwargs={"step": slug})
    return url + "?change=1" if change else url


def _url(page, request, name=None):
    base = page.get_url(request)
    return base + page.reverse_subpage(name) if name else base


def _redirect(url):
    return no_store(HttpResponseRedirect(url))


def _render(request, page, template, context=None, status=200):
    response = page.render(request, template=template, context_overrides=context or {})
    response.status_code = status
    return no_store(response)


def _expired_redirect(request, page, lost=False):
    """Back to the start page; when answers were just sent to no flow, it explains why."""
    return _redirect(_url(page, request) + ("?expired=1" if lost else ""))


def _neutral_response(request, page):
    """What a bot (or anything we silently discard) sees: a plain thank-you, no verdict."""
    clear_flow(request)
    return _render(request, page, "contact/registration_received.html")


# --- Entry point --------------------------------------------------------------------------


def _referring_page(request):
    """The site page in the Referer header, if any: recorded as where the patient came from."""
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
    # A Spanish page (/es/…) sits below the Spanish home: the referring path's own language.
    with translation.override(i18n.language_of_path(path)):
        root = site.root_page.localized
    url_path = root.url_path + i18n.strip_language_prefix(path).lstrip("/")
    if not url_path.endswith("/"):
        url_path += "/"
    return Page.objects.live().filter(url_path=url_path).only("id").first()


@sensitive_post_parameters()
def start(request, page):
    if request.method == "POST":
        # "Start again": forget every answer in progress.
        clear_flow(request)
        return HttpResponseRedirect(_url(page, request))

    flow = get_flow(request)
    condition = forms.live_condition(request.GET.get("condition"))
    source = condition or _referring_page(request)
    entry = {
        "condition": condition.pk if condition else None,
        "source_page": source.pk if source and source.pk != page.pk else None,
    }
    first_step_url = _step_url(page, request, forms.STEP_SLUGS[0])
    if flow is None:
        # No session yet (a GET never creates one): where the patient came from rides along
        # to the first step, signed, and is stored when they send it.
        token = entry_token(entry["condition"], entry["source_page"])
        if token:
            first_step_url += "?" + urlencode({"entry": token})
    elif "medical" not in flow.answers and entry["condition"]:
        flow.condition = entry["condition"]
        flow.source_page = flow.source_page or entry["source_page"]
        save_flow(request, flow)

    context = {
        "flow": flow,
        "first_step_url": first_step_url,
        "resume_url": None,
        "expired": flow is None and request.GET.get("expired") == "1",
        "flow_max_hours": max(1, max_age_seconds() // 3600),
    }
    if flow and flow.answers:
        next_slug = _first_incomplete_step(page, flow)
        context["resume_url"] = (
            _step_url(page, request, next_slug)
            if next_slug
            else _url(page, request, "check_answers")
        )
    return _render(request, page, "contact/registration_page.html", context)


# --- Steps --------------------------------------------------------------------------------


def _slugs(flow):
    return [form_class.slug for form_class in forms.steps_for(flow.answers)]


def _after_step(request, page, flow, step, change):
    if step == forms.UrgentForm.slug and any(flow.urgent_flags().values()):
        # An emergency answer: what to do now, before anything else (the stop page links on).
        return _url(page, request, "urgent_advice")
    slugs = _slugs(flow)
    index = slugs.index(step)
    if not change and index < len(slugs) - 1:
        return _step_url(page, request, slugs[index + 1])
    if change:
        # A change can make a later step incomplete; check answers sends them on.
        next_slug = _first_incomplete_step(page, flow)
        if next_slug and next_slug != step:
            # Still a change: once answered, that step returns to check your answers too.
            return _step_url(page, request, next_slug, change=True)
    return _url(page, request, "check_answers")


def _step_form(flow, step, form_class, kwargs):
    """The form a GET shows: the draft with its errors, the saved answers, or a fresh one."""
    stored = flow.answers.get(step)
    draft = flow.drafts.get(step)
    if isinstance(draft, dict):
        form = form_class(data=draft, **kwargs)
        form.is_valid()  # the errors the POST found
    elif isinstance(stored, dict):
        form = form_class(data=stored, **kwargs)
        form.is_valid()  # shows errors if, say, the chosen condition was unpublished
    else:
        initial = {}
        if form_class in (forms.ContactForm, forms.LanguageForm):
            initial.update(interpreter_suggestion(current_language()))
        preselected = flow.condition if form_class is forms.MedicalForm else None
        if preselected and forms.live_condition(preselected):
            initial["condition"] = str(preselected)
        form = form_class(initial=initial, **kwargs)
    return form


@sensitive_post_parameters()
@sensitive_variables()
def step(request, page, step):
    form_class = forms.FORMS_BY_SLUG.get(step)
    if form_class is None:
        raise Http404
    flow = get_flow(request)
    entry = ""
    if flow is None:
        if step != forms.STEP_SLUGS[0]:
            # Answers sent to a flow that has expired (or a session that has) are lost: say so.
            return _expired_redirect(request, page, lost=request.method == "POST")
        # Not stored until the first answers are: a GET of the first step writes no session.
        entry = request.GET.get("entry", "")
        flow = RegistrationFlow.start(**read_entry(entry))

    slugs = _slugs(flow)
    if step not in slugs:
        # A step that does not apply to these answers (the caregiver's page for a patient).
        return _redirect(_continue_url(request, page, flow))
    index = slugs.index(step)
    # Steps are answered in order; a later step cannot be reached by typing its URL.
    for earlier in slugs[:index]:
        if earlier not in flow.answers:
            return _redirect(_step_url(page, request, earlier))

    change = request.GET.get("change") == "1"
    kwargs = _form_kwargs(page, flow, form_class)
    privacy_page = SiteSettings.for_request(request).privacy_page
    if form_class is forms.VisitForm and privacy_page is not None:
        kwargs["privacy_url"] = privacy_page.get_url(request)

    if request.method == "POST":
        form = form_class(data=request.POST, **kwargs)
        if form.honeypot_filled():
            return _neutral_response(request, page)
        if not form.is_valid():
            # Post/Redirect/Get for errors too: a page rendered from a POST (and not stored,
            # no-store) makes the phone's Back button show "Confirm form resubmission". What
            # was typed is kept as this step's draft and shown, with its errors, by the GET.
            flow.drafts[step] = form.draft()
            save_flow(request, flow)
            return _redirect(_step_url(page, request, step, change=change))
        flow.answers[step] = form.stored_data()
        flow.drafts.pop(step, None)
        save_flow(request, flow)
        return _redirect(_after_step(request, page, flow, step, change))

    form = _step_form(flow, step, form_class, kwargs)
    previous_url = _step_url(page, request, slugs[index - 1]) if index else _url(page, request)
    if change:
        previous_url = _url(page, request, "check_answers")
    context = {
        "form": form,
        "step_slug": step,
        "step_number": index + 1,
        "step_count": len(slugs),
        "step_title": form.title,
        "step_help": getattr(page, f"{step}_help", ""),
        "form_action": _step_url(page, request, step, change=change)
        + ("?" + urlencode({"entry": entry}) if entry and not change else ""),
        "back_url": previous_url,
        "change": change,
        "urgent": flow.urgent_flags() if step != forms.UrgentForm.slug else {},
        "for_self": flow.for_self,
        "has_errors": form.is_bound and bool(form.errors),
    }
    return _render(request, page, "contact/registration_step.html", context)


def _continue_url(request, page, flow):
    """Where the patient carries on: the first unanswered step, or check your answers."""
    next_slug = _first_incomplete_step(page, flow)
    if next_slug:
        return _step_url(page, request, next_slug)
    return _url(page, request, "check_answers")


def urgent_advice(request, page):
    """The stop page after an emergency answer: 911 and the team's number first, then a way
    on to register (the registration is then urgent). What it shows comes from the session,
    never from the URL."""
    flow = get_flow(request)
    urgent = flow.urgent_flags() if flow else {}
    if not any(urgent.values()):
        return _redirect(_url(page, request))
    context = {
        "urgent": urgent,
        "continue_url": _continue_url(request, page, flow),
        "back_url": _step_url(page, request, forms.UrgentForm.slug),
    }
    return _render(request, page, "contact/urgent_advice.html", context)


# --- Check answers and submit -------------------------------------------------------------


def _saved_registration(flow):
    return Registration.objects.filter(submission_token=flow.submission_token).first()


def _finish(request, page, registration, flow, urgent):
    mark_done(request, flow, registration.reference, urgent)
    return _redirect(_url(page, request, "confirmation"))


@sensitive_post_parameters()
@sensitive_variables()
def check_answers(request, page):
    flow = get_flow(request)
    if request.method == "POST":
        done = get_done(request)
        posted_flow = request.POST.get("flow", "")
        if done and posted_flow and posted_flow == done["flow"]:
            # A resubmitted or replayed form: the registration already exists.
            return _redirect(_url(page, request, "confirmation"))
        if flow is None:
            return _expired_redirect(request, page, lost=True)
        if posted_flow != flow.id:
            # A stale tab from an earlier flow: show the current answers again.
            return _redirect(_url(page, request, "check_answers"))
    if flow is None:
        if get_done(request):
            # Browser Back from the confirmation: show it again rather than an empty start
            # page that would suggest the registration was not sent.
            return _redirect(_url(page, request, "confirmation"))
        return _redirect(_url(page, request))

    bound = _bound_step_forms(page, flow)
    next_slug = _first_incomplete_step(page, flow, bound)
    if next_slug:
        return _redirect(_step_url(page, request, next_slug))
    urgent = flow.urgent_flags()
    error = ""

    if request.method == "POST":
        min_fill = getattr(settings, "REGISTRATION_MIN_FILL_SECONDS", 10)
        if (flow.age() or 0) < min_fill:
            return _neutral_response(request, page)
        existing = _saved_registration(flow)
        if existing:
            return _finish(request, page, existing, flow, urgent)
        if rate_limit_exceeded(request, flow.id):
            # A concurrent post of this flow (a double click) may have saved it meanwhile: the
            # patient is shown the confirmation, never "try again later" for a saved flow.
            existing = _saved_registration(flow)
            if existing:
                return _finish(request, page, existing, flow, urgent)
            return _render(request, page, "contact/registration_rate_limited.html", status=429)
        try:
            registration, _created = create_registration(list(bound.values()), flow)
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
        "sections": summary_sections(
            bound.values(), lambda slug: _step_url(page, request, slug, change=True)
        ),
        "flow_id": flow.id,
        "urgent": urgent,
        "for_self": flow.for_self,
        "error": error,
        "back_url": _step_url(page, request, _slugs(flow)[-1]),
        "form_action": _url(page, request, "check_answers"),
    }
    return _render(
        request, page, "contact/check_answers.html", context, status=503 if error else 200
    )


def confirmation(request, page, printable=False):
    """The confirmation, tailored to the answers kept for it (urgent, contact method); its
    printable version is the same page with a print layout, at a URL without any answer."""
    done = get_done(request)
    if done is None:
        return _redirect(_url(page, request))
    if "reference" not in done:
        # Later than CONFIRMATION_SECONDS after sending: the next person at a shared computer
        # learns that a registration was sent, not its reference or the emergency advice.
        return _render(request, page, "contact/registration_sent.html")
    urgent = done.get("urgent")
    urgent = urgent if isinstance(urgent, dict) else {}
    context = {
        "reference": done["reference"],
        "urgent": urgent,
        "is_urgent": any(urgent.values()),
        "for_self": done.get("for_self") is True,
        "by_email": done.get("contact_method") == Registration.ContactMethod.EMAIL,
        "by_text": done.get("contact_method") == Registration.ContactMethod.TEXT,
        "emailed": done.get("emailed") is True,
        "registration_settings": RegistrationSettings.for_request(request),
        "printable": printable,
        "print_url": _url(page, request, "confirmation_print"),
        "confirmation_url": _url(page, request, "confirmation"),
    }
    return _render(request, page, "contact/confirmation.html", context)
