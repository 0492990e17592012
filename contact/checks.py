"""Deployment checks for the registration flow."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def check_rate_limit_cache_is_shared(app_configs, **kwargs):
    """The registration rate limit only holds across worker processes in a shared cache."""
    backend = settings.CACHES.get("shared", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Warning(
                "The shared cache is private to each process, so the registration rate "
                "limit does not hold across workers.",
                hint="Set REDIS_URL (for example redis://127.0.0.1:6379/0).",
                id="contact.W001",
            )
        ]
    return []
