"""The condition page's admin form: the medical-review rule for publishing and moderation."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from conditions.clinical import (
    clinical_content,
    fingerprint,
    normalise_content,
    unreviewed_clinical_changes,
)
from conditions.review import rolled_forward_due_date, site_of

PUBLISH_ACTION = "action-publish"


def confirmed_no_clinical_change(form, by_moderator):
    """The reason of a valid "no clinical change" confirmation, or None with the error shown
    next to the field: only a moderator may confirm, and always with a reason."""
    reason = (form.cleaned_data.get("no_clinical_change_reason") or "").strip()
    if not by_moderator:
        form.add_error(
            "no_clinical_change", _("Only a moderator can confirm that a change is not clinical.")
        )
        return None
    if not reason:
        form.add_error(
            "no_clinical_change_reason", _("Say why this change alters no clinical meaning.")
        )
        return None
    return reason


class ConditionPageForm(WagtailAdminPageForm):
    """Drafts may lack a medical review; publishing (or asking a moderator to) may not, and
    publishing a clinical change needs a new review or a moderator's "no clinical change"."""

    no_clinical_change = forms.BooleanField(
        required=False,
        label=_("No clinical change (moderators)"),
        help_text=_(
            "Publish a correction to clinical text without a new medical review, for example "
            "a typo. Only for changes that alter no clinical meaning; written to the audit "
            "log with your reason. Not shown to patients."
        ),
    )
    no_clinical_change_reason = forms.CharField(
        required=False,
        max_length=500,
        label=_("Reason"),
        help_text=_("For example: Fixed the spelling of 'paralysis' in the symptoms."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.has_changed = _ignoring_paragraph_keys(field)
        self._symptoms_before = [
            (row.name, row.detail or "") for row in self.instance.symptoms.all()
        ]

    def has_changed(self):
        """Whether the edit changes the page. A symptom added in a draft has no id yet, so its
        form always looks new to Django; compare the symptoms themselves instead."""
        if self.changed_data:
            return True
        for name, formset in self.formsets.items():
            if name == "symptoms":
                submitted = self._submitted_symptoms()
                if (
                    submitted is None
                    or [(symptom, detail or "") for symptom, detail in submitted]
                    != self._symptoms_before
                ):
                    return True
            elif formset.has_changed():
                return True
        return False

    def clean(self):
        cleaned_data = super().clean()
        self._roll_next_review_forward(cleaned_data)
        # Wagtail defers required-field checks when an editor saves a draft; the rule below
        # follows the same switch so it applies to publishing and to submitting for review.
        # A page awaiting approval is the exception: approving it publishes its latest draft,
        # so a draft saved during moderation must keep the medical review too.
        in_moderation = self.is_deferred_validation and self._in_moderation()
        if not self.is_deferred_validation or in_moderation:
            missing_date = not cleaned_data.get("last_reviewed")
            missing_reviewer = not self._reviewer_chosen()
            if missing_date:
                self.add_error(
                    "last_reviewed",
                    _("Enter the date of the last medical review before publishing this page."),
                )
            if missing_reviewer:
                self.add_error(
                    None,
                    _("Add at least one medical reviewer before publishing this page."),
                )
            if in_moderation and (missing_date or missing_reviewer):
                self.add_error(
                    None,
                    _(
                        "This page is awaiting approval, and approving it publishes this draft, "
                        "so the draft must keep its medical review."
                    ),
                )
        # The model's own check is for publishing paths that bypass this form.
        self.instance._publish_rules_checked_by_form = True
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        # Only now does the instance carry the edited fields; symptoms come from the formset.
        if PUBLISH_ACTION in self.data:
            self._check_clinical_change()

    def _submitted_symptoms(self):
        formset = self.formsets.get("symptoms")
        if formset is None or not formset.is_valid():
            return None
        return [
            (form.cleaned_data.get("name", ""), form.cleaned_data.get("detail", ""))
            for form in formset.ordered_forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def _check_clinical_change(self):
        page = self.instance
        if not page.pk or not page.live:
            return  # a first publication carries its review date and reviewer (clean above)
        symptoms = self._submitted_symptoms()
        if symptoms is None:
            return  # the formset's own errors are shown; nothing will be saved
        live = type(page).objects.get(pk=page.pk)
        changes = unreviewed_clinical_changes(live, page, symptoms=symptoms)
        if not changes:
            return
        if self.cleaned_data.get("no_clinical_change"):
            reason = confirmed_no_clinical_change(self, self._user_can_publish())
            if reason:
                content = clinical_content(page, symptoms=symptoms)
                page.reviewed_clinical_fingerprint = fingerprint(content)
                page._no_clinical_change = {
                    "reason": reason,
                    "fields": [str(label) for label in changes],
                }
            return
        self.add_error(
            None,
            _(
                "This edit changes clinical content (%(fields)s), so it needs a new medical "
                "review: submit it for review instead of publishing. A moderator correcting a "
                "typo can tick “No clinical change” in the Medical review panel and give a reason."
            )
            % {"fields": ", ".join(str(label) for label in changes)},
        )

    def _user_can_publish(self):
        user = getattr(self, "for_user", None)
        return bool(user) and self.instance.permissions_for_user(user).can_publish()

    def _roll_next_review_forward(self, cleaned_data):
        """A new last-reviewed date moves the due date on by the site's interval, unless the
        editor set the due date in the same edit (the model fills a blank one)."""
        last_reviewed = cleaned_data.get("last_reviewed")
        if (
            last_reviewed
            and "last_reviewed" in self.changed_data
            and "next_review_due" not in self.changed_data
        ):
            site = site_of(self.instance, getattr(self, "parent_page", None))
            cleaned_data["next_review_due"] = rolled_forward_due_date(last_reviewed, site)

    def save(self, commit=True):
        page = super().save(commit=False)
        # modelcluster numbers every row of an ordered formset but only keeps the rows whose
        # fields changed; an untouched row keeps its old sort_order (None for rows made in
        # code), which then sorts first on SQLite and last on PostgreSQL. Keep every row.
        for name, formset in self.formsets.items():
            if formset.can_order and hasattr(formset.model, "sort_order_field"):
                getattr(page, name).add(*(form.instance for form in formset.ordered_forms))
        if commit:
            page.save()
            self.save_m2m()
        return page

    def _in_moderation(self):
        return bool(self.instance.pk) and self.instance.workflow_in_progress

    def _reviewer_chosen(self):
        reviewers = self.formsets.get("page_reviewers")
        if reviewers is None:
            # A form built without the reviewers panel cannot check; the model does.
            return True
        # ClusterForm cleans the formsets only after this form's own clean(), so clean the
        # reviewers now (is_valid caches its result; the later pass reuses it).
        reviewers.is_valid()
        return any(
            form.cleaned_data.get("reviewer") and not form.cleaned_data.get("DELETE")
            for form in reviewers.forms
            if hasattr(form, "cleaned_data")
        )


def _ignoring_paragraph_keys(field):
    """The field's has_changed, except that rich text whose only difference is Draftail's
    paragraph keys is unchanged. Text made outside the admin (imports, the demo) has no keys,
    and the editor gives it new random ones on every load: without this, a moderator approving
    in the editor would "edit" the page and, with WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT,
    send it back to the medical review."""
    original = field.has_changed
    block = getattr(field, "block", None)

    def has_changed(initial, data):
        if not original(initial, data):
            return False
        try:
            if block is not None:
                initial, data = block.get_prep_value(initial), block.get_prep_value(data)
            elif not isinstance(initial, str) or not isinstance(data, str):
                return True
            return normalise_content(initial) != normalise_content(data)
        except Exception:  # noqa: BLE001 - when in doubt, it changed
            return True

    return has_changed


class SharedCareAdviceForm(WagtailAdminModelForm):
    """Shared advice follows the page rule. Whoever may edit it saves drafts (pages keep
    showing the live version) and submits them to the "Medical review" workflow, where one of
    its reviewers approves (conditions/workflow.py). Publishing a change to the card's clinical
    content needs that approval, or a moderator's audited "no clinical change". Saving it never
    touches the pages that show it."""

    no_clinical_change = ConditionPageForm.base_fields["no_clinical_change"]
    no_clinical_change_reason = ConditionPageForm.base_fields["no_clinical_change_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.has_changed = _ignoring_paragraph_keys(field)

    def clean(self):
        cleaned_data = super().clean()
        last_reviewed = cleaned_data.get("last_reviewed")
        if last_reviewed and last_reviewed > timezone.localdate():
            self.add_error("last_reviewed", _("A review date cannot be in the future."))
        date_moved = "last_reviewed" in self.changed_data
        if self.instance.pk and date_moved and not _can_publish_advice(self.for_user):
            self.add_error(
                "last_reviewed",
                _(
                    "Only a moderator can change the review date by hand. Submit the advice "
                    "to the Medical review workflow: a reviewer's approval sets it to that day."
                ),
            )
        # As on pages: a new review date moves the due date on, unless it was set in this edit.
        if last_reviewed and date_moved and "next_review_due" not in self.changed_data:
            cleaned_data["next_review_due"] = rolled_forward_due_date(last_reviewed)
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        # Only publishing needs the review: a draft never reaches patients.
        advice = self.instance
        if not advice.pk or self.errors or PUBLISH_ACTION not in self.data:
            return
        live = type(advice).objects.filter(pk=advice.pk, live=True).first()
        if live is None:
            return  # a first publication carries its reviewers and review date (required)
        content, live_content = advice.clinical_content(), live.clinical_content()
        if content == live_content or fingerprint(content) == advice.reviewed_clinical_fingerprint:
            return
        changes = [
            str(advice._meta.get_field(name).verbose_name)
            for name in content
            if content[name] != live_content[name]
        ]
        if self.cleaned_data.get("no_clinical_change"):
            reason = confirmed_no_clinical_change(self, _can_publish_advice(self.for_user))
            if reason:
                advice.reviewed_clinical_fingerprint = fingerprint(content)
                advice._no_clinical_change = {"reason": reason, "fields": changes}
            return
        self.add_error(
            None,
            _(
                "This edit changes the advice's clinical content (%(fields)s), so it needs a "
                "new medical review: save it as a draft and submit it to the Medical review "
                "workflow, where one of its reviewers (%(reviewers)s) approves it. A moderator "
                "correcting a typo can tick “No clinical change” and give a reason instead."
            )
            % {
                "fields": ", ".join(changes),
                "reviewers": "; ".join(str(r) for r in live.reviewers.all()) or "—",
            },
        )


def _can_publish_advice(user):
    from wagtail.permissions import policy_registry

    from conditions.models import SharedCareAdvice

    policy = policy_registry.get_by_type(SharedCareAdvice)
    return bool(user) and policy.user_has_permission(user, "publish")
