"""Helpers shared by the intake admin tests (the user fixtures are in conftest.py)."""

import datetime

from django.contrib.auth.models import Group
from django.urls import reverse

PASSWORD = "a-long-test-password"
UTC = datetime.UTC


def make_user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        first_name=username.capitalize(),
        last_name="Staff",
        **extra,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def index_url(query=""):
    return reverse("registrations:index") + (f"?{query}" if query else "")


def inspect_url(registration):
    return reverse("registrations:inspect", args=[registration.pk])


def bulk_url(action, *registrations, next_url=None):
    ids = "&".join(f"id={r.pk}" for r in registrations)
    url = reverse("wagtail_bulk_action", args=["contact", "registration", action]) + f"?{ids}"
    return url + (f"&next={next_url}" if next_url else "")


def set_created(registration, when):
    """created_at is auto_now_add: set it afterwards."""
    type(registration).objects.filter(pk=registration.pk).update(created_at=when)
    registration.refresh_from_db()
    return registration
