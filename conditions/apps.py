from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "conditions"

    def ready(self):
        from wagtail.signals import task_submitted

        from conditions import cache_purge
        from conditions.tasks import queue_review_request

        task_submitted.connect(queue_review_request, dispatch_uid="conditions_review_request")
        cache_purge.connect()
