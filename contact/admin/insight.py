"""Intake insight: registrations per week (last 12 weeks) and median hours from registration
to the first successful contact, overall and for urgent ones; a chart, a table and a CSV.

Weeks start on Monday in the site's time zone. Medians count only registrations that have
been reached; a week with none shows no median rather than zero.
"""

import csv
import datetime
import statistics

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from contact.models import Registration

from .times import site_zone

WEEKS = 12


def _median_hours(durations):
    return round(statistics.median(durations), 1) if durations else None


def intake_figures(today=None, weeks=WEEKS):
    """One row per week, oldest first, and the overall row for the whole period."""
    zone = site_zone()
    today = today or timezone.localdate(timezone=zone)
    first_monday = today - datetime.timedelta(days=today.weekday(), weeks=weeks - 1)
    start = datetime.datetime.combine(first_monday, datetime.time(0), tzinfo=zone)
    in_period = Registration.objects.filter(created_at__gte=start)

    counts = {
        row["week"].astimezone(zone).date(): row
        for row in in_period.annotate(week=TruncWeek("created_at", tzinfo=zone))
        .values("week")
        .annotate(total=Count("pk"), urgent_total=Count("pk", filter=Q(urgent=True)))
        .order_by()
    }
    durations = {}
    for created, contacted, urgent in in_period.filter(
        first_contacted_at__isnull=False
    ).values_list("created_at", "first_contacted_at", "urgent"):
        local = created.astimezone(zone).date()
        week = local - datetime.timedelta(days=local.weekday())
        hours = max((contacted - created).total_seconds(), 0) / 3600
        durations.setdefault(week, {"all": [], "urgent": []})["all"].append(hours)
        if urgent:
            durations[week]["urgent"].append(hours)

    rows = []
    for index in range(weeks):
        week = first_monday + datetime.timedelta(weeks=index)
        count = counts.get(week, {})
        spans = durations.get(week, {"all": [], "urgent": []})
        rows.append(
            {
                "week": week,
                "label": date_format(week, "M j"),
                "registrations": count.get("total", 0),
                "urgent": count.get("urgent_total", 0),
                "median_hours": _median_hours(spans["all"]),
                "urgent_median_hours": _median_hours(spans["urgent"]),
            }
        )
    every = [h for spans in durations.values() for h in spans["all"]]
    urgent = [h for spans in durations.values() for h in spans["urgent"]]
    overall = {
        "registrations": sum(row["registrations"] for row in rows),
        "urgent": sum(row["urgent"] for row in rows),
        "median_hours": _median_hours(every),
        "urgent_median_hours": _median_hours(urgent),
    }
    return {"rows": rows, "overall": overall, "start": first_monday}


# --- The chart: plain SVG drawn here, no JavaScript and no third-party request ---------------

CHART_WIDTH, CHART_HEIGHT, AXIS = 640, 220, 36


def bar_chart(rows, key, urgent_key=None):
    """Geometry for a bar chart of rows[key] (and an urgent bar beside it)."""
    values = [row[key] or 0 for row in rows]
    urgent_values = [row[urgent_key] or 0 for row in rows] if urgent_key else []
    top = max([*values, *urgent_values, 1])
    plot_height = CHART_HEIGHT - AXIS
    slot = (CHART_WIDTH - AXIS) / len(rows)
    width = slot * (0.4 if urgent_key else 0.7)
    bars = []
    for index, row in enumerate(rows):
        x = AXIS + index * slot + slot * 0.1
        bar = {"x": round(x, 1), "label": row["label"], "label_x": round(x + slot * 0.4, 1)}
        pairs = [("main", values[index])]
        if urgent_key:
            pairs.append(("urgent", urgent_values[index]))
        for name, value in pairs:
            height = plot_height * value / top
            bar[name] = {
                "x": round(x if name == "main" else x + width, 1),
                "y": round(plot_height - height + 4, 1),
                "height": round(height, 1),
                "value": value,
            }
        bars.append(bar)
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "bar_width": round(width, 1),
        "baseline": plot_height + 4,
        "label_y": plot_height + 22,
        "top": top,
        "bars": bars,
    }


def insight_context(today=None):
    figures = intake_figures(today)
    figures["count_chart"] = bar_chart(figures["rows"], "registrations", "urgent")
    figures["hours_chart"] = bar_chart(figures["rows"], "median_hours", "urgent_median_hours")
    return figures


class IntakeInsightView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "contact/admin/insight.html"
    page_title = _("Intake insight")
    header_icon = "clipboard-list"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("registrations:index"), "label": gettext("Registrations")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return insight_csv(intake_figures())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(insight_context())
        context["csv_url"] = reverse("registrations:insight") + "?export=csv"
        return context


def insight_csv(figures):
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="intake-insight.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            gettext("Week starting"),
            gettext("Registrations"),
            gettext("Urgent registrations"),
            gettext("Median hours to first contact"),
            gettext("Median hours to first contact (urgent)"),
        ]
    )
    blank = ""
    for row in figures["rows"]:
        writer.writerow(
            [
                row["week"].isoformat(),
                row["registrations"],
                row["urgent"],
                blank if row["median_hours"] is None else row["median_hours"],
                blank if row["urgent_median_hours"] is None else row["urgent_median_hours"],
            ]
        )
    overall = figures["overall"]
    writer.writerow(
        [
            gettext("All %(weeks)d weeks") % {"weeks": len(figures["rows"])},
            overall["registrations"],
            overall["urgent"],
            blank if overall["median_hours"] is None else overall["median_hours"],
            blank if overall["urgent_median_hours"] is None else overall["urgent_median_hours"],
        ]
    )
    return response


class IntakeInsightPanel(Component):
    """The dashboard's glance: registrations per week and the 12-week medians."""

    name = "intake_insight"
    template_name = "contact/admin/insight_panel.html"
    order = 60

    class Media:
        css = {"all": ["css/intake-admin.css"]}

    def get_context_data(self, parent_context):
        figures = intake_figures()
        return {
            **figures,
            "count_chart": bar_chart(figures["rows"], "registrations", "urgent"),
            "report_url": reverse("registrations:insight"),
        }
