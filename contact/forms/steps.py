"""The registration flow's steps: one topic each, each a ModelForm over its slice of
Registration, validated on the server.

Forms are bound to the answers stored in the session, so a step always re-validates what it
shows; the registration is built from the same forms (contact.services) and check-your-answers
shows their answers (summary_rows), so a question's choices live in one place.
"""

from django.utils.translation import gettext_lazy as _

from .care import MedicalForm, UrgentForm, VisitForm
from .people import CaregiverForm, ContactForm, LanguageForm, PatientForm, WhoForm

__all__ = [
    "CaregiverForm",
    "ContactForm",
    "LanguageForm",
    "MedicalForm",
    "PatientForm",
    "UrgentForm",
    "VisitForm",
    "WhoForm",
]

# In order. The emergency screening comes first, before any personal details; the caregiver
# and language steps are asked only when they apply (StepForm.applies).
STEPS = [
    UrgentForm,
    WhoForm,
    CaregiverForm,
    PatientForm,
    ContactForm,
    LanguageForm,
    MedicalForm,
    VisitForm,
]
STEP_SLUGS = [form.slug for form in STEPS]
FORMS_BY_SLUG = {form.slug: form for form in STEPS}
# Section headings on check-your-answers, where they differ from the step's title.
SUMMARY_TITLES = {
    "urgent": _("Urgent symptoms"),
    "who": _("Who is filling in this form"),
    "caregiver": _("About you"),
    "language": _("Interpreter"),
    "visit": _("Visit and consent"),
}


def steps_for(answers):
    """The step forms this flow asks, in order, given the answers so far."""
    return [form_class for form_class in STEPS if form_class.applies(answers)]
