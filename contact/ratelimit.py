"""How many registrations one client may send per window, counted in the shared cache.

A unit is one registration flow, not one POST: a double click, a second tab or a resent form of
the same flow never uses a second unit, so a patient whose registration was saved is never told
to try again later. The client is the address ``core.client_ip`` finds behind
``REGISTRATION_TRUSTED_PROXY_COUNT`` trusted proxies (README, "Production").
"""

import contextlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.utils.connection import ConnectionProxy
from django.utils.crypto import salted_hmac

from core.client_ip import client_ip as trusted_client_ip

logger = logging.getLogger(__name__)

# Rate-limit counters must be the same for every worker process: the "shared" cache alias.
cache = ConnectionProxy(caches, "shared")


def client_ip(request):
    """The client address behind ``REGISTRATION_TRUSTED_PROXY_COUNT`` trusted proxies."""
    return trusted_client_ip(request, getattr(settings, "REGISTRATION_TRUSTED_PROXY_COUNT", 0))


def _keys(request, flow_id):
    # The address is personal data too: only keyed hashes of it go into the cache.
    address = client_ip(request)
    client_key = "registration-rate:" + salted_hmac("registration-rate", address).hexdigest()
    flow_key = (
        "registration-rate-flow:"
        + salted_hmac("registration-rate-flow", f"{address}|{flow_id}").hexdigest()
    )
    return client_key, flow_key


def _give_back(key):
    with contextlib.suppress(ValueError):  # the window ended meanwhile: nothing to give back
        cache.decr(key)


def rate_limit_exceeded(request, flow_id):
    """Whether this client has used its allowance; counts `flow_id` once (atomic in the cache).

    A refused post uses no unit, so the same answers can be sent once the window has passed.
    """
    limit = getattr(settings, "REGISTRATION_RATE_LIMIT", 5)
    window = getattr(settings, "REGISTRATION_RATE_WINDOW_SECONDS", 3600)
    if not limit or limit <= 0:
        return False
    client_key, flow_key = _keys(request, flow_id)
    try:
        if cache.get(flow_key) is not None:
            return False  # this flow already holds its unit
        cache.add(client_key, 0, timeout=window)
        try:
            count = cache.incr(client_key)
        except ValueError:  # expired between add and incr
            cache.add(client_key, 1, timeout=window)
            count = 1
        if count > limit:
            _give_back(client_key)
            # A concurrent post of this same flow may have taken the flow's unit meanwhile.
            return cache.get(flow_key) is None
        if not cache.add(flow_key, 1, timeout=window):
            _give_back(client_key)  # a concurrent post of this flow counted it first
    except Exception as error:  # noqa: BLE001 - a cache outage must not lose a registration
        logger.warning("Registration rate limit unavailable (%s); allowing.", type(error).__name__)
        return False
    return False
