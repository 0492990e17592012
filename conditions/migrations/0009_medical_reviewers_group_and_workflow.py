"""The Medical reviewers group, with its permissions as code, and the "Medical review" workflow
that condition pages go through by default (ConditionPage.get_workflow).

Medical reviewers sign in to the admin and may change pages: Wagtail's revision compare and
preview (what a reviewer reads before approving) need the edit permission. They cannot
publish. Which pages a reviewer may approve is decided per page by the Reviewer snippet linked
to their account (conditions/workflow.py), not by the group.

The workflow: "Medical review" (a reviewer named on the page approves), then the Moderators'
approval task (created by Wagtail's own migrations, or here if missing), which publishes.
"""

from django.db import migrations

from core.migration_helpers import grant_model_permissions, grant_page_permissions

GROUP = "Medical reviewers"
PERMISSIONS = {GROUP: [("wagtailadmin", "admin", "access_admin")]}
PAGE_PERMISSIONS = {GROUP: ["change_page"]}
WORKFLOW_NAME = "Medical review"


def moderators_task(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    moderators = Group.objects.get(name="Moderators")
    task = GroupApprovalTask.objects.filter(active=True, groups=moderators).order_by("pk").first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name="Moderators approval", content_type=content_type, active=True
        )
        task.groups.set([moderators])
    return task


def create_group_and_workflow(apps, schema_editor):
    grant_model_permissions(apps, PERMISSIONS)
    grant_page_permissions(apps, PAGE_PERMISSIONS)

    ContentType = apps.get_model("contenttypes", "ContentType")
    MedicalReviewTask = apps.get_model("conditions", "MedicalReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    if Workflow.objects.filter(name=WORKFLOW_NAME).exists():
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="conditions", model="medicalreviewtask"
    )
    review = MedicalReviewTask.objects.create(
        name="Medical review", content_type=content_type, active=True
    )
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=moderators_task(apps), sort_order=1)


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0008_medical_review_task_and_reviewer_accounts"),
        ("core", "0002_staff_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group_and_workflow, migrations.RunPython.noop)]
