"""Factories for the registration page and new-patient registrations (all data invented)."""

import datetime
import uuid

import factory
from factory.django import DjangoModelFactory
from wagtail.models import Site

from contact.models import Registration, RegistrationPage, RegistrationSettings
from core.factories import BasePageFactory, default_home_page


class RegistrationPageFactory(BasePageFactory):
    class Meta:
        model = RegistrationPage

    parent = factory.LazyFunction(default_home_page)
    title = "Register as a new patient"
    slug = "register"
    summary = "Tell us about yourself and a care coordinator will call you."
    intro = "<p>It takes about ten minutes. You can register for yourself or someone else.</p>"


class RegistrationFactory(DjangoModelFactory):
    """A valid registration: E.164 phone in the 555-01xx fictional range, a fresh token."""

    class Meta:
        model = Registration

    submission_token = factory.LazyFunction(uuid.uuid4)
    submitted_by = Registration.SubmittedBy.PATIENT
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = factory.Faker(
        "date_between_dates",
        date_start=datetime.date(1940, 1, 1),
        date_end=datetime.date(2000, 12, 31),
    )
    sex = Registration.Sex.NOT_SAY
    phone = factory.Sequence(lambda n: f"+1617555{100 + n % 100:04d}")
    email = factory.LazyAttribute(
        lambda r: f"{r.first_name}.{r.last_name}@example.org".lower().replace(" ", "")
    )
    preferred_contact_method = Registration.ContactMethod.PHONE
    preferred_contact_time = Registration.ContactTime.ANY
    state = "MA"
    zip_code = "02139"
    biopsy_confirmed = Registration.YesNoNotSure.NOT_SURE
    visit_type = Registration.VisitType.EITHER
    consent_to_contact = True


class RegistrationSettingsFactory(DjangoModelFactory):
    """Registration settings for the default site (get-or-create by site)."""

    class Meta:
        model = RegistrationSettings
        django_get_or_create = ("site",)

    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    intake_notification_email = "intake@example.org"
