"""Urgent registrations: the URGENT email to the urgent address at once, the dashboard count,
and the second notice after the threshold counted only within opening hours (fixed clock)."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from contact.admin.audit import LOG_ESCALATE
from contact.escalation import opening_minutes_between, send_urgent_reminders
from contact.factories import RegistrationFactory, RegistrationSettingsFactory
from contact.models import Registration, RegistrationSettings
from contact.tasks import send_staff_notification
from tests.contact.intake_fixtures import set_created

pytestmark = pytest.mark.django_db

EASTERN = datetime.timezone(datetime.timedelta(hours=-5))  # EST: November has no DST
MON_9 = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=EASTERN)  # a Monday
FRI_1650 = datetime.datetime(2026, 11, 27, 16, 50, tzinfo=EASTERN)


@pytest.fixture
def reg_settings(site_tree):
    return RegistrationSettingsFactory(
        intake_notification_email="intake@example.org",
        urgent_notification_email="urgent@example.org",
    )


def minutes(hours=0, minutes=0):
    return datetime.timedelta(hours=hours, minutes=minutes)


# --- The first notification ------------------------------------------------------------------


def test_urgent_registration_emails_the_urgent_address_with_urgent_subject(reg_settings):
    registration = RegistrationFactory(emergency_symptoms=True, first_name="Anabela")
    assert send_staff_notification(registration.pk)
    (message,) = mail.outbox
    assert message.to == ["urgent@example.org"]
    assert message.subject == f"URGENT: new patient registration {registration.reference}"
    assert "Anabela" not in message.subject + message.body
    assert registration.phone not in message.body
    # Not even why it is urgent: that is clinical, and waits behind the admin sign-in.
    assert "hospital" not in message.body.lower()
    assert "symptom" not in message.body.lower()
    assert reverse("registrations:inspect", args=[registration.pk]) in message.body


def test_urgent_falls_back_to_the_intake_address(reg_settings):
    reg_settings.urgent_notification_email = ""
    reg_settings.save()
    RegistrationFactory(in_hospital_now=True)
    send_staff_notification(Registration.objects.get().pk)
    assert mail.outbox[0].to == ["intake@example.org"]
    assert mail.outbox[0].subject.startswith("URGENT")


def test_routine_registration_email_is_unchanged(reg_settings):
    registration = RegistrationFactory()
    send_staff_notification(registration.pk)
    assert mail.outbox[0].to == ["intake@example.org"]
    assert mail.outbox[0].subject == f"New patient registration {registration.reference}"


# --- Opening-hours arithmetic ----------------------------------------------------------------


WEEKDAYS = {0, 1, 2, 3, 4}
OPENS, CLOSES = datetime.time(8), datetime.time(17)


def opening_minutes(start, end):
    return opening_minutes_between(start, end, OPENS, CLOSES, WEEKDAYS, EASTERN)


def test_opening_minutes_inside_one_day():
    assert opening_minutes(MON_9, MON_9 + minutes(1, 30)) == 90


def test_opening_minutes_skip_nights_and_weekends():
    # Friday 16:50 → Monday 8:50: ten minutes on Friday, fifty on Monday.
    monday_850 = datetime.datetime(2026, 11, 30, 8, 50, tzinfo=EASTERN)
    assert opening_minutes(FRI_1650, monday_850) == 60
    saturday_noon = datetime.datetime(2026, 11, 28, 12, tzinfo=EASTERN)
    assert opening_minutes(saturday_noon, saturday_noon + minutes(5)) == 0


def test_opening_minutes_of_a_registration_sent_at_night():
    night = datetime.datetime(2026, 11, 23, 22, 0, tzinfo=EASTERN)
    assert opening_minutes(night, night + minutes(10, 30)) == 30  # Tuesday 8:00 → 8:30


# --- The second notification (fixed clock) ---------------------------------------------------


def urgent_at(when, **kwargs):
    return set_created(RegistrationFactory(emergency_symptoms=True, **kwargs), when)


def test_reminder_after_the_threshold_within_opening_hours(reg_settings):
    registration = urgent_at(MON_9)
    assert send_urgent_reminders(now=MON_9 + minutes(0, 59)) == {"sent": 0, "failed": 0}
    assert send_urgent_reminders(now=MON_9 + minutes(1, 0)) == {"sent": 1, "failed": 0}
    (message,) = mail.outbox
    assert message.to == ["urgent@example.org"]
    assert (
        message.subject == f"URGENT, not yet opened: patient registration {registration.reference}"
    )
    assert registration.first_name not in message.body
    # Once only.
    assert send_urgent_reminders(now=MON_9 + minutes(3)) == {"sent": 0, "failed": 0}
    entry = ModelLogEntry.objects.get(action=LOG_ESCALATE)
    assert entry.label == registration.reference


def test_no_reminder_outside_opening_hours(reg_settings):
    urgent_at(FRI_1650)
    # Friday 18:00 and all Saturday: only ten minutes of opening hours so far.
    assert send_urgent_reminders(now=FRI_1650 + minutes(1, 10))["sent"] == 0
    assert send_urgent_reminders(now=FRI_1650 + minutes(24 + 20))["sent"] == 0
    assert not mail.outbox
    monday_849 = datetime.datetime(2026, 11, 30, 8, 49, tzinfo=EASTERN)
    assert send_urgent_reminders(now=monday_849)["sent"] == 0
    assert send_urgent_reminders(now=monday_849 + minutes(0, 1))["sent"] == 1


def test_no_reminder_once_a_coordinator_opened_it(client, reg_settings, coordinator):
    registration = urgent_at(MON_9)
    client.force_login(coordinator)
    client.get(reverse("registrations:inspect", args=[registration.pk]))
    assert send_urgent_reminders(now=MON_9 + minutes(2))["sent"] == 0


def test_no_reminder_for_routine_or_finished_registrations(reg_settings):
    set_created(RegistrationFactory(), MON_9)
    urgent_at(MON_9, status=Registration.Status.CLOSED)
    assert send_urgent_reminders(now=MON_9 + minutes(3))["sent"] == 0


def test_threshold_is_configurable(reg_settings):
    reg_settings.urgent_reminder_minutes = 15
    reg_settings.save()
    urgent_at(MON_9)
    assert send_urgent_reminders(now=MON_9 + minutes(0, 15))["sent"] == 1


def test_command_prints_counts_only(reg_settings, capsys):
    urgent_at(datetime.datetime(2026, 11, 23, 9, 0, tzinfo=EASTERN) - minutes(24 * 30))
    call_command("send_urgent_reminders")
    assert capsys.readouterr().out.strip() == "Urgent reminders sent: 1. Not sent: 0."


# --- Dashboard -------------------------------------------------------------------------------


def test_dashboard_counts_urgent_registrations_not_yet_reached(client, coordinator):
    RegistrationFactory.create_batch(2, in_hospital_now=True)
    RegistrationFactory(emergency_symptoms=True, status=Registration.Status.REACHED)
    RegistrationFactory()
    client.force_login(coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2 urgent registrations not yet reached" in html
    assert f"{reverse('registrations:index')}?urgent=true" in html


# --- The settings form -----------------------------------------------------------------------


def settings_form(reg_settings, **data):
    from wagtail.admin.panels import get_edit_handler

    from contact.models.settings import RegistrationSettingsForm

    form_class = get_edit_handler(RegistrationSettings).get_form_class()
    assert issubclass(form_class, RegistrationSettingsForm)
    payload = {
        "intake_notification_email": "intake@example.org",
        "urgent_notification_email": "",
        "urgent_reminder_minutes": "60",
        "opening_time": "08:00",
        "closing_time": "17:00",
        "opening_days": ["0", "2", "4"],
    }
    payload.update(data)
    return form_class(payload, instance=reg_settings)


def test_opening_days_are_ticked_and_stored(reg_settings):
    form = settings_form(reg_settings)
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.opening_days == "024"
    assert saved.opening_weekdays == {0, 2, 4}


def test_closing_before_opening_is_refused_next_to_the_field(reg_settings):
    form = settings_form(reg_settings, opening_time="17:00", closing_time="08:00")
    assert not form.is_valid()
    assert form.errors["closing_time"] == ["Closing time must be after opening time."]
