"""One client-address rule for every per-client limit (rate limit, sign-in lockout)."""

import pytest
from django.test import RequestFactory

from core.client_ip import client_ip

rf = RequestFactory()


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.1, 203.0.113.7", "10.0.0.1"),  # no trusted proxy: the socket
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "192.0.2.1, 203.0.113.7", "203.0.113.7"),  # a spoofed left-most value is ignored
        (1, " 192.0.2.1 ,, 203.0.113.7 ", "203.0.113.7"),
        (2, "192.0.2.1, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (1, None, "10.0.0.1"),  # missing header (bypassed the proxy): the socket
        (1, "", "10.0.0.1"),
        (2, "203.0.113.7", "10.0.0.1"),  # shorter than the trusted chain: the socket
    ],
)
def test_nth_address_from_the_right_or_the_socket(proxies, forwarded, expected):
    meta = {"REMOTE_ADDR": "10.0.0.1"}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(rf.get("/", **meta), proxies) == expected


def test_spoofed_values_never_change_the_address_behind_one_proxy():
    addresses = {
        client_ip(
            rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7"),
            1,
        )
        for n in range(8)
    }
    assert addresses == {"203.0.113.7"}


def test_no_address_at_all_is_empty():
    request = rf.get("/")
    request.META.pop("REMOTE_ADDR", None)
    assert client_ip(request, 1) == ""
