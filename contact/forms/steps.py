"""The registration flow's five steps: one topic each, each a ModelForm over its slice of
Registration, validated on the server.

Forms are bound to the answers stored in the session, so a step always re-validates what it
shows; the registration is built from the same forms (contact.services) and check-your-answers
shows their answers (summary_rows), so a question's choices live in one place.
"""

from django.utils.translation import gettext_lazy as _

from .care import MedicalForm, VisitForm
from .people import ContactForm, PatientForm, WhoForm

__all__ = ["ContactForm", "MedicalForm", "PatientForm", "VisitForm", "WhoForm"]

STEPS = [WhoForm, PatientForm, ContactForm, MedicalForm, VisitForm]
STEP_SLUGS = [form.slug for form in STEPS]
FORMS_BY_SLUG = {form.slug: form for form in STEPS}
# Section headings on check-your-answers, where they differ from the step's title.
SUMMARY_TITLES = {"who": _("Who is filling in this form"), "visit": _("Visit and consent")}
