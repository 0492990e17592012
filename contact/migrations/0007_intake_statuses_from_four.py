"""Today's four statuses onto the seven that match the work.

"contacted" meant a coordinator had spoken to the patient: it becomes "reached". New,
scheduled and closed keep their names. Going back, the new in-between statuses fold into
the nearest old one.
"""

from django.db import migrations

FORWARD = {"contacted": "reached"}
BACKWARD = {
    "attempting_contact": "contacted",
    "reached": "contacted",
    "referred_elsewhere": "closed",
    "not_proceeding": "closed",
}


def remap(mapping):
    def run(apps, schema_editor):
        Registration = apps.get_model("contact", "Registration")
        for old, new in mapping.items():
            Registration.objects.filter(status=old).update(status=new)

    return run


class Migration(migrations.Migration):
    dependencies = [("contact", "0006_intake_queue_call_log_escalation")]

    operations = [migrations.RunPython(remap(FORWARD), remap(BACKWARD))]
