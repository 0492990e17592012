from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for development and demos. The top layer: it may import every app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
