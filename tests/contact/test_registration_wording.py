""" "You" for a patient, "the patient" for a caregiver: every step walked in both modes.

Each step's page (heading, questions, hints, the step's help) is read as shown, then sent
empty to read the errors shown; and every error message each field of the step's form can
give is read from the form itself, so a message no empty post shows is checked too.
"""

import html
import re

import pytest

from contact import forms
from contact.forms import CAREGIVER, NEUTRAL, PATIENT, WORDING
from tests.contact.flow import fill_steps, valid_answers

pytestmark = pytest.mark.django_db

# The patient spoken of in the third person: never right when the patient is reading.
# ("I am the patient", a choice on the first question, is the patient speaking.)
THIRD_PERSON = re.compile(r"(?<!am )\bthe patient\b|\bpatient's\b|\bpatient’s\b", re.IGNORECASE)
# The patient addressed as "you": never right in a question about the patient to a caregiver.
# ("You do not have to answer" speaks to whoever fills the form in, and is fine for both.)
SECOND_PERSON = re.compile(
    r"\byour\b|\byou (are|have|need|live|were|would|like)\b|\b(do|are|have|would) you\b",
    re.IGNORECASE,
)


def _text(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _form_region(body):
    """The step's heading, questions, hints and errors: the form and the error summary."""
    main = body.split('<main id="content"', 1)[1].split("</main>", 1)[0]
    main = main.split('<div class="reg-hp">', 1)[0]  # the bots' field, which people never see
    return _text(main)


def _about_the_patient(label):
    """A caregiver's question about the patient (not about themselves, as "Your
    relationship to the patient" is)."""
    return bool(THIRD_PERSON.search(str(label))) and not re.search(r"\byour?\b", str(label), re.I)


def _field_messages(form):
    """[(field label, [label, hint, every error message])] for each question of a form."""
    found = []
    for bound in form.question_fields:
        field = bound.field
        messages = [str(field.label or ""), _text(str(field.help_text or ""))]
        messages += [str(message) for message in field.error_messages.values()]
        found.append((str(field.label or ""), messages))
    return found


def _only_for(audience):
    """The sentences of one audience that the other's wording does not share."""
    other = CAREGIVER if audience == PATIENT else PATIENT
    shared = {str(sentence) for sentence in WORDING[other].values()}
    return [str(s) for s in WORDING[audience].values() if str(s) not in shared]


def _walk(client, site, caregiver):
    """[(slug, shown text, errors text, form)] for every step after the screening."""
    answers = valid_answers(site.condition.pk, caregiver=caregiver, interpreter="Spanish")
    fill_steps(client, site, answers, steps=["urgent"])
    pages = []
    for slug in list(answers)[1:]:
        url = site.step_url(slug)
        shown = client.get(url)
        assert shown.status_code == 200, slug
        client.post(url, {"website": ""})  # every required question left unanswered
        errors = client.get(url).content.decode()
        form_class = forms.FORMS_BY_SLUG[slug]
        form = form_class(for_self=not caregiver)
        pages.append((slug, _form_region(shown.content.decode()), _form_region(errors), form))
        fill_steps(client, site, answers, steps=[slug])
    return pages


def test_every_step_and_message_says_you_to_a_patient(client, reg_site):
    pages = _walk(client, reg_site, caregiver=False)
    assert [slug for slug, *_ in pages] == [
        "who",
        "patient",
        "contact",
        "language",
        "medical",
        "visit",
    ]
    for slug, shown, errors, form in pages:
        assert not THIRD_PERSON.search(shown), (slug, shown)
        assert "There is a problem" in errors or slug == "who", slug
        assert not THIRD_PERSON.search(errors), (slug, errors)
        for label, messages in _field_messages(form):
            for message in messages:
                assert not THIRD_PERSON.search(message), (slug, label, message)
        for sentence in _only_for(CAREGIVER):
            assert sentence not in shown and sentence not in errors, (slug, sentence)


def test_every_question_about_the_patient_says_the_patient_to_a_caregiver(client, reg_site):
    pages = _walk(client, reg_site, caregiver=True)
    assert [slug for slug, *_ in pages] == [
        "who",
        "caregiver",
        "patient",
        "contact",
        "language",
        "medical",
        "visit",
    ]
    shown_errors = 0
    for slug, shown, errors, form in pages:
        for label, messages in _field_messages(form):
            if not _about_the_patient(label):
                continue  # a question to the caregiver about themselves: "you" is right
            for message in messages:
                assert not SECOND_PERSON.search(message), (slug, label, message)
                if message and message in errors:
                    shown_errors += 1
        # No sentence written for a patient appears on a caregiver's page, errors included
        # (but the caregiver's own page is "About you", as the patient's is).
        for sentence in _only_for(PATIENT) if slug != "caregiver" else ():
            assert sentence not in shown and sentence not in errors, (slug, sentence)
    assert shown_errors >= 8  # the required errors were really shown, and really checked


def test_caregiver_questions_on_the_contact_step_are_about_the_right_person(client, reg_site):
    form = forms.ContactForm(for_self=False)
    assert str(form.fields["interpreter_needed"].label) == "Does the patient need an interpreter?"
    message = form.fields["interpreter_needed"].error_messages["required"]
    assert str(message) == "Select whether the patient needs an interpreter."
    # The phone number is the caregiver's own: "you" is right there.
    assert str(form.fields["phone"].label) == "Best phone number to reach you"


def test_one_source_has_the_same_sentences_for_both_audiences():
    """Each audience has every sentence (a missing one would fall back to the other's)."""
    assert set(WORDING[PATIENT]) == set(WORDING[CAREGIVER])
    for key, sentence in WORDING[PATIENT].items():
        assert not THIRD_PERSON.search(str(sentence)), key
    for sentence in NEUTRAL.values():
        # Asked before anyone says who they are: neither "you have" nor "the patient".
        assert not THIRD_PERSON.search(str(sentence))
        assert not re.search(r"\b(do|are) you\b|\byour\b", str(sentence), re.IGNORECASE)


def test_single_question_steps_use_the_question_as_the_heading(client, reg_site):
    answers = valid_answers(reg_site.condition.pk, caregiver=True, interpreter="Spanish")
    fill_steps(client, reg_site, answers, steps=["urgent"])
    who = client.get(reg_site.step_url("who")).content.decode()
    assert re.search(
        r'<legend class="reg-label reg-label--heading"><h1>Who is filling in this form\?</h1>'
        r"</legend>",
        who,
    )
    assert who.count("<h1") == 1 and who.count("Who is filling in this form?</") == 1
    fill_steps(client, reg_site, answers, steps=list(answers)[1:5])
    language = client.get(reg_site.step_url("language")).content.decode()
    assert re.search(
        r'<h1 class="reg-label--heading"><label class="reg-label" for="id_interpreter_language">'
        r"Which language does the patient need\?</label></h1>",
        language,
    )
    assert language.count("<h1") == 1


def test_the_migration_gives_pages_still_on_an_old_default_the_neutral_help(reg_site):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("contact.migrations.0011_neutral_step_help")
    page = reg_site.registration_page
    old_patient, new_patient = migration.NEW_TEXTS["patient_help"]
    page.patient_help = old_patient
    page.visit_help = "Written by an editor."
    page.save_revision().publish()
    migration.neutral_help(apps, None)
    page.refresh_from_db()
    assert page.patient_help == new_patient
    assert page.visit_help == "Written by an editor."  # an editor's words are kept
    assert page.get_latest_revision().content["patient_help"] == new_patient
    assert new_patient == page._meta.get_field("patient_help").default
