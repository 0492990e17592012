"""Medical review in the admin: the dashboard panel and the Reports-menu report.

The workflow task is in conditions/workflow.py, the reminders in conditions/reminders.py."""
