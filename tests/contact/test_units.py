"""Unit tests for the rules the registration app's pieces carry on their own."""

import datetime
import uuid

import pytest
from django.utils import timezone

from contact.factories import RegistrationFactory
from contact.flow.state import RegistrationFlow
from contact.forms import DateOfBirthField, PatientForm
from contact.models import Registration

# --- RegistrationQuerySet ------------------------------------------------------------------


@pytest.mark.django_db
def test_urgent_matches_is_urgent():
    calm = RegistrationFactory(in_hospital_now=False, emergency_symptoms=False)
    in_hospital = RegistrationFactory(in_hospital_now=True, emergency_symptoms=False)
    emergency = RegistrationFactory(in_hospital_now=False, emergency_symptoms=True)
    urgent = set(Registration.objects.urgent())
    assert urgent == {in_hospital, emergency}
    assert set(Registration.objects.not_urgent()) == {calm}
    assert all(r.is_urgent == (r in urgent) for r in Registration.objects.all())


@pytest.mark.django_db
def test_notification_pending_matches_the_property():
    now = timezone.now()
    done = RegistrationFactory(staff_notified_at=now, patient_acknowledged_at=now)
    no_email = RegistrationFactory(email="", staff_notified_at=now)
    staff_pending = RegistrationFactory(staff_notified_at=None, patient_acknowledged_at=now)
    patient_pending = RegistrationFactory(
        email="p@example.org", staff_notified_at=now, patient_acknowledged_at=None
    )
    pending = set(Registration.objects.notification_pending())
    assert pending == {staff_pending, patient_pending}
    assert set(Registration.objects.notification_sent()) == {done, no_email}
    assert all(r.notification_pending == (r in pending) for r in Registration.objects.all())


@pytest.mark.django_db
def test_due_for_purge_counts_from_closing():
    now = timezone.now()
    old = now - datetime.timedelta(days=400)
    closed_long_ago = RegistrationFactory(status=Registration.Status.CLOSED, closed_at=old)
    RegistrationFactory(status=Registration.Status.CLOSED, closed_at=now)
    open_and_old = RegistrationFactory(status=Registration.Status.NEW)
    Registration.objects.filter(pk=open_and_old.pk).update(updated_at=old, created_at=old)
    assert list(Registration.objects.due_for_purge(365, now)) == [closed_long_ago]
    assert list(Registration.objects.due_for_purge(500, now)) == []


# --- RegistrationFlow ----------------------------------------------------------------------


def test_flow_round_trips_through_the_session():
    flow = RegistrationFlow.start(condition=7, source_page=3)
    flow.answers["who"] = {"submitted_by": "someone_else"}
    flow.answers["urgent"] = {"in_hospital_now": "yes", "emergency_symptoms": "no"}
    flow.drafts["patient"] = {"dob_year": "19x8"}
    again = RegistrationFlow.from_session(flow.to_session())
    assert again == flow
    assert again.submission_token == uuid.UUID(flow.token)
    assert not again.for_self
    assert again.urgent_flags() == {"in_hospital": True, "emergency": False}
    assert 0 <= again.age() < 5 and not again.expired()


@pytest.mark.parametrize(
    "data", [None, "x", {}, {"id": 1}, {"id": "a", "token": "not-a-uuid"}, {"id": "a"}]
)
def test_malformed_session_data_is_no_flow(data):
    assert RegistrationFlow.from_session(data) is None


def test_a_flow_whose_start_was_tampered_with_has_expired():
    flow = RegistrationFlow.start()
    other = RegistrationFlow.start()
    flow.started = other.started  # signed, but for another flow
    assert flow.age() is None and flow.expired()


# --- Date of birth -------------------------------------------------------------------------


def _dob_errors(month, day, year, for_self=True):
    form = PatientForm(
        data={
            "first_name": "A",
            "last_name": "B",
            "dob_month": month,
            "dob_day": day,
            "dob_year": year,
        },
        for_self=for_self,
    )
    form.is_valid()
    return [(anchor, message) for anchor, message in form.error_list if "dob" in anchor]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("", "", ""), [("id_dob_month", "Enter your date of birth.")]),
        ((" ", " ", " "), [("id_dob_month", "Enter your date of birth.")]),
        (("12345", "1", "12345"), [
            ("id_dob_month", "Date of birth must be a real date, written in numbers."),
            ("id_dob_year", "Date of birth must be a real date, written in numbers."),
        ]),
        (("", "2", ""), [("id_dob_month", "Date of birth must include a month.")]),
        (("3", "x", "1958"), [
            ("id_dob_day", "Date of birth must be a real date, written in numbers.")
        ]),
        (("3", "2", "958"), [("id_dob_year", "Year must include 4 numbers, for example 1958.")]),
        (("0", "2", "1958"), [("id_dob_month", "Month must be a number from 1 to 12.")]),
        (("2", "29", "1957"), [
            ("id_dob_day", "Date of birth must be a real date: check the day.")
        ]),
    ],
)  # fmt: skip
def test_date_of_birth_messages_name_their_input(parts, expected):
    assert _dob_errors(*parts) == expected


@pytest.mark.django_db
def test_date_of_birth_message_for_someone_else():
    assert _dob_errors("", "", "", for_self=False) == [
        ("id_dob_month", "Enter the patient's date of birth.")
    ]


def test_date_of_birth_field_compresses_to_a_date_and_back():
    field = DateOfBirthField()
    dob = field.clean(["3", "27", "1958"])
    assert dob == datetime.date(1958, 3, 27)
    assert field.widget.decompress(dob) == ["3", "27", "1958"]


@pytest.mark.django_db
def test_patient_step_stores_the_date_as_three_strings_and_renders_them():
    data = {"first_name": "A", "last_name": "B", "dob_month": "03", "dob_day": "7",
            "dob_year": "1958"}  # fmt: skip
    form = PatientForm(data=data)
    assert form.is_valid(), form.errors
    stored = form.stored_data()
    assert {k: stored[k] for k in PatientForm.DOB_PARTS} == {
        "dob_month": "3", "dob_day": "7", "dob_year": "1958"
    }  # fmt: skip
    html = str(PatientForm(data=stored)["date_of_birth"])
    for part, value in (("month", "3"), ("day", "7"), ("year", "1958")):
        assert f'name="dob_{part}"' in html and f'id="id_dob_{part}"' in html
        assert f'value="{value}"' in html


@pytest.mark.django_db
def test_a_date_of_birth_draft_is_bounded_per_input():
    form = PatientForm(data={"dob_month": "1" * 1000, "dob_day": "2", "junk": "y"})
    assert not form.is_valid()
    draft = form.draft()
    assert draft["dob_month"] == "11111" and draft["dob_day"] == "2"
    assert "junk" not in draft and "date_of_birth" not in draft
