"""The clinical content of a condition page, and a fingerprint of it.

A change to any of these fields needs a new medical review before it is published (or a
moderator's audited "no clinical change" confirmation). The fingerprint lets the publish rule
ask "is this the text a reviewer approved?" without keeping a copy of it.
"""

import hashlib
import json
import re

from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField

# Model fields (symptoms, a child relation, are added separately). The list plus the
# overview, which defines the condition and so is clinical too; diagnosis, outlook and the
# questions to ask (which steer what patients ask about their care) are clinical as well.
CLINICAL_FIELDS = [
    "summary",
    "other_names",
    "overview",
    "causes",
    "primary_cancers_intro",
    "primary_cancers",
    "how_it_develops",
    "symptoms_intro",
    "when_to_get_help",
    "diagnosis",
    "treatment",
    "outlook",
    "supportive_care",
    "questions_to_ask",
    "references",
]
CLINICAL_LABELS = {
    "summary": _("summary"),
    "other_names": _("other names"),
    "overview": _("overview"),
    "causes": _("causes"),
    "primary_cancers_intro": _("primary cancers"),
    "primary_cancers": _("primary cancers"),
    "how_it_develops": _("how it develops"),
    "symptoms_intro": _("symptoms"),
    "symptoms": _("symptoms"),
    "when_to_get_help": _("when to get help"),
    "diagnosis": _("diagnosis and tests"),
    "treatment": _("treatment"),
    "outlook": _("outlook"),
    "supportive_care": _("supportive care"),
    "questions_to_ask": _("questions to ask"),
    "references": _("references"),
}
# Draftail gives each paragraph a random key when text without one is loaded; it is not content.
BLOCK_KEY = re.compile(r'\s*data-block-key="[^"]*"')
TAG = re.compile(r"<[^>]*>")


def _normalise(value):
    if isinstance(value, dict):
        # Stream blocks keep an "id" across edits, but a new id is not a clinical change.
        return {key: _normalise(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    if isinstance(value, str):
        text = " ".join(BLOCK_KEY.sub("", value).split())
        # An emptied rich text field comes back from the editor as "<p></p>".
        if not TAG.sub("", text).strip() and "<embed" not in text:
            return ""
        return text
    return value


def normalise_content(value):
    """A field value as compared for clinical change: without stream block ids and Draftail
    paragraph keys, whitespace collapsed, an empty paragraph as nothing."""
    return _normalise(value)


def clinical_content(page, symptoms=None):
    """{field: comparable value}. `symptoms` overrides the page's rows: (name, detail) pairs."""
    content = {}
    for name in CLINICAL_FIELDS:
        field = page._meta.get_field(name)
        value = getattr(page, name)
        if isinstance(field, StreamField):
            value = field.stream_block.get_prep_value(value)
        content[name] = _normalise(value or "")
    if symptoms is None:
        symptoms = [(row.name, row.detail) for row in page.symptoms.all()]
    content["symptoms"] = _normalise([[name, detail or ""] for name, detail in symptoms])
    return content


def fingerprint(content):
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def changed_fields(old, new):
    """Readable names of the clinical fields that differ, in page order, without repeats."""
    labels = []
    for name in [*CLINICAL_FIELDS, "symptoms"]:
        if old.get(name) != new.get(name) and CLINICAL_LABELS[name] not in labels:
            labels.append(CLINICAL_LABELS[name])
    return labels


def unreviewed_clinical_changes(live_page, candidate, symptoms=None):
    """The clinical fields in which `candidate` (a draft about to be published) differs from
    the live page, unless a medical reviewer approved exactly this content: [] when it may be
    published. A page never published has no baseline; its first publication needs a
    reviewer and review date instead (ConditionPageForm)."""
    if live_page is None or not live_page.live:
        return []
    live_content = clinical_content(live_page)
    new_content = clinical_content(candidate, symptoms=symptoms)
    if new_content == live_content:
        return []
    if fingerprint(new_content) == candidate.reviewed_clinical_fingerprint:
        return []
    return changed_fields(live_content, new_content)
