"""Notification emails. They carry a reference and, for staff, an admin link: never patient data.

Staff read the registration in the admin, behind a login; the patient's acknowledgement names
no one and says nothing clinical, because email is neither private nor always the patient's.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from wagtail.models import Site

from core.models import SiteSettings

from .languages import in_registration_language, in_staff_language
from .models import DEFAULT_PROMISE, RegistrationPage, RegistrationSettings

ADMIN_FALLBACK_PATH = "/admin/registrations/"


def admin_url(registration):
    """The admin inspect URL, or the registrations listing if that view is not available."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    try:
        path = reverse("registrations:inspect", args=[registration.pk])
    except NoReverseMatch:
        path = ADMIN_FALLBACK_PATH
    return f"{base}{path}"


def _default_site():
    return Site.objects.filter(is_default_site=True).first() or Site.objects.first()


def site_settings():
    site = _default_site()
    return SiteSettings.for_site(site) if site else SiteSettings()


def registration_settings():
    site = _default_site()
    return RegistrationSettings.for_site(site) if site else RegistrationSettings()


def response_time_promise(language=None):
    """The registration page's promise, from the page in ``language`` when there is one."""
    pages = RegistrationPage.objects.live().only("response_time_promise").order_by("path")
    page = (language and pages.filter(locale__language_code=language).first()) or pages.first()
    return (page.response_time_promise if page else "") or DEFAULT_PROMISE


def _render(name, context):
    subject = render_to_string(f"contact/email/{name}_subject.txt", context)
    body = render_to_string(f"contact/email/{name}.txt", context)
    return " ".join(subject.split()), body


def staff_recipient(registration, settings_=None):
    """The urgent address for an urgent registration (else the intake inbox), or ''."""
    settings_ = settings_ or registration_settings()
    if registration.is_urgent:
        return settings_.urgent_recipient
    return settings_.intake_notification_email


def staff_notification(registration, recipient, reminder_minutes=60):
    """'New patient registration NP-…', or for an urgent one 'URGENT: new patient …'."""
    with in_staff_language():
        return _staff_notification(registration, recipient, reminder_minutes)


def _staff_notification(registration, recipient, reminder_minutes):
    context = {
        "reference": registration.reference,
        "admin_url": admin_url(registration),
        "site_settings": site_settings(),
        "reminder_minutes": reminder_minutes,
    }
    name = "staff_notification_urgent" if registration.is_urgent else "staff_notification"
    subject, body = _render(name, context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])


def urgent_reminder(registration, recipient, reminder_minutes):
    """The second notice: an urgent registration nobody has opened yet."""
    with in_staff_language():
        return _urgent_reminder(registration, recipient, reminder_minutes)


def _urgent_reminder(registration, recipient, reminder_minutes):
    context = {
        "reference": registration.reference,
        "admin_url": admin_url(registration),
        "reminder_minutes": reminder_minutes,
    }
    subject, body = _render("urgent_reminder", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])


def patient_acknowledgement(registration):
    """In the language the patient registered in; staff emails stay in English."""
    with in_registration_language(registration):
        return _patient_acknowledgement(registration)


def _patient_acknowledgement(registration):
    context = {
        "reference": registration.reference,
        "promise": response_time_promise(registration.language),
        "site_settings": site_settings(),
    }
    subject, body = _render("patient_acknowledgement", context)
    return EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [registration.email],
        headers={"Content-Language": registration.language or settings.LANGUAGE_CODE},
    )
