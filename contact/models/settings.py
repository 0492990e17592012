"""Per-site registration settings: the page, who is told, opening hours and escalation."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext, gettext_noop
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

# Marked for the catalogue: the default wording is shown in the reader's language; wording an
# editor wrote is shown as written (one set per site, in English for now).
DEFAULT_URGENT_PROMISE = gettext_noop(
    "Because this may be urgent, a care coordinator will call you today during our opening "
    "hours. If we are closed now, we will call you as soon as we open."
)
DEFAULT_EMAIL_PROMISE = gettext_noop("A coordinator will email you within one business day.")
DEFAULT_TEXT_PROMISE = gettext_noop(
    "A coordinator will send you a text message within one business day."
)


def _promise(value, default):
    """An emptied field falls back to the default, never to none; the default is translated."""
    return value if value and value != default else gettext(default)


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

    # What the confirmation promises. A phone call's promise is the registration page's
    # "response time promise" (also in the acknowledgement email).
    urgent_response_promise = models.CharField(
        _("promise for urgent registrations"),
        max_length=300,
        blank=True,
        default=DEFAULT_URGENT_PROMISE,
        help_text=_(
            "Shown to patients in hospital or with emergency signs, after what to do now. "
            "Name when the call comes: today, during opening hours. Empty: the default."
        ),
    )
    email_response_promise = models.CharField(
        _("promise to patients who chose email"),
        max_length=300,
        blank=True,
        default=DEFAULT_EMAIL_PROMISE,
    )
    text_response_promise = models.CharField(
        _("promise to patients who chose a text message"),
        max_length=300,
        blank=True,
        default=DEFAULT_TEXT_PROMISE,
    )
    records_address = models.TextField(
        _("address for medical records"),
        max_length=500,
        blank=True,
        help_text=_(
            "Where patients can send copies of scans and reports (a postal address, or a fax "
            "number). Shown on the confirmation; empty: patients are asked to call."
        ),
    )

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
        MultiFieldPanel(
            [
                FieldPanel("urgent_response_promise"),
                FieldPanel("email_response_promise"),
                FieldPanel("text_response_promise"),
                FieldPanel("records_address"),
            ],
            heading=_("Confirmation page"),
        ),
    ]

    class Meta:
        verbose_name = _("registration settings")

    @property
    def urgent_recipient(self):
        return self.urgent_notification_email or self.intake_notification_email

    # The confirmation's promises.
    @property
    def urgent_promise(self):
        return _promise(self.urgent_response_promise, DEFAULT_URGENT_PROMISE)

    @property
    def email_promise(self):
        return _promise(self.email_response_promise, DEFAULT_EMAIL_PROMISE)

    @property
    def text_promise(self):
        return _promise(self.text_response_promise, DEFAULT_TEXT_PROMISE)

    @property
    def opening_weekdays(self):
        return {int(day) for day in self.opening_days if day.isdigit()}
