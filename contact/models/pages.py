"""The registration page: hosts the flow, holds its editable words."""

from django.db import models
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from core.blocks import RICH_TEXT_FEATURES
from core.models import BasePage, OnePerLanguage

DEFAULT_PROMISE = "A coordinator will call you within one business day."
NEUTRAL_PATIENT_HELP = "Use the legal name on the insurance card or photo ID."
NEUTRAL_VISIT_HELP = "Choose the kind of first appointment that suits best."


class RegistrationPage(OnePerLanguage, RoutablePageMixin, BasePage):
    """Hosts the new-patient registration flow; its words are editable in the admin.

    The flow itself (steps, check answers, confirmation) lives in contact/flow/views.py and is
    routed here with RoutablePageMixin, so the page's URL is wherever editors put it.
    """

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    response_time_promise = models.CharField(
        max_length=200,
        default=DEFAULT_PROMISE,
        help_text=_("Shown on the confirmation page and in the patient's acknowledgement email."),
    )
    who_help = models.TextField(
        _("'Who is filling this in' help"),
        max_length=500,
        blank=True,
        default="You can register for yourself or for someone you care for.",
    )
    patient_help = models.TextField(
        _("'About the patient' help"),
        max_length=500,
        blank=True,
        # Shown to patients and to caregivers alike, so it names neither "you" nor "the patient".
        default=NEUTRAL_PATIENT_HELP,
    )
    sex_reason = models.CharField(
        _("why we ask about sex"),
        max_length=300,
        blank=True,
        default=(
            "We ask because some conditions and treatments affect people differently. "
            "You do not have to answer."
        ),
    )
    contact_help = models.TextField(
        _("'Contact details' help"),
        max_length=500,
        blank=True,
        default="A care coordinator will use these details to arrange the first appointment.",
    )
    medical_help = models.TextField(
        _("'About the condition' help"),
        max_length=500,
        blank=True,
        default="Answer as well as you can. It is fine to say you are not sure.",
    )
    visit_help = models.TextField(
        _("'Visit and consent' help"),
        max_length=500,
        blank=True,
        default=NEUTRAL_VISIT_HELP,
    )
    check_help = models.TextField(
        _("'Check your answers' help"),
        max_length=500,
        blank=True,
        default="Check your answers before you send them. You can change any answer.",
    )
    confirmation_text = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What happens next, shown after the patient sends the registration."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("who_help"),
                FieldPanel("patient_help"),
                FieldPanel("sex_reason"),
                FieldPanel("contact_help"),
                FieldPanel("medical_help"),
                FieldPanel("visit_help"),
                FieldPanel("check_help"),
            ],
            heading=_("Step help texts"),
        ),
        MultiFieldPanel(
            [FieldPanel("confirmation_text"), FieldPanel("response_time_promise")],
            heading=_("Confirmation"),
        ),
    ]

    parent_page_types = ["core.HomePage"]
    subpage_types = []
    template = "contact/registration_page.html"

    class Meta:
        verbose_name = _("registration page")

    @method_decorator(sensitive_post_parameters())
    def serve(self, request, *args, **kwargs):
        # Marked before routing, so an error anywhere below never reports the answers.
        return super().serve(request, *args, **kwargs)

    # Routes: the flow's views live in contact/flow/views.py to keep this module about data.
    @path("")
    def start(self, request):
        from contact.flow import views

        return views.start(request, self)

    @path("step/<slug:step>/")
    def step(self, request, step):
        from contact.flow import views

        return views.step(request, self, step)

    @path("check/")
    def check_answers(self, request):
        from contact.flow import views

        return views.check_answers(request, self)

    @path("help-now/", name="urgent_advice")
    def urgent_advice(self, request):
        from contact.flow import views

        return views.urgent_advice(request, self)

    @path("confirmation/")
    def confirmation(self, request):
        from contact.flow import views

        return views.confirmation(request, self)

    @path("confirmation/print/", name="confirmation_print")
    def confirmation_print(self, request):
        from contact.flow import views

        return views.confirmation(request, self, printable=True)
