from django.apps import AppConfig


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self):
        from .logging import redact_access_logs

        redact_access_logs()

        from .page_cache import signals

        signals.connect()
