"""The condition page's admin form: the medical-review rule for publishing and moderation."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from conditions.review import rolled_forward_due_date, site_of


class ConditionPageForm(WagtailAdminPageForm):
    """Drafts may lack a medical review; publishing (or asking a moderator to) may not."""

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
