"""The page cache for anonymous readers (core/page_cache): what it keeps and serves, what it
never keeps, the headers it sends, and that an outage of the shared cache costs no page."""

import gzip

import brotli
import pytest
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from core.page_cache import store
from core.page_cache.middleware import PageCacheMiddleware
from tests.contact.flow import build_registration_site

pytestmark = pytest.mark.django_db

REFUSED_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    return settings


@pytest.fixture
def reg_site(db):
    return build_registration_site()


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_an_anonymous_reader_gets_the_kept_copy_without_a_query(client, condition_page):
    first = client.get(condition_page.url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert cache_control(first) == {
        "public",
        "max-age=60",
        "s-maxage=600",
        "stale-while-revalidate=60",
    }
    assert first["Vary"] == "Cookie, Accept-Encoding"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(condition_page.url)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert "Deep, aching back pain" in second.text
    # The security headers of the rendered page travel with the copy.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "Set-Cookie" not in second


def test_the_copy_is_sent_compressed_to_clients_that_take_it(client, condition_page):
    plain = client.get(condition_page.url).content
    as_gzip = client.get(condition_page.url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert as_gzip["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.content) == plain
    as_br = client.get(condition_page.url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert as_br["Content-Encoding"] == "br"
    assert brotli.decompress(as_br.content) == plain
    assert int(as_br["Content-Length"]) == len(as_br.content) < len(plain) / 2
    refused = client.get(condition_page.url, HTTP_ACCEPT_ENCODING="br;q=0, gzip;q=0")
    assert "Content-Encoding" not in refused and refused.content == plain


def test_a_head_request_is_answered_from_the_copy_without_a_body(client, condition_page):
    client.get(condition_page.url)
    response = client.head(condition_page.url)
    assert response["X-Page-Cache"] == "hit" and response.content == b""


def test_signed_in_staff_never_get_or_leave_a_copy(client, superuser_client, condition_page):
    anonymous = Client()
    assert anonymous.get(condition_page.url)["X-Page-Cache"] == "miss"
    staff = superuser_client.get(condition_page.url)
    assert staff.status_code == 200
    assert "X-Page-Cache" not in staff
    assert "public" not in staff.get("Cache-Control", "")
    assert "private" in staff["Cache-Control"]
    assert anonymous.get(condition_page.url)["X-Page-Cache"] == "hit"


def test_a_reader_with_a_session_cookie_is_served_a_fresh_page(client, condition_page):
    client.get(condition_page.url)
    client.cookies["sessionid"] = "anything"
    response = client.get(condition_page.url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_a_query_string_is_never_answered_from_the_cache(client, condition_page):
    client.get(condition_page.url)
    response = client.get(condition_page.url + "?utm=1")
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_the_registration_flow_and_confirmation_are_never_kept(reg_site):
    reader = Client()
    for url in (reg_site.url(), reg_site.step_url("who"), reg_site.confirmation_url):
        for _attempt in range(2):
            fresh = Client()  # no cookie, so every request could have been a hit
            response = fresh.get(url)
            assert "X-Page-Cache" not in response, url
            assert "public" not in response.get("Cache-Control", ""), url
    assert store.Lookup(reg_site.url(), "identity").entry is None
    # The condition page links to the flow and is kept; the flow's own page still is not.
    assert reader.get(reg_site.condition.url)["X-Page-Cache"] == "miss"


def _middleware_response(page, make_response):
    request = RequestFactory().get("/some-page/")
    from django.contrib.auth.models import AnonymousUser

    def get_response(request):
        request.user = AnonymousUser()
        request.page_cache_page = page
        return make_response(request)

    return request, PageCacheMiddleware(get_response)(request)


def test_a_response_that_sets_a_cookie_is_never_kept(condition_page):
    def sets_cookie(request):
        response = HttpResponse("<p>Hello</p>", content_type="text/html")
        response.set_cookie("flavour", "oat")
        return response

    _request, response = _middleware_response(condition_page, sets_cookie)
    assert response.cookies["flavour"].value == "oat"
    assert "X-Page-Cache" not in response and "private" in response["Cache-Control"]
    assert store.Lookup("/some-page/", "identity").entry is None


def test_a_response_with_a_form_token_is_never_kept(condition_page):
    def with_token(request):
        token = get_token(request)
        html = f'<form><input type="hidden" name="csrfmiddlewaretoken" value="{token}"></form>'
        return HttpResponse(html, content_type="text/html")

    _request, response = _middleware_response(condition_page, with_token)
    assert "X-Page-Cache" not in response
    assert store.Lookup("/some-page/", "identity").entry is None

    def plain(request):
        return HttpResponse("<p>Hello</p>", content_type="text/html")

    _request, response = _middleware_response(condition_page, plain)
    assert response["X-Page-Cache"] == "miss"  # the same page without the token is kept
    assert store.Lookup("/some-page/", "identity").entry is not None


def test_an_outage_of_the_shared_cache_still_serves_every_page(settings, condition_page):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {"BACKEND": "core.cache.DegradingRedisCache", "LOCATION": REFUSED_URL},
    }
    client = Client(raise_request_exception=False)
    for _attempt in range(2):
        response = client.get(condition_page.url)
        assert response.status_code == 200
        assert "Deep, aching back pain" in response.text
        assert response["X-Page-Cache"] == "miss"  # nothing could be read or kept
    assert client.get("/").status_code == 200


def test_an_unknown_host_is_refused_even_when_a_copy_is_kept(client, condition_page):
    client.get(condition_page.url)
    assert client.get(condition_page.url)["X-Page-Cache"] == "hit"
    response = client.get(condition_page.url, HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "X-Page-Cache" not in response
