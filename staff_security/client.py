"""The client address that django-axes counts sign-in failures against."""

from django.conf import settings


def client_ip(request):
    """The first address found in ``AXES_IPWARE_META_PRECEDENCE_ORDER``.

    A forwarded-for header counts only when ``AXES_IPWARE_PROXY_COUNT`` trusted proxies append
    to it, and then its Nth entry from the right is the client (what the last trusted proxy saw);
    anything further left was written by the client and could be spoofed. The same rule as the
    registration rate limit. python-ipware's own strict mode answers no address at all for a
    longer (spoofed) chain, which would put every spoofer in one shared bucket.
    """
    count = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    order = getattr(settings, "AXES_IPWARE_META_PRECEDENCE_ORDER", ("REMOTE_ADDR",))
    for key in order:
        value = request.META.get(key, "")
        if key == "REMOTE_ADDR":
            if value:
                return value
            continue
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if count and len(parts) >= count:
            return parts[-count]
    return request.META.get("REMOTE_ADDR") or None
