"""Every validation rule: a clear message next to the field, a linked summary, nothing stored."""

import datetime
import re

import pytest

from conditions.factories import ConditionPageFactory
from contact.models import Registration
from tests.contact.flow import (
    dob_years_ago,
    fill_steps,
    session_flow,
    steps_before,
    valid_answers,
)

pytestmark = pytest.mark.django_db


def post_step(client, site, slug, changes, drop=()):
    """Fill earlier steps validly, then POST `slug` with its valid answers plus `changes`.
    The caregiver's and the language steps are reached with answers that ask them."""
    answers = valid_answers(
        site.condition.pk,
        caregiver=slug == "caregiver",
        interpreter="Haitian Creole" if slug == "language" else "",
    )
    fill_steps(client, site, answers, steps=steps_before(slug, answers))
    data = {**answers[slug], **changes}
    for name in drop:
        data.pop(name, None)
    response = client.post(site.step_url(slug), data)
    if response.status_code == 302 and response.url == site.step_url(slug):
        # Errors are shown by the GET the POST redirects to (Post/Redirect/Get).
        return client.get(response.url)
    return response


def assert_field_error(response, anchor, message, field_id=None):
    """The error shows in the summary (linked to the input) and next to the field."""
    assert response.status_code == 200
    body = response.content.decode()
    field_id = field_id or re.sub(r"_\d+$", "", anchor)
    assert '<div class="reg-error-summary" role="alert"' in body
    summary = body.split('class="reg-error-summary"')[1].split("</div>")[0]
    assert "There is a problem" in summary
    assert f'<a href="#{anchor}">{message}</a>' in summary, summary
    assert f'<p class="reg-error" id="{field_id}-error">{message}</p>' in body
    # The input points at its message and is marked invalid.
    tag = re.search(rf'<(input|select|textarea)[^>]*id="{anchor}"[^>]*>', body)
    assert tag, anchor
    assert 'aria-invalid="true"' in tag.group(0)
    assert f"{field_id}-error" in re.search(r'aria-describedby="([^"]*)"', tag.group(0)).group(1)
    assert body.count("<title>Error: ") == 1


def assert_nothing_stored(client, slug):
    assert Registration.objects.count() == 0
    assert slug not in session_flow(client)["answers"]


# --- Who is filling it in ------------------------------------------------------------------


def test_who_is_required(client, reg_site):
    response = post_step(client, reg_site, "who", {}, drop=["submitted_by"])
    assert_field_error(
        response,
        "id_submitted_by_0",
        "Select who is filling in this form.",
        field_id="id_submitted_by",
    )
    assert_nothing_stored(client, "who")


def test_caregiver_name_and_relationship_required(client, reg_site):
    response = post_step(
        client, reg_site, "caregiver", {}, drop=["submitter_name", "submitter_relationship"]
    )
    assert_field_error(response, "id_submitter_name", "Enter your full name.")
    assert_field_error(
        response, "id_submitter_relationship", "Enter your relationship to the patient."
    )
    assert_nothing_stored(client, "caregiver")


def test_unknown_choice_is_rejected(client, reg_site):
    response = post_step(client, reg_site, "who", {"submitted_by": "robot"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert_nothing_stored(client, "who")


# --- About the patient ---------------------------------------------------------------------


@pytest.mark.parametrize("field", ["first_name", "last_name"])
def test_names_required(client, reg_site, field):
    response = post_step(client, reg_site, "patient", {field: "   "})
    word = "first" if field == "first_name" else "last"
    assert_field_error(response, f"id_{field}", f"Enter your {word} name.")
    assert_nothing_stored(client, "patient")


def _dob(date):
    return {"dob_month": str(date.month), "dob_day": str(date.day), "dob_year": str(date.year)}


@pytest.mark.parametrize(
    ("dob", "anchor", "message"),
    [
        (
            {"dob_month": "", "dob_day": "", "dob_year": ""},
            "id_dob_month",
            "Enter your date of birth.",
        ),
        (
            {"dob_month": "3", "dob_day": "", "dob_year": "1958"},
            "id_dob_day",
            "Date of birth must include a day.",
        ),
        (
            {"dob_month": "", "dob_day": "2", "dob_year": "1958"},
            "id_dob_month",
            "Date of birth must include a month.",
        ),
        (
            {"dob_month": "3", "dob_day": "2", "dob_year": ""},
            "id_dob_year",
            "Date of birth must include a year.",
        ),
        (
            {"dob_month": "13", "dob_day": "2", "dob_year": "1958"},
            "id_dob_month",
            "Month must be a number from 1 to 12.",
        ),
        (
            {"dob_month": "2", "dob_day": "30", "dob_year": "1958"},
            "id_dob_day",
            "Date of birth must be a real date: check the day.",
        ),
        (
            {"dob_month": "March", "dob_day": "2", "dob_year": "1958"},
            "id_dob_month",
            "Date of birth must be a real date, written in numbers.",
        ),
        (
            {"dob_month": "3", "dob_day": "2", "dob_year": "58"},
            "id_dob_year",
            "Year must include 4 numbers, for example 1958.",
        ),
        (
            {"dob_month": "3", "dob_day": "2", "dob_year": "١٩٥٨"},
            "id_dob_year",
            "Date of birth must be a real date, written in numbers.",
        ),
    ],
)
def test_invalid_dates_of_birth(client, reg_site, dob, anchor, message):
    response = post_step(client, reg_site, "patient", dob)
    assert_field_error(response, anchor, message, field_id="id_dob")
    body = response.content.decode()
    # All three inputs share the hint and the message.
    for part in ("month", "day", "year"):
        tag = re.search(rf'<input[^>]*id="id_dob_{part}"[^>]*>', body).group(0)
        assert 'aria-describedby="id_dob-hint id_dob-error"' in tag
    assert_nothing_stored(client, "patient")


def test_future_date_of_birth(client, reg_site):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = post_step(client, reg_site, "patient", _dob(tomorrow))
    assert_field_error(
        response, "id_dob_year", "Date of birth must be in the past.", field_id="id_dob"
    )
    assert_nothing_stored(client, "patient")


def test_date_of_birth_over_120_years_ago(client, reg_site):
    response = post_step(client, reg_site, "patient", _dob(dob_years_ago(121)))
    assert_field_error(
        response,
        "id_dob_year",
        "Check the year: the date of birth must be less than 120 years ago.",
        field_id="id_dob",
    )
    assert_nothing_stored(client, "patient")


@pytest.mark.parametrize("date", [dob_years_ago(120), datetime.date.today()])
def test_date_of_birth_boundaries_accepted(client, reg_site, date):
    response = post_step(client, reg_site, "patient", _dob(date))
    assert response.status_code == 302


def test_sex_is_optional_and_explained(client, reg_site):
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, reg_site, answers, steps=["urgent", "who"])
    body = client.get(reg_site.step_url("patient")).content.decode()
    assert "Your sex (optional)" in body
    assert reg_site.registration_page.sex_reason in body
    response = post_step(client, reg_site, "patient", {}, drop=["sex"])
    assert response.status_code == 302


# --- Contact -------------------------------------------------------------------------------


@pytest.mark.parametrize("phone", ["123", "phone me", "555-0123", "+1 000 000 0000", "1" * 20])
def test_invalid_phone(client, reg_site, phone):
    response = post_step(client, reg_site, "contact", {"phone": phone})
    assert_field_error(
        response,
        "id_phone",
        "Enter a phone number we can call, like 617-555-0123, including the area code.",
    )
    assert_nothing_stored(client, "contact")


def test_phone_required(client, reg_site):
    response = post_step(client, reg_site, "contact", {"phone": ""})
    assert_field_error(response, "id_phone", "Enter a phone number.")


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("(617) 555-0123", "+16175550123"),
        ("617.555.0123", "+16175550123"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_phone_stored_normalised(client, reg_site, django_capture_on_commit_callbacks, typed, e164):
    answers = valid_answers(reg_site.condition.pk)
    answers["contact"]["phone"] = typed
    fill_steps(client, reg_site, answers)
    from tests.contact.flow import submit

    with django_capture_on_commit_callbacks(execute=True):
        submit(client, reg_site)
    assert Registration.objects.get().phone == e164


def test_email_required_when_email_preferred(client, reg_site):
    response = post_step(
        client, reg_site, "contact", {"preferred_contact_method": "email", "email": ""}
    )
    assert_field_error(
        response, "id_email", "Enter an email address, or choose another way for us to contact you."
    )
    assert_nothing_stored(client, "contact")


def test_email_optional_otherwise(client, reg_site):
    response = post_step(client, reg_site, "contact", {"email": ""})
    assert response.status_code == 302


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "name@@example.org"])
def test_invalid_email(client, reg_site, email):
    response = post_step(client, reg_site, "contact", {"email": email})
    assert_field_error(response, "id_email", "Enter an email address like name@example.com.")


@pytest.mark.parametrize("state", ["", "ZZ", "Massachusetts", "ma"])
def test_state_must_be_from_the_list(client, reg_site, state):
    response = post_step(client, reg_site, "contact", {"state": state})
    message = "Select the state you live in." if not state else "Select a state from the list."
    assert_field_error(response, "id_state", message)
    assert_nothing_stored(client, "contact")


def test_state_is_a_select_of_us_states(client, reg_site):
    fill_steps(
        client, reg_site, valid_answers(reg_site.condition.pk), steps=steps_before("contact")
    )
    body = client.get(reg_site.step_url("contact")).content.decode()
    select = body.split('<select name="state"')[1].split("</select>")[0]
    assert select.count("<option") == 1 + 50 + 1 + 5  # prompt, states, DC, territories
    assert '<option value="WY">Wyoming</option>' in select


@pytest.mark.parametrize("zip_code", ["1234", "123456", "ABCDE", "02115-12", "02115-", "0211S"])
def test_invalid_zip(client, reg_site, zip_code):
    response = post_step(client, reg_site, "contact", {"zip_code": zip_code})
    assert_field_error(
        response, "id_zip_code", "Enter a ZIP code with 5 digits, like 02115, or ZIP+4."
    )
    assert_nothing_stored(client, "contact")


@pytest.mark.parametrize(
    ("zip_code", "stored"),
    [
        ("02115", "02115"),
        ("02115-1234", "02115-1234"),
        ("021151234", "02115-1234"),
        (" 02115 ", "02115"),
    ],
)
def test_valid_zip_normalised(client, reg_site, zip_code, stored):
    response = post_step(client, reg_site, "contact", {"zip_code": zip_code})
    assert response.status_code == 302
    assert session_flow(client)["answers"]["contact"]["zip_code"] == stored


def test_interpreter_language_required_when_needed(client, reg_site):
    # "Yes" asks which language on its own page (no script needed to reveal it).
    response = post_step(client, reg_site, "contact", {"interpreter_needed": "yes"})
    assert response.status_code == 302 and response.url == reg_site.step_url("language")
    response = post_step(client, reg_site, "language", {"interpreter_language": " "})
    assert_field_error(response, "id_interpreter_language", "Enter the language you need.")
    response = post_step(client, reg_site, "language", {"interpreter_language": "Haitian Creole"})
    assert response.status_code == 302 and response.url == reg_site.step_url("medical")


# --- Medical -------------------------------------------------------------------------------


def test_condition_must_be_live(client, reg_site):
    draft = ConditionPageFactory(parent=reg_site.tree.service_line, title="Chordoma", live=False)
    for value in (str(draft.pk), str(reg_site.tree.service_line.pk), "abc", ""):
        response = post_step(client, reg_site, "medical", {"condition": value})
        message = (
            "Select a condition, or select &#x27;Not sure&#x27;."
            if value == ""
            else "Select a condition from the list, or select &#x27;Not sure&#x27;."
        )
        assert_field_error(response, "id_condition", message)
        assert_nothing_stored(client, "medical")


def test_unpublished_condition_sends_the_patient_back(client, reg_site):
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk))
    reg_site.condition.unpublish()
    response = client.get(reg_site.check_url)
    assert response.status_code == 302 and response.url == reg_site.step_url("medical")
    body = client.get(response.url).content.decode()
    assert "Select a condition from the list" in body


def test_medical_questions_required(client, reg_site):
    response = post_step(client, reg_site, "medical", {}, drop=["biopsy_confirmed"])
    assert response.status_code == 200
    assert 'href="#id_biopsy_confirmed_0"' in response.content.decode()
    assert_nothing_stored(client, "medical")


@pytest.mark.parametrize("field", ["in_hospital_now", "emergency_symptoms"])
def test_urgent_questions_required(client, reg_site, field):
    response = post_step(client, reg_site, "urgent", {}, drop=[field])
    assert response.status_code == 200
    assert f'href="#id_{field}_0"' in response.content.decode()
    assert_nothing_stored(client, "urgent")


# --- Visit and consent ---------------------------------------------------------------------


def test_consent_required(client, reg_site):
    response = post_step(client, reg_site, "visit", {}, drop=["consent_to_contact"])
    assert_field_error(
        response, "id_consent_to_contact", "You must agree to be contacted so we can help you."
    )
    assert_nothing_stored(client, "visit")


def test_visit_type_required(client, reg_site):
    response = post_step(client, reg_site, "visit", {}, drop=["visit_type"])
    assert 'href="#id_visit_type_0"' in response.content.decode()
    assert_nothing_stored(client, "visit")


# --- Lengths -------------------------------------------------------------------------------

TEXT_FIELDS = [
    ("caregiver", "submitter_name", {}),
    ("caregiver", "submitter_relationship", {}),
    ("patient", "first_name", {}),
    ("patient", "last_name", {}),
    ("language", "interpreter_language", {}),
    ("medical", "current_treatment", {}),
    ("medical", "referring_physician", {}),
    ("medical", "insurance_provider", {}),
    ("visit", "message", {}),
]


@pytest.mark.parametrize(("slug", "field", "extra"), TEXT_FIELDS)
def test_text_length_limits_match_the_model(client, reg_site, slug, field, extra):
    limit = Registration._meta.get_field(field).max_length
    assert limit
    too_long = post_step(client, reg_site, slug, {**extra, field: "x" * (limit + 1)})
    assert too_long.status_code == 200
    body = too_long.content.decode()
    assert f"Ensure this value has at most {limit} characters" in body
    assert f'maxlength="{limit}"' in body
    assert_nothing_stored(client, slug)
    just_right = post_step(client, reg_site, slug, {**extra, field: "x" * limit})
    assert just_right.status_code == 302


def test_email_and_phone_lengths_match_the_model(client, reg_site):
    email_limit = Registration._meta.get_field("email").max_length
    long_email = "a" * (email_limit - len("@example.org") + 1) + "@example.org"
    response = post_step(client, reg_site, "contact", {"email": long_email})
    assert response.status_code == 200
    assert_nothing_stored(client, "contact")
    phone_limit = Registration._meta.get_field("phone").max_length
    response = post_step(client, reg_site, "contact", {"phone": "6" * (phone_limit + 1)})
    assert f"at most {phone_limit} characters" in response.content.decode()


def test_error_summary_lists_every_error_in_field_order(client, reg_site):
    response = post_step(
        client,
        reg_site,
        "contact",
        {"phone": "", "state": "", "zip_code": "x"},
        drop=["preferred_contact_method"],
    )
    body = response.content.decode()
    summary = body.split('class="reg-error-summary"')[1].split("</ul>")[0]
    anchors = re.findall(r'href="#([^"]+)"', summary)
    assert anchors == ["id_phone", "id_preferred_contact_method_0", "id_state", "id_zip_code"]
    # The summary comes before the form, at the top of the content.
    assert body.index("reg-error-summary") < body.index('<form class="reg-form"')
