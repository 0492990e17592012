"""Querysets for condition pages, in the words of medical review."""

import datetime

from django.db.models import F, QuerySet
from django.utils import timezone
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from conditions.review import DUE_SOON_DAYS


class ReviewDatesQuerySetMixin:
    """For anything with a medical review due date: condition pages and shared care advice."""

    def review_overdue(self, today=None):
        return self.filter(next_review_due__lt=today or timezone.localdate())

    def review_due_soon(self, today=None, days=DUE_SOON_DAYS):
        """Due within `days` days (today included), not yet overdue."""
        today = today or timezone.localdate()
        return self.filter(
            next_review_due__gte=today, next_review_due__lte=today + datetime.timedelta(days=days)
        )

    def review_due_or_overdue(self, today=None, days=DUE_SOON_DAYS):
        today = today or timezone.localdate()
        return self.filter(next_review_due__lte=today + datetime.timedelta(days=days))

    def by_review_urgency(self):
        """Never-reviewed first, then the earliest due date."""
        return self.order_by(F("next_review_due").asc(nulls_first=True), self.name_field)


class ConditionPageQuerySet(ReviewDatesQuerySetMixin, PageQuerySet):
    name_field = "title"


class SharedCareAdviceQuerySet(ReviewDatesQuerySetMixin, QuerySet):
    name_field = "name"

    def live(self):
        """Published advice: what pages show (a row's fields are its live version)."""
        return self.filter(live=True)


ConditionPageManager = PageManager.from_queryset(ConditionPageQuerySet)
