"""Intake of new-patient registrations in the Wagtail admin.

Registrations are protected health information, so this module is deliberately strict:

* Only members of the "Intake coordinators" group (view, change and export registration
  permissions) and superusers get in. Everyone else receives a 403 on every URL, whether the
  registration exists or not; Wagtail's usual "redirect to the dashboard" is replaced by a
  real 403 so nothing about registrations is hinted at.
* Nobody adds or copies a registration here: they only come from the public flow.
* Exporting needs ``contact.export_registration``, not just view.
* Every list view, inspection, export, edit and delete is written to Wagtail's audit log with
  the user and the reference only (``Registration.__str__``). Search terms, names, phone
  numbers and field values never go into a log entry; edits record changed field names.
"""

import contextlib
import datetime
import functools
import re

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Min, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn, UserColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from conditions.models import ConditionPage
from contact.models import Registration
from core.phone import to_display, to_e164

INTAKE_GROUP_NAME = "Intake coordinators"

# Log actions registered in contact/wagtail_hooks.py.
LOG_LIST = "contact.registration.list"
LOG_VIEW = "contact.registration.view"
LOG_EXPORT = "contact.registration.export"
LOG_PURGE = "contact.registration.purge"
LOG_EDIT = "wagtail.edit"

# Audit entries about the listing as a whole (list views and exports) are not about one
# registration. They are stored against the Registration content type with this object id,
# which no row ever has (primary keys start at 1): Wagtail's reports look the id up with
# in_bulk(), which needs a valid integer.
LIST_LOG_OBJECT_ID = "0"

# Any of these lets a user into the intake admin at all; each view then checks its own.
INTAKE_ACTIONS = ("view", "change", "delete", "export")


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Django model permissions, except that nobody, not even a superuser, adds registrations.

    ``export`` maps to the model's custom ``contact.export_registration`` permission.
    """

    NEVER = frozenset({"add"})

    def user_has_permission(self, user, action):
        if action in self.NEVER:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in self.NEVER]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


registration_permission_policy = RegistrationPermissionPolicy(Registration)


def user_is_intake_staff(user):
    """Intake coordinators, superusers and anyone else granted a registration permission."""
    return bool(
        user
        and user.is_authenticated
        and registration_permission_policy.user_has_any_permission(user, INTAKE_ACTIONS)
    )


def intake_coordinators():
    return get_user_model().objects.filter(is_active=True, groups__name=INTAKE_GROUP_NAME)


def forbidden(request):
    return TemplateResponse(request, "contact/admin/403.html", status=403)


def intake_staff_only(view_func):
    """Gate every intake URL: a 403, never a redirect, for anyone who is not intake staff.

    The check runs before the view looks anything up, so the answer is the same whether or
    not a registration exists. A PermissionDenied raised by a view (delete, export, add) also
    becomes a 403 rather than Wagtail's redirect to the dashboard.
    """

    @functools.wraps(view_func)
    @sensitive_post_parameters()  # error reports never show what was posted (internal notes)
    def wrapped(request, *args, **kwargs):
        if not user_is_intake_staff(request.user):
            return forbidden(request)
        try:
            return view_func(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)

    return wrapped


# --- Audit log -------------------------------------------------------------------------------


def log_registration_action(registration, action, user, data=None, **kwargs):
    """One audit entry about one registration: its label is str(), i.e. the reference."""
    return log(instance=registration, action=action, user=user, data=data or {}, **kwargs)


def log_listing_action(action, user, data):
    """One audit entry about a set of registrations (a list page or an export)."""
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Registration),
        object_id=LIST_LOG_OBJECT_ID,
        label=gettext("Registrations"),
        action=action,
        user=user,
        uuid=get_active_log_context().uuid,
        timestamp=timezone.now(),
        data=data,
    )


# --- Search and filters ----------------------------------------------------------------------

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


def notification_pending_q():
    """The database form of Registration.notification_pending."""
    return Q(staff_notified_at__isnull=True) | (
        Q(patient_acknowledged_at__isnull=True) & ~Q(email="")
    )


def urgent_q():
    """The database form of Registration.is_urgent: in hospital now, or emergency symptoms."""
    return Q(in_hospital_now=True) | Q(emergency_symptoms=True)


class RegistrationFilterSet(WagtailFilterSet):
    urgent = django_filters.BooleanFilter(
        label=_("Urgent (in hospital or emergency symptoms)"),
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
    notification_pending = django_filters.BooleanFilter(
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
        return queryset.filter(urgent_q()) if value else queryset.exclude(urgent_q())

    def filter_notification_pending(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(notification_pending_q())
        return queryset.exclude(notification_pending_q())


# --- Listing ---------------------------------------------------------------------------------


class NotificationColumn(Column):
    cell_template_name = "contact/admin/notification_cell.html"


class UrgentColumn(Column):
    """Patients in hospital or reporting emergency signs are called back first."""

    cell_template_name = "contact/admin/urgent_cell.html"


EXPORT_COLUMNS = [
    ("reference", _("Reference"), lambda r: r.reference),
    ("status", _("Status"), lambda r: r.get_status_display()),
    ("created_at", _("Created"), lambda r: r.created_at),
    ("closed_at", _("Closed"), lambda r: r.closed_at),
    (
        "assigned_to",
        _("Assigned coordinator"),
        lambda r: get_user_display_name(r.assigned_to) if r.assigned_to else "",
    ),
    ("notification_pending", _("Notification pending"), lambda r: yes_no(r.notification_pending)),
    ("submitted_by", _("Submitted by"), lambda r: r.get_submitted_by_display()),
    ("submitter_name", _("Submitter name"), lambda r: r.submitter_name),
    ("submitter_relationship", _("Submitter relationship"), lambda r: r.submitter_relationship),
    ("first_name", _("Legal first name"), lambda r: r.first_name),
    ("last_name", _("Legal last name"), lambda r: r.last_name),
    ("date_of_birth", _("Date of birth"), lambda r: r.date_of_birth),
    ("sex", _("Sex"), lambda r: r.get_sex_display()),
    ("phone", _("Phone"), lambda r: r.phone),
    ("email", _("Email"), lambda r: r.email),
    (
        "preferred_contact_method",
        _("Preferred contact method"),
        lambda r: r.get_preferred_contact_method_display(),
    ),
    (
        "preferred_contact_time",
        _("Preferred contact time"),
        lambda r: r.get_preferred_contact_time_display(),
    ),
    ("state", _("State"), lambda r: r.state),
    ("zip_code", _("ZIP code"), lambda r: r.zip_code),
    ("interpreter_needed", _("Interpreter needed"), lambda r: yes_no(r.interpreter_needed)),
    ("interpreter_language", _("Interpreter language"), lambda r: r.interpreter_language),
    ("in_hospital_now", _("In hospital now"), lambda r: yes_no(r.in_hospital_now)),
    ("emergency_symptoms", _("Emergency symptoms"), lambda r: yes_no(r.emergency_symptoms)),
    ("condition", _("Condition"), lambda r: condition_title(r)),
    ("biopsy_confirmed", _("Biopsy confirmed"), lambda r: r.get_biopsy_confirmed_display()),
    ("current_treatment", _("Current treatment"), lambda r: r.current_treatment),
    ("referring_physician", _("Referring physician"), lambda r: r.referring_physician),
    ("insurance_provider", _("Insurance provider"), lambda r: r.insurance_provider),
    ("visit_type", _("Visit type"), lambda r: r.get_visit_type_display()),
    ("message", _("Message"), lambda r: r.message),
    ("consent_to_contact", _("Consent to contact"), lambda r: yes_no(r.consent_to_contact)),
    ("internal_notes", _("Internal notes"), lambda r: r.internal_notes),
]
EXPORT_GETTERS = {key: getter for key, _label, getter in EXPORT_COLUMNS}

# Spreadsheet programs run a cell that starts with one of these as a formula ("CSV injection").
# Patients type free text, so CSV values that start with one are prefixed with an apostrophe.
# An E.164 phone number such as +16175550123 is left alone: it is validated digits.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
E164_RE = re.compile(r"^\+\d{6,15}$")


def condition_title(registration):
    return registration.condition.title if registration.condition else gettext("Not sure")


def yes_no(value):
    return gettext("Yes") if value else gettext("No")


def neutralise_csv_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not E164_RE.match(value):
        return "'" + value
    return value


def local_naive(value):
    if timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


class RegistrationIndexView(generic.IndexView):
    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        # Spreadsheet times in the site's time zone, not UTC, so staff read them as they are.
        datetime.datetime: {
            "xlsx": local_naive,
            "csv": lambda value: local_naive(value).isoformat(sep=" ", timespec="minutes"),
        },
    }

    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not self.user_has_permission("export"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("assigned_to", "condition")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_registrations(queryset, self.search_query)

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The reference opens the inspect view (all answers), not the three-field edit form.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(
            field_name, column_class, get_url=self.get_inspect_url, **kwargs
        )

    @cached_property
    def show_export_buttons(self):
        return bool(self.list_export) and self.user_has_permission("export")

    def to_row_dict(self, item):
        return {field: EXPORT_GETTERS[field](item) for field in self.list_export}

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_csv_formula(
                    self.preprocess_field_value(field, value, self.FORMAT_CSV)
                )
                for field, value in row_dict.items()
            }
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        registrations = list(queryset)
        log_listing_action(
            LOG_EXPORT,
            self.request.user,
            {
                "format": spreadsheet_format,
                "count": len(registrations),
                "references": [registration.reference for registration in registrations],
                "filtered": bool(self.is_filtering),
                "searched": bool(self.is_searching),
            },
        )
        return super().as_spreadsheet(registrations, spreadsheet_format)

    def get_heading(self, queryset, field):
        return str(self.export_headings[field])

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.is_export:
            # One entry per list page rendered, naming the references shown on it. Never the
            # search query: it may be a patient's name or phone number.
            shown = [registration.reference for registration in context["object_list"]]
            log_listing_action(
                LOG_LIST,
                self.request.user,
                {
                    "count": len(shown),
                    "references": shown,
                    "page": context["page_obj"].number if context.get("page_obj") else 1,
                    "filtered": bool(self.is_filtering),
                    "searched": bool(self.is_searching),
                },
            )
        return context


# --- Inspect ---------------------------------------------------------------------------------


# What a coordinator reads first: who and why, then how to reach them. Fields not named here
# (bookkeeping, and any the flow adds later) follow in model order, so nothing is hidden.
INSPECT_FIRST = [
    "reference",
    "status",
    "assigned_to",
    "created_at",
    "in_hospital_now",
    "emergency_symptoms",
    "first_name",
    "last_name",
    "date_of_birth",
    "sex",
    "submitted_by",
    "submitter_name",
    "submitter_relationship",
    "phone",
    "email",
    "preferred_contact_method",
    "preferred_contact_time",
    "state",
    "zip_code",
    "interpreter_needed",
    "interpreter_language",
    "condition",
    "biopsy_confirmed",
    "current_treatment",
    "referring_physician",
    "insurance_provider",
    "visit_type",
    "message",
    "consent_to_contact",
    "internal_notes",
    "notification_pending",
]
EMPTY_DISPLAY = "\u2014"


class RegistrationInspectView(generic.InspectView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log_registration_action(self.object, LOG_VIEW, request.user)
        return response

    def get_fields(self):
        fields = [*super().get_fields(), "notification_pending"]
        first = [name for name in INSPECT_FIRST if name in fields]
        return first + [name for name in fields if name not in first]

    def get_field_display_value(self, field_name, field):
        if isinstance(field, models.BooleanField):
            return yes_no(getattr(self.object, field_name))
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return EMPTY_DISPLAY
        return value

    def get_notification_pending_display_value(self):
        return yes_no(self.object.notification_pending)

    def get_phone_display_value(self):
        try:
            return to_display(self.object.phone)
        except ValidationError:
            return self.object.phone

    def get_assigned_to_display_value(self):
        user = self.object.assigned_to
        return get_user_display_name(user) if user else gettext("Unassigned")

    def get_condition_display_value(self):
        return condition_title(self.object)


# --- Edit and delete -------------------------------------------------------------------------


def apply_closed_at(registration, previous_status):
    """Closing stamps closed_at (once); reopening clears it.

    Retention (manage.py purge_registrations) counts from closed_at.
    """
    if registration.status == Registration.Status.CLOSED:
        if previous_status != Registration.Status.CLOSED or registration.closed_at is None:
            registration.closed_at = timezone.now()
    else:
        registration.closed_at = None


class RegistrationEditForm(WagtailAdminModelForm):
    """Staff fields only: the patient's answers are not fields, so a POST cannot change them."""

    class Meta:
        model = Registration
        fields = ["status", "assigned_to", "internal_notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_status = self.instance.status
        coordinators = Q(pk__in=intake_coordinators().values("pk"))
        if self.instance.assigned_to_id:
            # Someone who has since left the group stays selectable until reassigned.
            coordinators |= Q(pk=self.instance.assigned_to_id)
        field = self.fields["assigned_to"]
        field.queryset = (
            get_user_model()
            .objects.filter(coordinators)
            .order_by("first_name", "last_name", "username")
        )
        field.label_from_instance = get_user_display_name
        field.empty_label = gettext("Unassigned")

    def save(self, commit=True):
        apply_closed_at(self.instance, self.previous_status)
        return super().save(commit=commit)


class RegistrationEditView(generic.EditView):
    def save_instance(self):
        changed = list(self.form.changed_data)
        instance = self.action_class(
            self.form.instance, user=self.request.user, form=self.form, log_action=False
        ).execute(skip_permission_checks=True)
        # Changed field names, and the status move; never field values (notes may hold PHI).
        data = {"fields": changed}
        if "status" in changed:
            data["status"] = {"from": self.form.previous_status, "to": instance.status}
        log_registration_action(
            instance, LOG_EDIT, self.request.user, data=data, content_changed=bool(changed)
        )
        return instance


class RegistrationViewSet(ModelViewSet):
    model = Registration
    name = "registrations"
    url_prefix = "registrations"
    icon = "clipboard-list"
    menu_label = _("Registrations")
    menu_order = 150
    add_to_admin_menu = True

    # Registrations point at condition pages; indexing those references would list
    # registrations on a condition page's "usage" screen, which editors can see.
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True

    index_view_class = RegistrationIndexView
    inspect_view_class = RegistrationInspectView
    edit_view_class = RegistrationEditView

    ordering = "-created_at"
    list_per_page = 25
    list_display = [
        "reference",
        UrgentColumn("is_urgent", label=_("Urgent")),
        "status",
        "visit_type",
        Column("condition", label=_("Condition"), accessor=condition_title),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
        UserColumn(
            "assigned_to",
            label=_("Assigned coordinator"),
            blank_display_name=_("Unassigned"),
        ),
        NotificationColumn("notification_pending", label=_("Notification")),
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["reference", "first_name", "last_name", "phone"]  # see search_registrations
    search_backend_name = None
    list_export = [key for key, _label, _getter in EXPORT_COLUMNS]
    export_headings = {key: label for key, label, _getter in EXPORT_COLUMNS}
    export_filename = "registrations"
    inspect_view_fields_exclude = ["id", "submission_token"]

    def get_form_class(self, for_update=False):
        return RegistrationEditForm

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = intake_staff_only(pattern.callback)
        return patterns


# --- Dashboard -------------------------------------------------------------------------------


class IntakeSummaryPanel(Component):
    """For intake staff on the admin dashboard: what is waiting for them."""

    name = "intake_summary"
    template_name = "contact/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        new = Registration.objects.filter(status=Registration.Status.NEW)
        summary = new.aggregate(oldest=Min("created_at"))
        new_count = new.count()
        oldest = summary["oldest"]
        index_url = reverse("registrations:index")
        return {
            "new_count": new_count,
            "oldest_waited": timesince(oldest, timezone.now(), depth=2) if oldest else "",
            "new_url": f"{index_url}?status={Registration.Status.NEW}",
            "pending_count": Registration.objects.exclude(status=Registration.Status.CLOSED)
            .filter(notification_pending_q())
            .count(),
            "pending_url": f"{index_url}?notification_pending=true",
            "index_url": index_url,
        }
