"""Columns of the intake list: what a coordinator needs to pick the next call."""

from django.core.exceptions import ValidationError
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.utils import get_user_display_name

from contact.models import Registration
from core.phone import to_display

from .exports import condition_title
from .times import short_time, waited


def patient_name(registration):
    return f"{registration.first_name} {registration.last_name}"


def display_phone(registration):
    try:
        return to_display(registration.phone)
    except ValidationError:
        return registration.phone


class ReferenceColumn(TitleColumn):
    """The reference opens the inspect view; it never wraps (see css/intake-admin.css)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("classname", "intake-reference")
        kwargs.setdefault("get_title_id", lambda r: f"registration_{r.pk}_title")
        kwargs.setdefault("get_url", lambda r: reverse("registrations:inspect", args=[r.pk]))
        super().__init__(*args, **kwargs)


class UrgentColumn(Column):
    """Patients in hospital or reporting emergency signs are called back first."""

    cell_template_name = "contact/admin/urgent_cell.html"


class ActionCellMixin:
    """Cells with a small form that posts to the inspect view, then comes back to the list."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context.update(
            {
                "action_url": reverse("registrations:inspect", args=[instance.pk]),
                "next_url": request.get_full_path(),
                "csrf": get_token(request),
                "user": request.user,
            }
        )
        return context


class StatusColumn(ActionCellMixin, Column):
    cell_template_name = "contact/admin/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["choices"] = Registration.Status.choices
        context["current"] = instance.status
        context["label"] = instance.get_status_display()
        return context


class AssignedColumn(ActionCellMixin, Column):
    cell_template_name = "contact/admin/assigned_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        user = instance.assigned_to
        context["assignee"] = get_user_display_name(user) if user else ""
        context["mine"] = user is not None and user.pk == context["user"].pk
        return context


class WaitingColumn(Column):
    """How long since the registration came in, and the exact time in the site's zone."""

    cell_template_name = "contact/admin/waiting_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["waited"] = waited(instance.created_at)
        context["exact"] = short_time(instance.created_at)
        context["iso"] = instance.created_at.isoformat()
        return context


def list_columns():
    return [
        ReferenceColumn("reference", label=_("Reference"), sort_key="reference"),
        Column("patient_name", label=_("Patient"), accessor=patient_name),
        Column("phone", label=_("Phone"), accessor=display_phone, classname="intake-nowrap"),
        Column("condition", label=_("Condition"), accessor=condition_title),
        Column("language", label=_("Language"), accessor="language_name"),
        UrgentColumn("urgent", label=_("Urgent"), sort_key="urgent"),
        StatusColumn("status", label=_("Status")),
        AssignedColumn("assigned_to", label=_("Assigned to")),
        WaitingColumn("created_at", label=_("Waiting since"), sort_key="created_at"),
        Column(
            "last_contact_attempt_at",
            label=_("Last contact attempt"),
            accessor=lambda r: short_time(r.last_contact_attempt_at) or _("None yet"),
            sort_key="last_contact_attempt_at",
        ),
    ]
