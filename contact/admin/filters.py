"""Search and filters of the registrations list."""

import contextlib
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.active_filters import (
    ActiveFilter,
    BaseFilterAdapter,
    register_filter_adapter_class,
)
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.widgets import BooleanRadioSelect

from conditions.models import ConditionPage
from contact.models import Registration
from core.phone import to_e164

from .permissions import intake_coordinators

PHONE_QUERY_RE = re.compile(r"^[\d\s()+.\-]+$")


def search_registrations(queryset, query):
    """Match the reference, the patient's first/last name, or the phone number.

    Phone numbers are stored in E.164, so a query that looks like a phone number is
    normalised first: "617-555-0123", "(617) 555 0123" and "+1 617 555 0123" all find
    "+16175550123"; a shorter run of digits (four or more) matches part of a number. Every
    word of a name query must match the first or last name, so "Ana Diaz" finds Ana Diaz.
    Only portable lookups (icontains, exact), so SQLite and PostgreSQL behave the same.
    """
    query = query.strip()
    if not query:
        return queryset

    condition = Q(reference__icontains=query)

    words = query.split()
    name_condition = Q()
    for word in words:
        name_condition &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    condition |= name_condition

    if PHONE_QUERY_RE.match(query):
        digits = re.sub(r"\D", "", query)
        with contextlib.suppress(ValidationError):
            condition |= Q(phone=to_e164(query))
        if len(digits) >= 4:
            condition |= Q(phone__contains=digits)

    return queryset.filter(condition)


class YesNoFilter(django_filters.BooleanFilter):
    """A yes/no filter whose chip reads "Urgent: yes", not "Urgent: True"."""


class YesNoFilterAdapter(BaseFilterAdapter):
    def get_active_filters(self):
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            gettext("yes") if self.value else gettext("no"),
            self.get_url_without_filter_param(self.name),
        )


register_filter_adapter_class(YesNoFilter, YesNoFilterAdapter, exact_class=True)


class RegistrationFilterSet(WagtailFilterSet):
    urgent = YesNoFilter(
        label=_("Urgent"),
        help_text=_("In hospital now or reporting emergency symptoms."),
        method="filter_urgent",
        widget=BooleanRadioSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Registration.Status.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    visit_type = django_filters.ChoiceFilter(
        label=_("Visit type"),
        choices=Registration.VisitType.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    condition = django_filters.ModelChoiceFilter(
        label=_("Condition"),
        queryset=lambda request: ConditionPage.objects.order_by("title"),
        null_label=_("Not sure"),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Created"), widget=DateRangePickerWidget
    )
    assigned_to = django_filters.ModelChoiceFilter(
        label=_("Assigned coordinator"),
        queryset=lambda request: intake_coordinators().order_by("first_name", "last_name"),
        null_label=_("Unassigned"),
    )
    notification_pending = YesNoFilter(
        label=_("Notification pending"),
        method="filter_notification_pending",
        widget=BooleanRadioSelect,
    )

    class Meta:
        model = Registration
        fields = []

    def filter_urgent(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.urgent() if value else queryset.not_urgent()

    def filter_notification_pending(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.notification_pending() if value else queryset.notification_sent()
