"""Every question, hint and error of the registration flow that depends on who is filling it in.

One source, keyed by audience: PATIENT ("you") for the patient, CAREGIVER ("the patient") for
someone filling it in on their behalf, where questions about the patient say "the patient" and
questions about the person filling it in (their name, how to reach them) say "you". The
emergency screening comes before anyone says who they are, so it has NEUTRAL wording.

Each entry is a whole sentence marked for translation: a translator sees every sentence as it
is read, never fragments joined in code.
"""

from django.utils.translation import gettext_lazy as _

PATIENT = "patient"
CAREGIVER = "caregiver"

NEUTRAL = {
    "urgent_title": _("Before you start: is this urgent?"),
    "urgent_hint": _(
        "Answer for the person who needs care: yourself, or the person you are registering."
    ),
    "in_hospital_now": _("Is the person who needs care in hospital now?"),
    "in_hospital_now_required": _("Select whether the person who needs care is in hospital now."),
    "emergency_symptoms": _(
        "Does the person who needs care have new weakness, numbness, or loss of bladder or "
        "bowel control that started recently?"
    ),
    "emergency_symptoms_hint": _(
        "These can be signs of pressure on the spinal cord, which needs urgent care."
    ),
    "emergency_symptoms_required": _(
        "Select whether the person who needs care has new weakness, numbness, or loss of control."
    ),
}

WORDING = {
    PATIENT: {
        # Steps' titles (the page heading, or the question that is the heading).
        "patient_title": _("About you"),
        "contact_title": _("Your contact details"),
        "language_title": _("Which language do you need?"),
        "medical_title": _("About your condition"),
        "visit_title": _("Your visit and consent"),
        # About the patient.
        "first_name": _("Your legal first name"),
        "first_name_required": _("Enter your first name."),
        "last_name": _("Your legal last name"),
        "last_name_required": _("Enter your last name."),
        "legal_name": _("Your legal name"),
        "date_of_birth": _("Your date of birth"),
        "date_of_birth_required": _("Enter your date of birth."),
        "sex": _("Your sex (optional)"),
        # Contact details.
        "phone": _("Your phone number"),
        "state": _("State you live in"),
        "state_required": _("Select the state you live in."),
        "zip_code": _("Your ZIP code"),
        "zip_code_required": _("Enter your ZIP code."),
        "interpreter_needed": _("Do you need an interpreter?"),
        "interpreter_needed_required": _("Select whether you need an interpreter."),
        "interpreter_language_hint": _("For example: Spanish, Haitian Creole or Portuguese."),
        "interpreter_language_required": _("Enter the language you need."),
        "interpreter_summary": _("Interpreter"),
        # The condition.
        "condition": _("Which condition would you like to see us about?"),
        "biopsy_confirmed": _("Has a biopsy confirmed your diagnosis?"),
        "biopsy_confirmed_required": _("Select whether a biopsy has confirmed your diagnosis."),
        "current_treatment": _("Your current treatment (optional)"),
        "referring_physician_hint": _("The doctor who suggested you contact us, if any."),
        "insurance_provider": _("Your insurance provider (optional)"),
        # Visit and consent.
        "visit_type": _("How would you like to meet the team?"),
        "visit_type_required": _("Select how you would like to meet the team."),
        "consent_to_contact": _(
            "I agree that the care team may contact me about this registration."
        ),
        "consent_to_contact_required": _("You must agree to be contacted so we can help you."),
        # Advice shown on the condition step.
        "emergency_warning": _(
            "If you have new weakness, numbness, or loss of bladder or bowel control, call 911 "
            "or go to the nearest emergency department now."
        ),
    },
    CAREGIVER: {
        "patient_title": _("About the patient"),
        "contact_title": _("Your contact details"),
        "language_title": _("Which language does the patient need?"),
        "medical_title": _("About the patient's condition"),
        "visit_title": _("The patient's visit and consent"),
        "first_name": _("Patient's legal first name"),
        "first_name_required": _("Enter the patient's first name."),
        "last_name": _("Patient's legal last name"),
        "last_name_required": _("Enter the patient's last name."),
        "legal_name": _("Patient's legal name"),
        "date_of_birth": _("Patient's date of birth"),
        "date_of_birth_required": _("Enter the patient's date of birth."),
        "sex": _("Patient's sex (optional)"),
        # The contact details are those of the person filling the form in: "you" is right.
        "phone": _("Best phone number to reach you"),
        "state": _("State the patient lives in"),
        "state_required": _("Select the state the patient lives in."),
        "zip_code": _("Patient's ZIP code"),
        "zip_code_required": _("Enter the patient's ZIP code."),
        "interpreter_needed": _("Does the patient need an interpreter?"),
        "interpreter_needed_required": _("Select whether the patient needs an interpreter."),
        "interpreter_language_hint": _("For example: Spanish, Haitian Creole or Portuguese."),
        "interpreter_language_required": _("Enter the language the patient needs."),
        "interpreter_summary": _("Interpreter for the patient"),
        "condition": _("Which condition would the patient like to see us about?"),
        "biopsy_confirmed": _("Has a biopsy confirmed the patient's diagnosis?"),
        "biopsy_confirmed_required": _(
            "Select whether a biopsy has confirmed the patient's diagnosis."
        ),
        "current_treatment": _("The patient's current treatment (optional)"),
        "referring_physician_hint": _("The doctor who suggested the patient contact us, if any."),
        "insurance_provider": _("The patient's insurance provider (optional)"),
        "visit_type": _("How would the patient like to meet the team?"),
        "visit_type_required": _("Select how the patient would like to meet the team."),
        # Consent is given by the person the team will contact: the one filling the form in.
        "consent_to_contact": _(
            "I agree that the care team may contact me about this registration."
        ),
        "consent_to_contact_required": _(
            "You must agree to be contacted so we can help the patient."
        ),
        "emergency_warning": _(
            "If the patient has new weakness, numbness, or loss of bladder or bowel control, "
            "call 911 or go to the nearest emergency department now."
        ),
    },
}


def words(for_self):
    """The wording for the patient themselves (for_self) or for someone on their behalf."""
    return WORDING[PATIENT if for_self else CAREGIVER]
