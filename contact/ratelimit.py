"""How many registrations one client may send per hour, counted in the shared cache."""

import logging

from django.conf import settings
from django.core.cache import caches
from django.utils.connection import ConnectionProxy
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

# Rate-limit counters must be the same for every worker process: the "shared" cache alias.
cache = ConnectionProxy(caches, "shared")


def client_ip(request):
    """The client address; behind N trusted proxies, the Nth address from the right."""
    proxies = getattr(settings, "REGISTRATION_TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.headers.get("X-Forwarded-For", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def rate_limit_exceeded(request):
    """Count this submission against the client's hourly allowance (atomic in the cache)."""
    limit = getattr(settings, "REGISTRATION_RATE_LIMIT", 5)
    window = getattr(settings, "REGISTRATION_RATE_WINDOW_SECONDS", 3600)
    if not limit or limit <= 0:
        return False
    # The address is personal data too: only a keyed hash of it goes into the cache.
    key = "registration-rate:" + salted_hmac("registration-rate", client_ip(request)).hexdigest()
    try:
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)
            count = 1
    except Exception as error:  # noqa: BLE001 - a cache outage must not lose a registration
        logger.warning("Registration rate limit unavailable (%s); allowing.", type(error).__name__)
        return False
    return count > limit
