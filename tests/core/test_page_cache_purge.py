"""Publishing, unpublishing, moving or deleting a page purges it and every page that shows it,
in the page cache and in the HTTP cache in front (Wagtail's frontend cache); site settings and
reviewers purge the pages that show them. Unrelated pages stay cached."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from conditions.factories import (
    ConditionPageFactory,
    ServiceLinePageFactory,
    SharedCareAdviceFactory,
)
from core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


class RecordingBackend(BaseBackend):
    """Stands for Varnish: remembers the paths it was asked to purge."""

    purged = []

    def purge(self, url):
        RecordingBackend.purged.append(urlsplit(url).path)


@pytest.fixture
def tree(settings, site_tree, site_settings, reviewer):
    settings.PAGE_CACHE_ENABLED = True
    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "tests.core.test_page_cache_purge.RecordingBackend"}
    }
    RecordingBackend.purged = []
    metastases = ConditionPageFactory(
        parent=site_tree.service_line, title="Spinal metastases", reviewers=[reviewer]
    )
    chordoma = ConditionPageFactory(
        parent=site_tree.service_line, title="Chordoma", related=[metastases]
    )
    about = StandardPageFactory(parent=site_tree.home, title="About the hospital")
    site_tree.metastases, site_tree.chordoma, site_tree.about = metastases, chordoma, about
    return site_tree


def urls(tree):
    return {
        "home": tree.home.url,
        "service_line": tree.service_line.url,
        "a_to_z": tree.condition_index.url,
        "metastases": tree.metastases.url,
        "chordoma": tree.chordoma.url,  # lists metastases under "Related conditions"
        "about": tree.about.url,  # shows none of them
    }


def warm(pages):
    reader = Client()
    for url in pages.values():
        reader.get(url)
    served = {name: reader.get(url)["X-Page-Cache"] for name, url in pages.items()}
    assert served == dict.fromkeys(pages, "hit")


def outcomes(pages):
    reader = Client()
    return {name: reader.get(url).get("X-Page-Cache") for name, url in pages.items()}


def after_commit(capture, change):
    RecordingBackend.purged = []
    with capture(execute=True):
        change()


def test_publishing_purges_the_page_and_its_listings_only(tree, django_capture_on_commit_callbacks):
    pages = urls(tree)
    warm(pages)

    def publish():
        tree.metastases.title = "Spinal metastases (secondary spinal tumors)"
        tree.metastases.save_revision().publish()

    after_commit(django_capture_on_commit_callbacks, publish)
    assert outcomes(pages) == {
        "home": "miss",
        "service_line": "miss",
        "a_to_z": "miss",
        "metastases": "miss",
        "chordoma": "miss",
        "about": "hit",
    }
    assert set(RecordingBackend.purged) == {
        pages[name] for name in ("home", "service_line", "a_to_z", "metastases", "chordoma")
    }
    # The listings now show the new title.
    for name in ("service_line", "a_to_z", "chordoma"):
        assert "secondary spinal tumors" in Client().get(pages[name]).text


def test_unpublishing_purges_it_from_every_listing(tree, django_capture_on_commit_callbacks):
    pages = urls(tree)
    warm(pages)
    after_commit(django_capture_on_commit_callbacks, tree.metastases.unpublish)
    assert Client().get(pages["metastases"]).status_code == 404
    for name in ("service_line", "a_to_z", "chordoma"):
        assert "Spinal metastases" not in Client().get(pages[name]).text, name
    assert pages["metastases"] in RecordingBackend.purged
    assert pages["about"] not in RecordingBackend.purged
    assert Client().get(pages["about"])["X-Page-Cache"] == "hit"


def test_deleting_purges_it_and_its_listings(tree, django_capture_on_commit_callbacks):
    pages = urls(tree)
    warm(pages)
    after_commit(django_capture_on_commit_callbacks, tree.metastases.delete)
    assert Client().get(pages["metastases"]).status_code == 404
    assert "Spinal metastases" not in Client().get(pages["a_to_z"]).text
    assert {pages["metastases"], pages["a_to_z"], pages["service_line"]} <= set(
        RecordingBackend.purged
    )
    assert Client().get(pages["about"])["X-Page-Cache"] == "hit"


def test_moving_purges_everything(tree, django_capture_on_commit_callbacks):
    pages = urls(tree)
    other_line = ServiceLinePageFactory(parent=tree.home, title="Brain Tumor Program")
    warm(pages)
    after_commit(
        django_capture_on_commit_callbacks,
        lambda: tree.metastases.move(other_line, pos="last-child"),
    )
    old_address = pages.pop("metastases")
    assert set(outcomes(pages).values()) == {"miss"}
    # The old address now redirects (Wagtail's automatic redirect), never the cached copy.
    moved = Client().get(old_address)
    assert moved.status_code == 301 and "X-Page-Cache" not in moved
    assert "Brain Tumor Program" in Client().get(moved["Location"]).text
    assert {old_address, *pages.values()} <= set(RecordingBackend.purged)


def test_site_settings_purge_every_page(tree, django_capture_on_commit_callbacks):
    pages = urls(tree)
    warm(pages)

    def rename():
        tree.site_settings.organisation_name = "Aldercrest University Health"
        tree.site_settings.save()

    from core.models import SiteSettings

    tree.site_settings = SiteSettings.objects.get(site=tree.site)
    after_commit(django_capture_on_commit_callbacks, rename)
    assert set(outcomes(pages).values()) == {"miss"}
    assert set(pages.values()) <= set(RecordingBackend.purged)
    assert "Aldercrest University Health" in Client().get(pages["about"]).text


def test_a_reviewer_change_purges_the_pages_crediting_them(
    tree, reviewer, django_capture_on_commit_callbacks
):
    pages = urls(tree)
    warm(pages)

    def retitle():
        reviewer.role = "Spine surgeon"
        reviewer.save()

    after_commit(django_capture_on_commit_callbacks, retitle)
    assert outcomes(pages)["metastases"] == "miss"
    assert "Spine surgeon" in Client().get(pages["metastases"]).text
    assert outcomes(pages)["about"] == "hit"
    assert RecordingBackend.purged == [pages["metastases"]]


def test_a_draft_leaves_the_live_copy_alone_in_the_http_cache(
    tree, django_capture_on_commit_callbacks
):
    pages = urls(tree)
    warm(pages)

    def draft():
        tree.about.title = "About us (draft)"
        tree.about.save_revision()

    after_commit(django_capture_on_commit_callbacks, draft)
    assert RecordingBackend.purged == []
    assert "About us (draft)" not in Client().get(pages["about"]).text


def test_a_new_slug_purges_the_old_addresses_below_it(tree, django_capture_on_commit_callbacks):
    pages = urls(tree)
    warm(pages)

    def rename():
        tree.service_line.slug = "spine-program"
        tree.service_line.save_revision().publish()

    after_commit(django_capture_on_commit_callbacks, rename)
    assert {pages["service_line"], pages["metastases"], pages["chordoma"]} <= set(
        RecordingBackend.purged
    )
    assert "Spinal metastases" in Client().get("/spine-program/spinal-metastases/").text
    assert "X-Page-Cache" not in Client().get(pages["metastases"])  # a redirect now


def test_a_shared_advice_change_purges_the_pages_showing_it(
    tree, django_capture_on_commit_callbacks
):
    advice = SharedCareAdviceFactory(heading="Call 911 now")
    with_advice = ConditionPageFactory(
        parent=tree.service_line, title="Chordoma of the sacrum", shared_advice=[advice]
    )
    pages = {**urls(tree), "with_advice": with_advice.url}
    warm(pages)

    def reword():
        advice.heading = "Call 911 at once"
        advice.save()

    after_commit(django_capture_on_commit_callbacks, reword)
    assert outcomes(pages)["with_advice"] == "miss"
    assert "Call 911 at once" in Client().get(pages["with_advice"]).text
    assert outcomes(pages)["metastases"] == "hit"
    assert RecordingBackend.purged == [pages["with_advice"]]


def test_shared_advice_purges_on_publish_not_on_a_draft(tree, django_capture_on_commit_callbacks):
    advice = SharedCareAdviceFactory(heading="Call 911 now")
    with_advice = ConditionPageFactory(
        parent=tree.service_line, title="Chordoma of the sacrum", shared_advice=[advice]
    )
    pages = {"with_advice": with_advice.url}
    warm(pages)

    def save_draft():
        advice.heading = "Call 911 at once"
        advice.save_revision()

    after_commit(django_capture_on_commit_callbacks, save_draft)
    # Pages show the live advice, which the draft did not change: the kept copy stays.
    assert RecordingBackend.purged == []
    assert outcomes(pages)["with_advice"] == "hit"

    after_commit(django_capture_on_commit_callbacks, lambda: advice.latest_revision.publish())
    assert RecordingBackend.purged == [pages["with_advice"]]
    assert "Call 911 at once" in Client().get(pages["with_advice"]).text
