"""Property-based tests: whatever is posted to any step, the flow never answers with a 500."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contact.forms import FORMS_BY_SLUG, PatientForm
from contact.models import Registration
from tests.contact.flow import STEPS, fill_steps, session_flow, valid_answers

pytestmark = pytest.mark.django_db

# Text that can travel in a form post: anything but lone surrogates, which no client can encode.
any_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300)
huge_text = st.builds(
    lambda char, size: char * size,
    st.characters(exclude_categories=["Cs"]),
    st.integers(min_value=1_000, max_value=300_000),
)
value = st.one_of(
    any_text,
    huge_text,
    st.sampled_from(["", " ", "\x00", "yes", "no", "on", "not_sure", "-1", "0", "1e9", "NaN"]),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.lists(any_text, max_size=4),
)


def step_data(slug):
    # The names posted: the date of birth is three inputs (dob_month, dob_day, dob_year).
    names = [*FORMS_BY_SLUG[slug]().data_keys_all(), "website", "flow", "csrfmiddlewaretoken"]
    keys = st.one_of(st.sampled_from(names), any_text.filter(bool))
    return st.dictionaries(keys, value, max_size=len(names) + 3)


hypothesis_settings = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def ensure_flow(client, site, upto):
    """Answer the steps before `upto` validly, if a previous example cleared the flow."""
    flow = session_flow(client)
    answers = flow.get("answers", {})
    missing = [slug for slug in STEPS[: STEPS.index(upto)] if slug not in answers]
    if missing:
        fill_steps(client, site, valid_answers(site.condition.pk), steps=STEPS[: STEPS.index(upto)])


@pytest.mark.parametrize("slug", STEPS)
@hypothesis_settings
@given(data=st.data())
def test_arbitrary_posts_to_a_step_never_fail(client, reg_site, slug, data):
    ensure_flow(client, reg_site, slug)
    payload = data.draw(step_data(slug))
    query = data.draw(st.sampled_from(["", "?change=1", "?change=", "?change=1&x=%00"]))
    response = client.post(reg_site.step_url(slug) + query, payload)
    assert response.status_code < 500
    # A GET afterwards still renders whatever was (or was not) stored.
    assert client.get(reg_site.step_url(slug)).status_code < 500


@hypothesis_settings
@given(payload=step_data("visit"), query=any_text)
def test_arbitrary_posts_to_check_and_start_never_fail(client, reg_site, payload, query):
    ensure_flow(client, reg_site, "visit")
    for url in (reg_site.check_url, reg_site.url(), reg_site.confirmation_url):
        assert client.post(url, payload).status_code < 500
    assert client.get(reg_site.url(), {"condition": query}).status_code < 500
    assert client.get(reg_site.check_url).status_code < 500
    # The flow id is never guessable from junk, so nothing was registered.
    assert Registration.objects.count() == 0


@hypothesis_settings
@given(slug=st.sampled_from(STEPS), payload=st.data())
def test_arbitrary_posts_without_a_session_never_fail(client, reg_site, slug, payload):
    client.cookies.clear()
    response = client.post(reg_site.step_url(slug), payload.draw(step_data(slug)))
    assert response.status_code < 500


@settings(max_examples=300, deadline=None)
@given(
    month=st.one_of(st.integers(-5, 20).map(str), any_text),
    day=st.one_of(st.integers(-5, 40).map(str), any_text),
    year=st.one_of(st.integers(0, 9999).map(str), any_text),
)
def test_accepted_dates_of_birth_are_real_and_in_range(month, day, year):
    form = PatientForm(
        data={
            "first_name": "A",
            "last_name": "B",
            "dob_month": month,
            "dob_day": day,
            "dob_year": year,
        }
    )
    if form.is_valid():
        dob = form.cleaned_data["date_of_birth"]
        today = datetime.date.today()
        assert dob <= today
        assert dob.year >= today.year - 121
    else:
        # Every rejection carries a message people can act on, shown with the date fields.
        assert form.dob_errors or set(form.errors) - {"date_of_birth"}
