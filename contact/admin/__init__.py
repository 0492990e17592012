"""Intake of new-patient registrations in the Wagtail admin.

Modules: permissions (who gets in, the 403 gate), audit (log entries), actions (assign,
status, call log: each saved and audited), forms (their small forms), bulk (bulk assign and
status), filters (search and filters), columns and views (the list and its exports, the edit
form), paging (pages found by id first), inspect (every answer and the actions in place),
exports (spreadsheet columns), background_exports (big exports built by the task worker,
their download link and clean-up), times (the site's time zone, named), insight (weekly
figures and SVG charts), viewsets (the admin viewset) and panels (the dashboard summary).
Registered in contact/wagtail_hooks.py.

Registrations are protected health information, so this module is deliberately strict:

* Only members of the "Intake coordinators" group (view, change and export registration
  permissions) and superusers get in. Everyone else receives a 403 on every URL, whether the
  registration exists or not; Wagtail's usual "redirect to the dashboard" is replaced by a
  real 403 so nothing about registrations is hinted at.
* Nobody adds or copies a registration here: they only come from the public flow.
* Exporting needs ``contact.export_registration``, not just view.
* Every list view, inspection, export, edit, delete, assignment, status change and contact
  attempt is written to Wagtail's audit log with the user and the reference only
  (``Registration.__str__``). Search terms, names, phone numbers, notes and field values
  never go into a log entry; edits record changed field names.
"""
