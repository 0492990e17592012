"""Who manages search: Moderators edit the synonyms and promoted results; Editors do not
(both change what patients see at once, like publishing). Granted by
core/migrations/0007_search_permissions.py."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.factories import UserFactory

pytestmark = pytest.mark.django_db


def signed_in(client, group_name):
    user = UserFactory(username=group_name.lower())
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return client


def test_moderators_manage_promoted_results_and_search_settings(client, site_tree):
    signed_in(client, "Moderators")
    assert client.get(reverse("wagtailsearchpromotions:index")).status_code == 200
    assert client.get(reverse("wagtailsearchpromotions:add")).status_code == 200
    settings_url = reverse(
        "wagtailsettings:edit", args=["core", "searchsettings", site_tree.site.pk]
    )
    response = client.get(settings_url)
    assert response.status_code == 200 and b'name="synonyms"' in response.content


def test_editors_do_not(client, site_tree):
    signed_in(client, "Editors")
    response = client.get(reverse("wagtailsearchpromotions:index"))
    assert response.status_code in (302, 403)
    settings_url = reverse(
        "wagtailsettings:edit", args=["core", "searchsettings", site_tree.site.pk]
    )
    assert client.get(settings_url).status_code in (302, 403)
