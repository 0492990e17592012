"""POST data for the condition page's admin form, built with Wagtail's form_data helpers."""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

PUBLISH = {"action-publish": "action-publish"}
SUBMIT = {"action-submit": "action-submit"}
# A moderator's audited confirmation that an edit to clinical fields changes no clinical
# meaning (reordering symptoms, say), so it may be published without a new medical review.
NO_CLINICAL_CHANGE = {
    "no_clinical_change": "on",
    "no_clinical_change_reason": "Reordered the symptoms; no change in meaning.",
}


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["conditions", "conditionpage", parent.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def care_card(level, heading, signs, advice=""):
    return (
        "care_card",
        {
            "level": level,
            "heading": heading,
            # A ListBlock reads the same count/value/deleted/order keys as a stream.
            "signs": streamfield([("item", sign) for sign in signs]),
            "advice": rich_text(advice),
            "signs_in_brief": "",
        },
    )


def heading(text, level="h3"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", rich_text(html))


def treatment_option(name, summary, link_page=None, link_url=""):
    return (
        "treatment_option",
        {
            "name": name,
            "summary": summary,
            "link_page": str(link_page.pk) if link_page else "",
            "link_url": link_url,
        },
    )


def condition_form_data(
    title="Spinal metastases",
    slug="spinal-metastases",
    summary="Tumors in the spine that spread from a cancer elsewhere in the body.",
    symptoms=(),
    care_cards=(),
    treatment=(),
    reviewers=(),
    last_reviewed="",
    next_review_due="",
    related=(),
    primary_cancers=(),
    **extra,
):
    """Form data as the create view expects it. `symptoms` is a list of names or of dicts
    (with an "id" and "ORDER" to edit existing rows); `reviewers` a list of Reviewer objects."""
    symptom_forms = [s if isinstance(s, dict) else {"name": s, "detail": ""} for s in symptoms]
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": summary,
            "other_names": streamfield([("name", "Secondary spinal tumors")]),
            "overview": rich_text("<p>Tumors in the bones of the spine.</p>"),
            "causes": rich_text(""),
            "primary_cancers_intro": "It most often spreads from these cancers.",
            "primary_cancers": streamfield(
                [
                    ("primary_cancer", {"name": name, "page": str(page.pk) if page else ""})
                    for name, page in primary_cancers
                ]
            ),
            "how_it_develops": rich_text(""),
            "symptoms_intro": "Some people have no symptoms at all.",
            "symptoms": inline_formset(
                symptom_forms,
                initial=sum(1 for form in symptom_forms if form.get("id")),
            ),
            "when_to_get_help": streamfield(list(care_cards)),
            "diagnosis": rich_text(""),
            "treatment": streamfield(list(treatment)),
            "outlook": rich_text(""),
            "our_approach": streamfield([]),
            "supportive_care": rich_text(""),
            "questions_to_ask": streamfield([]),
            "references": streamfield([]),
            "related_conditions": inline_formset(
                [{"related_page": str(page.pk)} for page in related]
            ),
            "page_reviewers": inline_formset(
                [{"reviewer": str(reviewer.pk)} for reviewer in reviewers]
            ),
            "last_reviewed": str(last_reviewed or ""),
            "next_review_due": str(next_review_due or ""),
            "comments": inline_formset([]),
        }
    )
    data.update(extra)
    return data


def form_errors(response):
    """The form's and formsets' errors, for assertion messages."""
    context = getattr(response, "context", None)
    if not context or "form" not in context:
        return f"status {response.status_code}, no form in context"
    form = context["form"]
    errors = {name: list(messages) for name, messages in form.errors.items()}
    for name, formset in form.formsets.items():
        if formset.non_form_errors() or any(formset.errors):
            errors[name] = (list(formset.non_form_errors()), formset.errors)
    return errors
