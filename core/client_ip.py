"""The client's address, as far as the deployment's trusted reverse proxies vouch for it.

One rule for every per-client limit (the registration rate limit in contact, the staff sign-in
lockout in staff_security): each trusted proxy appends the address it received the request from
to ``X-Forwarded-For``, so with N trusted proxies the Nth entry from the right is the address
the outermost trusted proxy saw. Everything further left was written by the client and can be
anything, so it is never used: a spoofed left-most value cannot give a client a fresh bucket.
"""

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def client_ip(request, trusted_proxies=0):
    """The client address, or "" when the request has none at all.

    With 0 trusted proxies, the socket address (``REMOTE_ADDR``). With N, the Nth entry from
    the right of ``X-Forwarded-For``; when that header is missing or has fewer than N entries
    (the request did not come through every trusted proxy), the socket address again: the
    nearest hop, which the client cannot choose (behind the proxy, every such request shares the
    proxy's one bucket; it never widens a limit).
    """
    if trusted_proxies and trusted_proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get(FORWARDED_FOR, "").split(",") if part.strip()
        ]
        if len(forwarded) >= trusted_proxies:
            return forwarded[-trusted_proxies]
    return request.META.get("REMOTE_ADDR", "") or ""
