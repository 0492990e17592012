from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code from your authenticator app.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        # People copy codes with spaces ("123 456") or dashes; devices compare bare tokens.
        return "".join(self.cleaned_data["code"].split()).replace("-", "").lower()
