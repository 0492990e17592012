"""Cached pages that show a clinician are purged when the clinician, their profile or a page
they reviewed changes (conditions/cache_purge.py)."""

import pytest
from django.test import Client

from conditions.factories import ClinicianPageFactory, ConditionPageFactory
from core.factories import StandardPageFactory
from tests.core.test_page_cache_purge import RecordingBackend, after_commit, outcomes, warm

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(settings, site_tree, site_settings, reviewer):
    settings.PAGE_CACHE_ENABLED = True
    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "tests.core.test_page_cache_purge.RecordingBackend"}
    }
    RecordingBackend.purged = []
    metastases = ConditionPageFactory(
        parent=site_tree.service_line, title="Spinal metastases", reviewers=[reviewer]
    )
    profile = ClinicianPageFactory(parent=site_tree.service_line, reviewer=reviewer)
    about = StandardPageFactory(parent=site_tree.home, title="About the hospital")
    return {
        "objects": {"metastases": metastases, "profile": profile},
        "urls": {
            "service_line": site_tree.service_line.url,  # the team list
            "metastases": metastases.url,  # the reviewer line
            "profile": profile.url,
            "about": about.url,  # shows none of them
        },
    }


def test_a_reviewer_change_purges_their_profile_and_team_list(
    pages, reviewer, django_capture_on_commit_callbacks
):
    urls = pages["urls"]
    warm(urls)

    def retitle():
        reviewer.role = "Spine surgeon"
        reviewer.save()

    after_commit(django_capture_on_commit_callbacks, retitle)
    assert outcomes(urls) == {
        "service_line": "miss",
        "metastases": "miss",
        "profile": "miss",
        "about": "hit",
    }
    for name in ("service_line", "metastases", "profile"):
        assert "Spine surgeon" in Client().get(urls[name]).text, name


def test_unpublishing_a_profile_purges_the_reviewer_lines_linking_it(
    pages, django_capture_on_commit_callbacks
):
    urls = pages["urls"]
    warm(urls)

    after_commit(django_capture_on_commit_callbacks, pages["objects"]["profile"].unpublish)
    assert outcomes(urls)["metastases"] == "miss"
    assert urls["profile"] not in Client().get(urls["metastases"]).text
    assert Client().get(urls["about"])["X-Page-Cache"] == "hit"


def test_unpublishing_a_reviewed_page_purges_the_profile_listing_it(
    pages, django_capture_on_commit_callbacks
):
    urls = pages["urls"]
    warm(urls)

    after_commit(django_capture_on_commit_callbacks, pages["objects"]["metastases"].unpublish)
    assert outcomes(urls)["profile"] == "miss"
    assert urls["metastases"] not in Client().get(urls["profile"]).text
    assert urls["profile"] in RecordingBackend.purged
