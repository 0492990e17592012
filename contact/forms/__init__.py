"""The registration flow's step forms (steps), what they share (base), their choices
(choices) and the date of birth field (dates)."""

from .base import HONEYPOT_FIELD, StepForm, yes_no
from .choices import NOT_SURE, US_STATES, YES_NO, live_condition, live_condition_choices
from .dates import MAX_AGE_YEARS, DateOfBirthField, DateOfBirthWidget
from .steps import (
    FORMS_BY_SLUG,
    STEP_SLUGS,
    STEPS,
    SUMMARY_TITLES,
    CaregiverForm,
    ContactForm,
    LanguageForm,
    MedicalForm,
    PatientForm,
    UrgentForm,
    VisitForm,
    WhoForm,
    steps_for,
)
from .wording import CAREGIVER, NEUTRAL, PATIENT, WORDING, words

__all__ = [
    "FORMS_BY_SLUG",
    "HONEYPOT_FIELD",
    "MAX_AGE_YEARS",
    "NOT_SURE",
    "STEPS",
    "STEP_SLUGS",
    "SUMMARY_TITLES",
    "US_STATES",
    "YES_NO",
    "CAREGIVER",
    "NEUTRAL",
    "PATIENT",
    "WORDING",
    "CaregiverForm",
    "ContactForm",
    "LanguageForm",
    "UrgentForm",
    "steps_for",
    "words",
    "DateOfBirthField",
    "DateOfBirthWidget",
    "MedicalForm",
    "PatientForm",
    "StepForm",
    "VisitForm",
    "WhoForm",
    "live_condition",
    "live_condition_choices",
    "yes_no",
]
