"""The intake admin's list (with its exports) and the edit form; inspect is in inspect.py."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic

from contact.models import Registration

from .actions import apply_closed_at
from .audit import LOG_EDIT, LOG_EXPORT, LOG_LIST, log_listing_action, log_registration_action
from .background_exports import request_export
from .exports import (
    EXPORT_FIELDS,
    EXPORT_GETTERS,
    EXPORT_RELATED,
    current_words,
    export_cell,
    neutralise_csv_formula,
    with_call_logs,
)
from .filters import search_registrations
from .paging import DeferredJoinPaginator
from .permissions import intake_coordinators
from .times import xlsx_time_format

# --- Listing ---------------------------------------------------------------------------------

# Only what the columns show is loaded: the condition page's title, never its StreamField body.
LIST_FIELDS = [
    "reference",
    "first_name",
    "last_name",
    "phone",
    "urgent",
    "status",
    "created_at",
    "last_contact_attempt_at",
    "condition_id",
    "language",
    "assigned_to__first_name",
    "assigned_to__last_name",
    "assigned_to__username",
]
EXPORT_CHUNK = 2000
# The largest export built inside the request; bigger ones are built in the background
# (background_exports.py). Measured on PostgreSQL on a busy 2-core machine
# (benchmarks/intake_list.py): CSV about 3 000 rows a second, XLSX about 500; both limits keep a
# request well inside gunicorn's 30-second worker timeout.
SYNC_MAX_ROWS = {"csv": 20_000, "xlsx": 2_000}


def sync_max_rows(spreadsheet_format):
    setting = f"REGISTRATION_{spreadsheet_format.upper()}_SYNC_MAX_ROWS"
    return getattr(settings, setting, SYNC_MAX_ROWS[spreadsheet_format])


class RegistrationIndexView(generic.IndexView):
    template_name = "contact/admin/registration_index.html"

    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not self.user_has_permission("export"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.is_export:
            # Straight to the stream: Wagtail's listing context would len() the whole
            # queryset first, holding every row in memory before the first byte goes out.
            return self.as_spreadsheet(self.get_queryset(), request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # The rows, filtered, searched and ordered, without joins: the paginator finds a page's
        # ids from these alone (paging.py); the columns are added for the rows shown.
        self.keys = super().get_queryset()
        return self.with_columns(self.keys)

    def with_columns(self, queryset):
        # The condition's title as a plain annotation: building condition page objects (Wagtail
        # pages, with their StreamFields) cost more than everything else in an export.
        queryset = queryset.annotate(condition_title_value=F("condition__title"))
        if self.is_export:
            # Names as annotations too, and the call log attached per chunk (with_call_logs).
            related = {name: F(path) for name, path in EXPORT_RELATED.items()}
            return queryset.only(*EXPORT_FIELDS).annotate(**related)
        return queryset.select_related("assigned_to").only(*LIST_FIELDS)

    def get_paginator(self, queryset, per_page, **kwargs):
        return DeferredJoinPaginator(queryset, per_page, keys=self.keys, **kwargs)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_registrations(queryset, self.search_query)

    @cached_property
    def columns(self):
        columns = super().columns
        if self.user_has_permission("change"):
            columns = [BulkActionsCheckboxColumn("bulk_actions", obj_type="registration"), *columns]
        return columns

    @cached_property
    def show_export_buttons(self):
        return bool(self.list_export) and self.user_has_permission("export")

    # --- Exports: streamed row by row, every time in the site's zone with its abbreviation ---

    def to_row_dict(self, item):
        words = current_words()
        return {field: EXPORT_GETTERS[field](item, words) for field in self.list_export}

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_csv_formula(export_cell(value, "csv"))
                for field, value in row_dict.items()
            }
        )

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        from openpyxl.cell import WriteOnlyCell

        for value in row_dict.values():
            cell = WriteOnlyCell(worksheet, export_cell(value, "xlsx"))
            if cell.data_type == "f":
                cell.data_type = "s"  # never a formula
            if cell.is_date and value is not None:
                cell.number_format = (
                    xlsx_time_format(value) if hasattr(value, "tzinfo") else "yyyy-mm-dd"
                )
            yield cell

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # The chosen rows' ids and references, from the rows alone (no joins).
        chosen = list(self.keys.values_list("pk", "reference"))
        audit_data = {
            "format": spreadsheet_format,
            "count": len(chosen),
            "references": [reference for _pk, reference in chosen],
            "filtered": bool(self.is_filtering),
            "searched": bool(self.is_searching),
        }
        if len(chosen) > sync_max_rows(spreadsheet_format):
            # Too big to finish inside the worker timeout: built by a task, link emailed.
            query = self.request.GET.copy()
            query.pop("export", None)
            back_url = f"{self.index_url}?{query.urlencode()}" if query else self.index_url
            ids = [pk for pk, _reference in chosen]
            return request_export(self.request, spreadsheet_format, ids, audit_data, back_url)
        log_listing_action(LOG_EXPORT, self.request.user, audit_data)
        # Streamed in chunks: memory stays flat however many rows there are.
        rows = with_call_logs(queryset.iterator(chunk_size=EXPORT_CHUNK), EXPORT_CHUNK)
        return super().as_spreadsheet(rows, spreadsheet_format)

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


# --- Edit and delete -------------------------------------------------------------------------


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
