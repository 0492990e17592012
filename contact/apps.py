from django.apps import AppConfig


class ContactConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "contact"

    def ready(self):
        from contact import checks  # noqa: F401 (registers the deployment checks)
