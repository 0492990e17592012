"""``{% fragment_cache "name" vary... %}…{% endfragment_cache %}``: a rendered part of a page kept
in this process's ``fragments`` cache until content changes.

Like Django's ``{% cache %}``, but the key always holds the content generation
(core.generation: every publish, unpublish, move, settings or privacy change starts a new one,
on every app server), the request's scheme and host (settings and pages are per site; some
links are absolute), the active language and today's date (review dates, the footer's year),
so no purge ever has to find a fragment.
Nothing is kept for previews (a draft is not the live page), when the shared cache is down (no
generation to trust), or when the part holds a form token (it is personal).
"""

from django import template
from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.utils import timezone
from django.utils.translation import get_language

from core import generation

register = template.Library()

CACHE_ALIAS = "fragments"
NEVER_KEPT = ("csrfmiddlewaretoken",)


def enabled():
    return getattr(settings, "FRAGMENT_CACHE_ENABLED", True)


def fragment_key(name, request, vary_on):
    """The cache key of fragment ``name`` for ``request``, or None when it must not be kept."""
    if not enabled() or request is None or getattr(request, "is_preview", False):
        return None
    token = generation.current_token()
    if token is None:
        return None
    host = f"{request.scheme}://{request.get_host()}"  # absolute links (JSON-LD, social meta)
    parts = [token, host, get_language(), timezone.localdate().isoformat()]
    return make_template_fragment_key(name, [*parts, *vary_on])


class FragmentCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        name = self.name.resolve(context)
        vary_on = [variable.resolve(context) for variable in self.vary_on]
        key = fragment_key(name, context.get("request"), vary_on)
        if key is None:
            return self.nodelist.render(context)
        cache = caches[CACHE_ALIAS]
        value = cache.get(key)
        if value is None:
            value = self.nodelist.render(context)
            if not any(marker in value for marker in NEVER_KEPT):
                cache.set(key, value, timeout=getattr(settings, "FRAGMENT_CACHE_TIMEOUT", 3600))
        return value


@register.tag("fragment_cache")
def do_fragment_cache(parser, token):
    """``{% fragment_cache "header" page.pk %}…{% endfragment_cache %}``: the first argument
    names the fragment, the others are what else it depends on (the page, the path)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs at least a fragment name.")
    nodelist = parser.parse(("endfragment_cache",))
    parser.delete_first_token()
    return FragmentCacheNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
