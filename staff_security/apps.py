from django.apps import AppConfig


class StaffSecurityConfig(AppConfig):
    """Staff sign-in: lockout (django-axes), a second factor (django-otp) and session limits."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "staff_security"
    verbose_name = "Staff sign-in"

    def ready(self):
        from . import signals  # noqa: F401 - connects the audit and session receivers
