"""Security headers as served: a strict Content-Security-Policy on every public template and
every page of the registration flow, a workable one in the Wagtail admin, Permissions-Policy
and Cross-Origin-Opener-Policy everywhere, and the CSP violation report endpoint."""

import base64
import hashlib
import json
import logging
import re

import pytest
from django.test import Client
from django.urls import path, reverse

from contact.models import Registration
from tests.contact.flow import STEPS, build_registration_site, submit, valid_answers
from tests.core.form_helpers import edit_form_data

pytestmark = pytest.mark.django_db

PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "report-uri": ["/csp-report/"],
}
SWITCHED_OFF = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]


def parse_policy(header):
    policy = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *values = directive.split()
        assert name not in policy, f"{name} twice in {header}"
        policy[name] = values
    return policy


def inline_code(html):
    """Inline style or script in a page: what the policy would block. A JSON-LD data block
    (<script type="application/ld+json">) is data the browser never runs, so it is not."""
    found = re.findall(r"<[^>]+\sstyle\s*=", html, flags=re.IGNORECASE)
    found += re.findall(r"<style\b", html, flags=re.IGNORECASE)
    found += re.findall(
        r'<script\b(?![^>]*\bsrc=)(?!\s+type="application/ld\+json">)[^>]*>',
        html,
        flags=re.IGNORECASE,
    )
    found += re.findall(r"<[^>]+\son[a-z]+\s*=", html, flags=re.IGNORECASE)
    found += re.findall(r"javascript:", html, flags=re.IGNORECASE)
    return found


def assert_public_headers(response, name):
    assert parse_policy(response["Content-Security-Policy"]) == PUBLIC_POLICY, name
    assert "Content-Security-Policy-Report-Only" not in response, name
    permissions = response["Permissions-Policy"]
    for feature in SWITCHED_OFF:
        assert f"{feature}=()" in permissions, (name, feature)
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", name
    assert response["Referrer-Policy"] == "same-origin", name
    assert response["X-Frame-Options"] == "DENY", name
    assert inline_code(response.content.decode()) == [], name


@pytest.fixture
def public_site(settings):
    settings.REGISTRATION_MIN_FILL_SECONDS = 0
    return build_registration_site()


def served_public_pages(site, django_capture_on_commit_callbacks):
    """(name, response) for every public template type, the whole flow included."""
    client = Client()
    pages = [
        ("home", client.get("/")),
        ("service line", client.get(site.tree.service_line.url)),
        ("condition", client.get(site.condition.url)),
        ("A-Z index", client.get(site.tree.condition_index.url)),
        ("standard page", client.get(site.privacy_page.url)),
        ("registration start", client.get(site.url())),
    ]
    answers = valid_answers(site.condition.pk)
    for slug in STEPS:
        pages.append((f"step {slug}", client.get(site.step_url(slug))))
        client.post(site.step_url(slug), answers[slug])
    pages.append(("check answers", client.get(site.check_url)))
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, site).status_code == 302
    assert Registration.objects.count() == 1
    pages.append(("confirmation", client.get(site.confirmation_url)))
    pages.append(("404", client.get("/no-such-page/")))
    pages.append(
        ("CSRF failure", Client(enforce_csrf_checks=True).post(site.check_url, {"flow": "x"}))
    )
    return pages


def test_every_public_template_and_flow_page_has_the_strict_policy(
    public_site, django_capture_on_commit_callbacks
):
    pages = served_public_pages(public_site, django_capture_on_commit_callbacks)
    statuses = {name: response.status_code for name, response in pages}
    assert statuses == {
        **{name: 200 for name, _response in pages},
        "404": 404,
        "CSRF failure": 403,
    }
    for name, response in pages:
        assert_public_headers(response, name)


def test_bad_request_responses_carry_the_headers_too(public_site):
    response = Client().get("/", {"q": "\x00"})
    assert response.status_code == 400
    assert parse_policy(response["Content-Security-Policy"]) == PUBLIC_POLICY
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def raise_error(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", raise_error)]


def test_server_error_page_style_is_allowed_by_its_hash_only(settings, db):
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    styles = re.findall(r"<style>(.*?)</style>", html, flags=re.DOTALL)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    policy = parse_policy(response["Content-Security-Policy"])
    assert policy == {**PUBLIC_POLICY, "style-src": ["'self'", f"'sha256-{digest}'"]}


def test_admin_policy_enforces_framing_forms_base_and_plugins(superuser_client):
    response = superuser_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    enforced = parse_policy(response["Content-Security-Policy"])
    assert enforced == {
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "report-uri": ["/csp-report/"],
    }
    # The strict public policy, report-only (frame-ancestors is ignored there; no reports).
    report_only = parse_policy(response["Content-Security-Policy-Report-Only"])
    dropped = ("frame-ancestors", "report-uri")
    assert report_only == {k: v for k, v in PUBLIC_POLICY.items() if k not in dropped}
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_admin_preview_may_be_framed_by_the_admin_only(superuser_client, site_tree):
    page = site_tree.service_line
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = edit_form_data(superuser_client, page)
    posted = superuser_client.post(preview_url, data)
    assert json.loads(posted.content) == {"is_valid": True, "is_available": True}

    response = superuser_client.get(preview_url, {"in_preview_panel": "true"})
    assert response.status_code == 200
    assert page.title in response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # The preview is the public page under the public policy, framable by the admin only.
    policy = parse_policy(response["Content-Security-Policy"])
    assert policy == {**PUBLIC_POLICY, "frame-ancestors": ["'self'"]}
    # The page itself stays framable by nobody.
    live = Client().get(page.url)
    assert parse_policy(live["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


def test_report_endpoint_logs_one_line_without_query_strings(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://example.org/register/step/patient/?name=Zelphine",
            "referrer": "https://example.org/?q=Quargrave",
            "violated-directive": "script-src-elem",
            "effective-directive": "script-src-elem",
            "original-policy": "default-src 'self'",
            "disposition": "enforce",
            "blocked-uri": "https://evil.example/x.js?token=Zelphine",
            "status-code": 200,
        }
    }
    with caplog.at_level(logging.INFO):
        response = client.post(
            "/csp-report/", json.dumps(report), content_type="application/csp-report"
        )
    assert response.status_code == 204
    assert len(caplog.records) == 1
    record = caplog.records[0]
    assert record.levelno == logging.WARNING
    assert record.getMessage() == (
        "CSP violation (enforce): script-src-elem blocked https://evil.example/x.js "
        "on /register/step/patient/"
    )
    assert "Zelphine" not in caplog.text and "Quargrave" not in caplog.text
    # No session or CSRF cookie for a report.
    assert not response.cookies


def test_report_endpoint_accepts_the_reporting_api_format(client, caplog):
    reports = [
        {
            "type": "csp-violation",
            "url": "https://example.org/?q=x",
            "body": {
                "documentURL": "https://example.org/conditions/?q=Zelphine",
                "effectiveDirective": "style-src-attr",
                "blockedURL": "inline",
                "disposition": "report",
            },
        }
    ]
    with caplog.at_level(logging.INFO):
        response = client.post(
            "/csp-report/", json.dumps(reports), content_type="application/reports+json"
        )
    assert response.status_code == 204
    assert [r.getMessage() for r in caplog.records] == [
        "CSP violation (report): style-src-attr blocked inline on /conditions/"
    ]
    assert caplog.records[0].levelno == logging.INFO


@pytest.mark.parametrize(
    ("method", "body", "status"),
    [("get", None, 405), ("post", "not json", 400), ("post", "x" * 20000, 413)],
    ids=["get", "not-json", "too-big"],
)
def test_report_endpoint_refuses_what_is_not_a_report(client, caplog, method, body, status):
    with caplog.at_level(logging.INFO, logger="core.csp"):
        if method == "get":
            response = client.get("/csp-report/")
        else:
            response = client.post("/csp-report/", body, content_type="application/csp-report")
    assert response.status_code == status
    assert not [r for r in caplog.records if r.name == "core.csp"]
