"""Shared care advice goes through the "Medical review" workflow by default (Wagtail's
WorkflowContentType), and Moderators may publish, lock and unlock it: approving the workflow's
last task publishes the advice as the approving moderator.

Existing advice is live already (0013); its latest revision becomes its live revision.
"""

from django.db import migrations

WORKFLOW_NAME = "Medical review"
MODERATOR_ACTIONS = ["publish", "lock", "unlock"]


def attach_workflow_and_grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    SharedCareAdvice = apps.get_model("conditions", "SharedCareAdvice")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    content_type, _ = ContentType.objects.get_or_create(
        app_label="conditions", model="sharedcareadvice"
    )
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).order_by("pk").first()
    if workflow is not None:
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )

    # Wagtail makes these permissions after migrating (post_migrate); the grant needs them now.
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    for action in MODERATOR_ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_sharedcareadvice",
            defaults={"name": f"Can {action} shared care advice"},
        )
        moderators.permissions.add(permission)

    for advice in SharedCareAdvice.objects.filter(live=True, live_revision__isnull=True):
        advice.live_revision_id = advice.latest_revision_id
        advice.save(update_fields=["live_revision"])


def detach_workflow(apps, schema_editor):
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(
        content_type__app_label="conditions", content_type__model="sharedcareadvice"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0013_shared_advice_drafts_and_workflow"),
        ("conditions", "0009_medical_reviewers_group_and_workflow"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(attach_workflow_and_grant, detach_workflow)]
