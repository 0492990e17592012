"""Per-site registration settings: the page, who is told, opening hours and escalation."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

WEEKDAYS = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


class RegistrationSettingsForm(WagtailAdminModelForm):
    """Opening days are stored as weekday digits ("01234"); editors tick boxes."""

    opening_days = forms.MultipleChoiceField(
        label=_("Opening days"),
        choices=WEEKDAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["opening_days"] = list(self.instance.opening_days or "")

    def clean_opening_days(self):
        return "".join(sorted(set(self.cleaned_data["opening_days"])))

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opening_time"), cleaned.get("closing_time")
        if opens and closes and closes <= opens:
            self.add_error("closing_time", _("Closing time must be after opening time."))
        return cleaned


@register_setting(icon="clipboard-list")
class RegistrationSettings(BaseSiteSetting):
    """Per-site settings of the new-patient registration: where it is, who hears about it."""

    registration_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The new-patient registration page."),
    )
    intake_notification_email = models.EmailField(
        blank=True,
        help_text=_(
            "Shared inbox told about each new registration. The email holds only the reference "
            "and a link to the admin, never patient details."
        ),
    )
    urgent_notification_email = models.EmailField(
        blank=True,
        help_text=_(
            "Told at once, with URGENT in the subject, about registrations from patients in "
            "hospital or with emergency signs. Empty: the intake inbox above."
        ),
    )
    urgent_reminder_minutes = models.PositiveIntegerField(
        _("urgent reminder after (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text=_(
            "If no coordinator has opened an urgent registration after this many minutes of "
            "opening hours, the urgent address is told again."
        ),
    )
    opening_time = models.TimeField(default=datetime.time(8, 0))
    closing_time = models.TimeField(default=datetime.time(17, 0))
    opening_days = models.CharField(max_length=7, blank=True, default="01234")

    base_form_class = RegistrationSettingsForm
    panels = [
        PageChooserPanel("registration_page", "contact.RegistrationPage"),
        FieldPanel("intake_notification_email"),
        MultiFieldPanel(
            [
                FieldPanel("urgent_notification_email"),
                FieldPanel("urgent_reminder_minutes"),
                FieldRowPanel([FieldPanel("opening_time"), FieldPanel("closing_time")]),
                FieldPanel("opening_days"),
            ],
            heading=_("Urgent registrations and opening hours"),
            help_text=_("Times are in the site's time zone."),
        ),
    ]

    class Meta:
        verbose_name = _("registration settings")

    @property
    def urgent_recipient(self):
        return self.urgent_notification_email or self.intake_notification_email

    @property
    def opening_weekdays(self):
        return {int(day) for day in self.opening_days if day.isdigit()}
