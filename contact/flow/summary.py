"""Check-your-answers, built from the bound step forms: their labels, choices and answers."""

from .. import forms


def summary_sections(bound_forms, change_url):
    """[(heading, [row])] where a row is {label, value, change_url, field}."""
    sections = []
    for form in bound_forms:
        rows = [
            {
                "label": label,
                "value": value,
                "change_url": change_url(form.slug),
                "field": name,
            }
            for label, value, name in form.summary_rows()
        ]
        sections.append((forms.SUMMARY_TITLES.get(form.slug, form.title), rows))
    return sections
