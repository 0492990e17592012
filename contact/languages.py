"""The language a patient used the registration flow in: stored on the registration, shown to
intake staff, used for the patient's acknowledgement email and to suggest an interpreter.

The flow's language is the page's (the URL's: /es/… is Spanish, core/i18n.py). Staff emails and
the intake screens stay in the site's default language.
"""

from django.conf import settings
from django.utils import translation


def current_language():
    """The active language as one of settings.LANGUAGES' codes."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else language.split("-")[0]


def language_name(code):
    """The language's own name (Español), else the code."""
    return dict(settings.LANGUAGES).get(code, code)


def interpreter_suggestion(language):
    """Initial answers for the interpreter question: a flow in a language other than the
    default suggests an interpreter in that language (the patient can change it)."""
    if not language or language == settings.LANGUAGE_CODE:
        return {}
    return {"interpreter_needed": "yes", "interpreter_language": language_name(language)}


def in_registration_language(registration):
    """A context manager: the registration's language active (the patient's emails)."""
    return translation.override(registration.language or settings.LANGUAGE_CODE)


def in_staff_language():
    """A context manager: the site's default language (staff emails)."""
    return translation.override(settings.LANGUAGE_CODE)
