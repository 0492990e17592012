"""Settings for the real db_worker that test_notification_recovery starts as a subprocess.

The test settings, but with the database task backend (DATABASE_URL from the environment
points at the test's database) and a mail backend that writes files and can hang mid-send.
"""

from site_project.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "tests.contact.hanging_mail.HangingFileBackend"
