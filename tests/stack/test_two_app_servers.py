"""Several app servers on one database, one cache, one HTTP cache (deploy/stack.py): a change
published through app server A's admin is what readers get at once through Varnish and through
app server B. Starts the real stack (PostgreSQL, Redis, Varnish, two gunicorns, the worker);
skips with the reason when this machine cannot run it (CI installs Varnish: .ci/run)."""

import os
import re
import secrets
import time

import pytest

from deploy.stack import HTTPS, Browser, Stack, varnish_missing_reason

pytestmark = pytest.mark.stack

CONDITION = "/spinal-tumor-program/spinal-metastases/"
SERVICE_LINE = "/spinal-tumor-program/"
PROPAGATION_SECONDS = 10  # the worker sends the PURGE; it polls every 0.2 s


def _unreachable(stack):
    import redis

    try:
        stack.server_connection().close()
    except Exception as error:  # noqa: BLE001 - psycopg 3 or psycopg2: any error means "no"
        return f"PostgreSQL is not reachable ({type(error).__name__})"
    try:
        redis.Redis.from_url(stack.redis_url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        return f"Redis is not reachable ({type(error).__name__})"
    return None


@pytest.fixture(scope="module")
def stack():
    reason = varnish_missing_reason()
    if reason and not os.environ.get("CI"):
        pytest.skip(f"The stack cannot run here: {reason}.")
    stack = Stack()
    reason = _unreachable(stack)
    if reason and not os.environ.get("CI"):
        pytest.skip(f"The stack cannot run here: {reason}.")
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()  # also when a server did not come up: nothing is left running


def reader_get(base_url, path):
    import requests

    return requests.get(base_url + path, headers=HTTPS, allow_redirects=False, timeout=30)


def shell(stack, code):
    out = stack.manage("shell", "-c", code, capture=True).stdout
    return out.strip().splitlines()[-1] if out.strip() else ""


def eventually(check, seconds=PROPAGATION_SECONDS):
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.1)


def test_a_change_published_on_a_is_read_at_once_through_varnish_and_b(stack):
    password = secrets.token_urlsafe(16)
    page_id = int(
        shell(
            stack,
            "from users.models import User; from conditions.models import ConditionPage\n"
            "u, _ = User.objects.get_or_create(username='stack-editor', defaults={'email': "
            "'stack-editor@example.org', 'is_superuser': True, 'is_staff': True})\n"
            f"u.is_superuser = u.is_staff = True; u.set_password({password!r}); u.save()\n"
            f"print(ConditionPage.objects.get(url_path__endswith={CONDITION!r}).pk)",
        )
    )
    varnish, server_b = stack.varnish_url, stack.app_url(1)
    # Readers warm both caches with the page as it is.
    for _ in range(2):
        through_varnish = reader_get(varnish, CONDITION)
        from_b = reader_get(server_b, CONDITION)
    assert through_varnish.headers["X-Cache"] == "HIT"
    assert from_b.headers["X-Page-Cache"] == "hit"
    original_title = re.search(r"<h1>([^<]+)</h1>", from_b.text).group(1)

    # An editor saves a draft with a new title, then a moderator publishes it on server A.
    new_title = f"Spinal metastases ({secrets.token_hex(3)})"
    shell(
        stack,
        "from conditions.models import ConditionPage\n"
        f"page = ConditionPage.objects.get(pk={page_id}); page.title = {new_title!r}\n"
        "page.save_revision()",
    )
    admin = Browser(stack.app_url(0))
    signed_in = admin.post_form("/admin/login/", {"username": "stack-editor", "password": password})
    assert signed_in.status_code == 302, signed_in.text[:500]
    published = admin.post_form(
        f"/admin/bulk/wagtailcore/page/publish/?id={page_id}", {"include_descendants": ""}
    )
    assert published.status_code in (200, 302)

    try:
        for base_url in (varnish, server_b):
            for path in (CONDITION, SERVICE_LINE):
                assert eventually(lambda b=base_url, p=path: new_title in reader_get(b, p).text), (
                    base_url,
                    path,
                )
        # Unpublishing on A: gone at once through Varnish and on B, page and listing.
        unpublished = admin.post_form(f"/admin/pages/{page_id}/unpublish/", {})
        assert unpublished.status_code == 302
        for base_url in (varnish, server_b):
            assert eventually(lambda b=base_url: reader_get(b, CONDITION).status_code == 404)
            assert eventually(lambda b=base_url: new_title not in reader_get(b, SERVICE_LINE).text)
    finally:
        shell(
            stack,
            "from conditions.models import ConditionPage\n"
            f"page = ConditionPage.objects.get(pk={page_id}); page.title = {original_title!r}\n"
            "page.save_revision().publish()",
        )
