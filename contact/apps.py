import logging

from django.apps import AppConfig
from django.db import DatabaseError
from django.db.models.signals import post_migrate

logger = logging.getLogger(__name__)


def schedule_upkeep(sender, **kwargs):
    """After migrate: make sure the export clean-up is queued for the task worker."""
    from .tasks import schedule_export_cleanup

    try:
        schedule_export_cleanup(delay=0)
    except DatabaseError as error:  # e.g. migrating back past the task queue's tables
        logger.warning("Export clean-up not scheduled (%s).", type(error).__name__)


class ContactConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "contact"

    def ready(self):
        from contact import checks  # noqa: F401 (registers the deployment checks)

        post_migrate.connect(schedule_upkeep, sender=self, dispatch_uid="contact.schedule_upkeep")
