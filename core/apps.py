import logging

from django.apps import AppConfig
from django.db import DatabaseError
from django.db.models.signals import post_migrate

logger = logging.getLogger(__name__)


def schedule_upkeep(sender, **kwargs):
    """After migrate: make sure the session clean-up is queued for the task worker."""
    from .tasks import schedule_session_cleanup

    try:
        schedule_session_cleanup(delay=0)
    except DatabaseError as error:  # e.g. migrating back past the task queue's tables
        logger.warning("Session clean-up not scheduled (%s).", type(error).__name__)


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self):
        from .logging import redact_access_logs

        redact_access_logs()
        # Once per migrate (the signal's sender is this app), after every app's tables exist.
        post_migrate.connect(schedule_upkeep, sender=self, dispatch_uid="core.schedule_upkeep")

        from .page_cache import signals

        signals.connect()
