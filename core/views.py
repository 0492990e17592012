"""Site-wide views that belong to no feature."""

from django.shortcuts import render
from django.utils.cache import patch_cache_control


def no_store(response):
    """Pages showing personal answers must not be kept by the browser's or any shared cache."""
    patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
    return response


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: a friendly 403 with the phone number.

    A patient whose cookies were cleared, or who left a form open for a long time, lands here
    from a step or the final "Send". It echoes nothing from the request (no answers, no reason
    text), and is never cached.
    """
    return no_store(render(request, "403_csrf.html", status=403))
