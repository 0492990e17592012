"""The contact app's models, one module per concern; import them from here.

pages: the registration page; registration: registrations and their queryset; attempts: the
call log; exports: big exports built in the background; settings: per-site registration
settings (addresses, opening hours, escalation).
"""

from .attempts import ContactAttempt
from .exports import RegistrationExport
from .pages import DEFAULT_PROMISE, RegistrationPage
from .registration import Registration, RegistrationQuerySet, generate_reference
from .settings import RegistrationSettings

__all__ = [
    "DEFAULT_PROMISE",
    "ContactAttempt",
    "Registration",
    "RegistrationPage",
    "RegistrationExport",
    "RegistrationQuerySet",
    "RegistrationSettings",
    "generate_reference",
]
