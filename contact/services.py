"""Turning a finished flow into one saved Registration, however often it is sent."""

from django.db import IntegrityError, transaction
from django.forms.models import construct_instance
from wagtail.models import Page

from .languages import current_language
from .models import Registration
from .tasks import enqueue_notifications


def build_registration(bound_forms, flow):
    """An unsaved Registration from the valid step forms of `flow`."""
    registration = Registration(submission_token=flow.submission_token, language=current_language())
    for form in bound_forms:
        # The forms' own ModelForm machinery copies each step's slice onto one instance.
        construct_instance(form, registration, fields=form._meta.fields)
    source_page_id = flow.source_page
    if source_page_id and not Page.objects.filter(pk=source_page_id).exists():
        source_page_id = None
    registration.source_page_id = source_page_id
    return registration


def create_registration(bound_forms, flow):
    """Save once per flow token; returns (the new or existing registration, created)."""
    token = flow.submission_token
    for _attempt in range(3):
        existing = Registration.objects.filter(submission_token=token).first()
        if existing:
            return existing, False
        registration = build_registration(bound_forms, flow)
        registration.full_clean(exclude=["reference", "submission_token"], validate_unique=False)
        try:
            with transaction.atomic():
                registration.save()
                transaction.on_commit(lambda pk=registration.pk: enqueue_notifications(pk))
            return registration, True
        except IntegrityError:
            # Another request saved this token first (double click, second tab), or the
            # random reference collided: look again, and otherwise retry with a new reference.
            continue
    existing = Registration.objects.filter(submission_token=token).first()
    if existing:
        return existing, False
    raise IntegrityError("Could not save registration")
