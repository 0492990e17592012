"""Malformed requests answer 400 with one log line, never a 500 with a flood of tracebacks."""

import logging
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from contact.models import Registration
from tests.contact.flow import build_registration_site, valid_answers

NO_URGENCY = {"emergency_symptoms": "no", "in_hospital_now": "no"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def reg_site(settings):
    settings.REGISTRATION_MIN_FILL_SECONDS = 0
    return build_registration_site()


def browser_with_csrf_cookie(url):
    """A client that checks CSRF like a browser, after loading the page with the form."""
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    assert browser.get(url).status_code == 200
    return browser, browser.cookies["csrftoken"].value


def assert_one_line(caplog, reason, path):
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in records] == [f"Bad request refused ({reason}): {path}"]
    assert records[0].exc_info is None  # no traceback


def test_utf7_form_post_is_a_400_with_one_line(reg_site, caplog):
    url = reg_site.step_url("urgent")
    browser, token = browser_with_csrf_cookie(url)
    body = urlencode({**NO_URGENCY, "csrfmiddlewaretoken": token})
    with caplog.at_level(logging.INFO):
        response = browser.post(
            url, body, content_type="application/x-www-form-urlencoded; charset=utf-7"
        )
    assert response.status_code == 400
    assert_one_line(caplog, "unsupported charset", f"POST {url}")


def test_a_utf8_form_post_still_works(reg_site):
    url = reg_site.step_url("urgent")
    browser, token = browser_with_csrf_cookie(url)
    body = urlencode({**NO_URGENCY, "csrfmiddlewaretoken": token})
    response = browser.post(
        url, body, content_type="application/x-www-form-urlencoded; charset=UTF-8"
    )
    assert response.status_code == 302
    assert response.url == reg_site.step_url("who")


@pytest.mark.parametrize(
    ("content_type", "reason"),
    [
        ("application/x-www-form-urlencoded; charset=no-such-charset", "unknown charset"),
        ("application/x-www-form-urlencoded; charset=latin-1", "unsupported charset"),
        ("multipart/form-data; boundary=x; charset=utf-16", "unsupported charset"),
        ("text/plain; charset=utf-7", "unsupported charset"),
    ],
)
def test_other_unusable_charsets_are_refused(reg_site, caplog, content_type, reason):
    with caplog.at_level(logging.INFO):
        # generic() sends the bytes as they are, whatever the charset says.
        response = Client(raise_request_exception=False).generic(
            "POST", reg_site.url(), b"a=b", content_type=content_type
        )
    assert response.status_code == 400
    assert_one_line(caplog, reason, f"POST {reg_site.url()}")


def test_nul_in_a_public_query_string_is_a_400(reg_site, caplog):
    condition_url = reg_site.condition.url
    with caplog.at_level(logging.INFO):
        response = Client(raise_request_exception=False).get(condition_url + "?q=%00x")
    assert response.status_code == 400
    assert_one_line(caplog, "NUL in query string", f"GET {condition_url}")


def test_nul_in_a_query_parameter_name_or_the_path_is_a_400(reg_site, caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO):
        assert client.get(reg_site.url() + "?a%00=1").status_code == 400
        assert client.get("/conditions%00/").status_code == 400
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert messages == [
        f"Bad request refused (NUL in query string): GET {reg_site.url()}",
        "Bad request refused (NUL in path): GET /conditions\\x00/",
    ]


@pytest.mark.parametrize("parameter", ["q", "search"])
def test_nul_in_an_admin_search_is_a_400(superuser_client, caplog, parameter):
    url = reverse("wagtailadmin_pages:search")
    with caplog.at_level(logging.INFO):
        response = superuser_client.get(url, {parameter: "Zelphine\x00"})
    assert response.status_code == 400
    assert_one_line(caplog, "NUL in query string", f"GET {url}")
    assert "Zelphine" not in caplog.text


def test_nul_in_any_admin_query_parameter_is_a_400(superuser_client, caplog):
    url = reverse("wagtailadmin_home")
    with caplog.at_level(logging.INFO):
        response = superuser_client.get(url + "?search=%00")
    assert response.status_code == 400
    assert_one_line(caplog, "NUL in query string", f"GET {url}")


def test_nul_in_a_form_field_is_a_400_and_nothing_is_stored(reg_site, caplog):
    client = Client(raise_request_exception=False)
    answers = valid_answers(reg_site.condition.pk)
    client.post(reg_site.step_url("urgent"), answers["urgent"])
    client.post(reg_site.step_url("who"), answers["who"])
    patient = {**answers["patient"], "first_name": "Zel\x00phine"}
    with caplog.at_level(logging.INFO):
        response = client.post(reg_site.step_url("patient"), patient)
    assert response.status_code == 400
    assert_one_line(caplog, "NUL in form field", f"POST {reg_site.step_url('patient')}")
    assert "Zel" not in caplog.text
    assert Registration.objects.count() == 0


def test_nul_in_a_multipart_field_is_a_400(reg_site, caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO):
        response = client.post(
            reg_site.step_url("urgent"), {**NO_URGENCY, "emergency_symptoms": "n\x00o"}
        )
    assert response.status_code == 400  # the test client posts multipart by default
    assert_one_line(caplog, "NUL in form field", f"POST {reg_site.step_url('urgent')}")


def test_too_many_form_fields_is_a_400_with_one_line(reg_site, caplog, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    url = reg_site.step_url("urgent")
    browser, token = browser_with_csrf_cookie(url)
    body = urlencode({**{f"f{i}": "x" for i in range(20)}, "csrfmiddlewaretoken": token})
    with caplog.at_level(logging.INFO):
        response = browser.post(url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert_one_line(caplog, "unreadable form (TooManyFieldsSent)", f"POST {url}")
