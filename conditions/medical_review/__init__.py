"""Medical review in the admin: the dashboard panel, the report, reminders and the workflow task."""
