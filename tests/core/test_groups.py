"""Staff groups and what they allow in the admin.

Granted by core/migrations/0002_staff_groups.py and, for reviewers,
conditions/migrations/0004_reviewer_permissions.py.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from conditions.factories import ConditionPageFactory, ReviewerFactory
from conditions.models import ConditionPage, Reviewer
from core.factories import UserFactory
from tests.conditions.admin_forms import PUBLISH, edit_url, form_errors
from tests.core.form_helpers import edit_form_data

pytestmark = pytest.mark.django_db


def page_permissions(group_name):
    return set(
        GroupPagePermission.objects.filter(
            group__name=group_name, page=Page.get_first_root_node()
        ).values_list("permission__codename", flat=True)
    )


def test_editors_add_and_change_pages_but_do_not_publish():
    permissions = page_permissions("Editors")
    assert {"add_page", "change_page"} <= permissions
    assert "publish_page" not in permissions


def test_moderators_publish():
    assert {"add_page", "change_page", "publish_page"} <= page_permissions("Moderators")


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
def test_both_groups_reach_the_admin_and_manage_reviewers(group_name):
    codenames = set(
        Group.objects.get(name=group_name).permissions.values_list("codename", flat=True)
    )
    assert {"access_admin", "add_reviewer", "change_reviewer"} <= codenames


def test_only_moderators_change_site_settings():
    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert "change_sitesettings" in codenames("Moderators")
    assert "change_sitesettings" not in codenames("Editors")
    assert "delete_reviewer" not in codenames("Editors")


def test_editor_can_edit_a_condition_page(client, editor, condition_page):
    client.force_login(editor)
    assert client.get(edit_url(condition_page)).status_code == 200

    data = edit_form_data(client, condition_page)
    data["title"] = "Spinal metastases (draft)"
    response = client.post(edit_url(condition_page), data)

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(pk=condition_page.pk)
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "Spinal metastases (draft)"
    assert page.title == "Spinal metastases"  # the live page is unchanged


def test_editor_is_not_offered_publish(client, editor, condition_page):
    client.force_login(editor)
    html = client.get(edit_url(condition_page)).content.decode()
    assert 'name="action-publish"' not in html
    client.force_login(UserFactory(username="root", superuser=True))
    assert 'name="action-publish"' in client.get(edit_url(condition_page)).content.decode()


def test_editor_publish_attempt_does_not_go_live(client, editor, condition_page):
    client.force_login(editor)
    data = edit_form_data(client, condition_page)
    data["title"] = "Spinal metastases (sneaked in)"
    client.post(edit_url(condition_page), data | PUBLISH)

    page = ConditionPage.objects.get(pk=condition_page.pk)
    assert page.title == "Spinal metastases"
    assert page.has_unpublished_changes


def test_editor_publish_attempt_on_a_draft_leaves_it_unpublished(client, editor, site_tree):
    draft = ConditionPageFactory(parent=site_tree.service_line, live=False)
    client.force_login(editor)
    data = edit_form_data(client, draft)
    client.post(edit_url(draft), data | PUBLISH)

    draft.refresh_from_db()
    assert not draft.live
    assert draft.live_revision is None


def test_moderator_can_publish(client, moderator, condition_page):
    client.force_login(moderator)
    data = edit_form_data(client, condition_page)
    data["title"] = "Spinal metastases (reviewed)"
    response = client.post(edit_url(condition_page), data | PUBLISH)

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(pk=condition_page.pk)
    assert page.title == "Spinal metastases (reviewed)"
    assert not page.has_unpublished_changes


def test_site_settings_are_for_moderators(client, editor, moderator, site_settings):
    url = reverse("wagtailsettings:edit", args=["core", "sitesettings", site_settings.site_id])
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)
    client.force_login(moderator)
    assert client.get(url).status_code == 200


# --- Reviewer snippet admin -----------------------------------------------------------------


def snippet_url(name, *args):
    return reverse(f"wagtailsnippets_conditions_reviewer:{name}", args=args)


def test_reviewer_admin_views_respond(superuser_client, reviewer):
    list_response = superuser_client.get(snippet_url("list"))
    assert list_response.status_code == 200
    assert reviewer.name in list_response.content.decode()
    assert superuser_client.get(snippet_url("add")).status_code == 200
    assert superuser_client.get(snippet_url("edit", reviewer.pk)).status_code == 200


def test_reviewer_can_be_added_in_the_admin(superuser_client):
    response = superuser_client.post(
        snippet_url("add"),
        {
            "name": "Dr. Ana Ruiz",
            "credentials": "MD",
            "role": "Radiation oncologist",
            "department": "Radiation oncology",
            "photo": "",
            "profile_url": "",
        },
    )
    assert response.status_code == 302
    reviewer = Reviewer.objects.get(name="Dr. Ana Ruiz")
    assert str(reviewer) == "Dr. Ana Ruiz, MD"
    assert reviewer.description_line == "Radiation oncologist, Radiation oncology"


def test_editor_cannot_delete_a_reviewer(client, editor):
    reviewer = ReviewerFactory()
    client.force_login(editor)
    client.post(snippet_url("delete", reviewer.pk))
    assert Reviewer.objects.filter(pk=reviewer.pk).exists()


def test_reviewer_in_use_cannot_be_deleted(superuser_client, condition_page, reviewer):
    superuser_client.post(snippet_url("delete", reviewer.pk))
    assert Reviewer.objects.filter(pk=reviewer.pk).exists()
    assert ConditionPage.objects.get(pk=condition_page.pk).reviewers == [reviewer]
