"""What every step form shares: a ModelForm over Registration, accessible errors, a honeypot,
and conversion to and from the strings kept in the session."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Registration
from .wording import words

HONEYPOT_FIELD = "website"
NOT_GIVEN = _("Not given")


def yes_no(value):
    return value == "yes"


class StepForm(forms.ModelForm):
    """One step of the flow: a ModelForm over its slice of Registration (Meta.fields)."""

    title = ""
    # The key of the step's title in the wording module, when it depends on who is answering.
    title_key = ""
    slug = ""
    # A step with one question shows the question as the page heading (legend or label).
    question_is_heading = False
    # A sentence under the heading of a step of several questions, where the step needs one.
    intro = ""
    # Fields shown as a group of inputs (fieldset + legend) rather than a single control.
    grouped_widgets = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.MultiWidget)
    # Short question labels for check-your-answers, where the form's label is a whole question.
    summary_labels = {}
    # Whether the step opens with the emergency warning (the medical questions do).
    emergency_warning = False

    # A field people never see; bots that fill every input fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Registration
        fields = []

    @classmethod
    def applies(cls, answers):
        """Whether this step is asked, given the answers so far (some are only for some)."""
        return True

    def __init__(self, *args, for_self=True, **kwargs):
        self.for_self = for_self
        self.words = words(for_self)
        if self.title_key:
            self.title = self.words[self.title_key]
        # A step validates on a scratch instance; the Registration that is saved is built once,
        # from all the steps, by contact.services. No reference is drawn for the scratch one.
        kwargs.setdefault("instance", Registration(reference=""))
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = self.fields.pop(HONEYPOT_FIELD)  # after the questions
        for field in self.fields.values():
            if isinstance(field.widget, (forms.TextInput, forms.Textarea, forms.Select)) and not (
                isinstance(field.widget, self.grouped_widgets)
            ):
                # Autofill would put the helper's own details into the patient's answers.
                field.widget.attrs.setdefault("autocomplete", "off")

    def word(self, name, **fields):
        """Set a field's label, hint and required error from the wording module: for each
        keyword (label=, help_text=, required=) the key of the sentence."""
        field = self.fields[name]
        for attribute, key in fields.items():
            if attribute == "required":
                field.error_messages["required"] = self.words[key]
            else:
                setattr(field, attribute, self.words[key])

    def honeypot_filled(self):
        return bool(str(self.data.get(HONEYPOT_FIELD, "")).strip())

    @property
    def question_fields(self):
        return [self[name] for name in self.fields if name != HONEYPOT_FIELD]

    def anchor_id(self, name, error=None):
        """The id of the input an error is about: what an error summary link targets."""
        bound = self[name]
        widget = bound.field.widget
        if isinstance(widget, forms.MultiWidget):
            part = (getattr(error, "params", None) or {}).get("part")
            names = [suffix.lstrip("_") for suffix in widget.widgets_names]
            return f"{bound.auto_id}_{part if part in names else names[0]}"
        if isinstance(widget, self.grouped_widgets):
            return f"{bound.auto_id}_0"
        return bound.auto_id

    def full_clean(self):
        super().full_clean()
        self._mark_errors()

    def _mark_errors(self):
        for name, field in self.fields.items():
            described = []
            if field.help_text:
                described.append(f"{self[name].auto_id}-hint")
            if name in self.errors:
                described.append(f"{self[name].auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    @property
    def error_list(self):
        """[(anchor id, message)] in field order, for the error summary."""
        items = []
        errors = self.errors.as_data()
        for name in self.fields:
            for error in errors.get(name, []):
                for message in error:
                    items.append((self.anchor_id(name, error), message))
        for message in self.non_field_errors():
            items.append(("", message))
        return items

    # --- Session storage ------------------------------------------------------------------

    def data_keys(self, name):
        """The names under which a field's inputs are posted."""
        html_name = self.add_prefix(name)
        widget = self.fields[name].widget
        if isinstance(widget, forms.MultiWidget):
            return [html_name + suffix for suffix in widget.widgets_names]
        return [html_name]

    def data_keys_all(self):
        return [key for name in self.fields for key in self.data_keys(name)]

    def draft(self):
        """What was typed into this step when it did not validate: its own fields only, each
        cut to just over its limit (enough to show the "at most N characters" error), so a
        bot cannot fill the session with megabytes."""
        draft = {}
        for name, field in self.fields.items():
            if name == HONEYPOT_FIELD:
                continue
            limit = (getattr(field, "max_length", None) or 200) + 1
            for key in self.data_keys(name):
                if key in self.data:
                    draft[key] = str(self.data.get(key, ""))[:limit]
        return draft

    def stored_data(self):
        """The validated answers as the strings the form is bound to again next time."""
        data = {}
        for name, field in self.fields.items():
            if name == HONEYPOT_FIELD:
                continue
            value = self.stored_value(name, self.cleaned_data.get(name))
            if isinstance(field.widget, forms.MultiWidget):
                data.update(zip(self.data_keys(name), field.widget.decompress(value), strict=True))
            else:
                data[name] = value
        return data

    def stored_value(self, name, value):
        field = self.fields[name]
        if isinstance(field, forms.BooleanField):
            return "on" if value else ""
        if isinstance(field, forms.TypedChoiceField) and field.coerce is yes_no:
            return "yes" if value else "no"
        if isinstance(field, forms.MultiValueField):
            return value
        return "" if value is None else str(value)

    # --- Check your answers ---------------------------------------------------------------

    def display_value(self, name):
        """The answer to one field as the patient chose it: a choice's label, not its value."""
        field = self.fields[name]
        value = self.cleaned_data.get(name)
        if isinstance(field, forms.BooleanField):
            return _("Yes") if value else _("No")
        if isinstance(field, forms.ChoiceField):
            raw = self.stored_value(name, value)
            return dict(field.choices).get(raw, raw) or NOT_GIVEN
        return value if value not in (None, "") else NOT_GIVEN

    def summary_rows(self):
        """[(label, answer, field name)] for check-your-answers."""
        return [
            (self.summary_labels.get(name, self.fields[name].label), self.display_value(name), name)
            for name in self.fields
            if name != HONEYPOT_FIELD
        ]
