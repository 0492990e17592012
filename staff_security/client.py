"""The client address that django-axes counts sign-in failures against."""

from django.conf import settings

from core.client_ip import client_ip as trusted_client_ip


def client_ip(request):
    """The address ``core.client_ip`` finds behind ``AXES_IPWARE_PROXY_COUNT`` trusted proxies.

    The same rule as the registration rate limit: the Nth ``X-Forwarded-For`` entry from the
    right, never a left-most (client-written) one. python-ipware's own strict mode answers no
    address at all for a longer (spoofed) chain, which would put every spoofer in one bucket.
    """
    count = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    return trusted_client_ip(request, count) or None
