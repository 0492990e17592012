"""A plain-language readout for editors: the reading grade (Flesch-Kincaid) of a condition
page's summary and symptoms, computed with textstat. Advice shown in the editor, never a block.

Health-literacy guidance asks for grade 8 or below.
"""

import textstat
from textstat.backend.counts import _count_syllables

GOAL_GRADE = 8

# textstat counts English syllables with NLTK's CMU dictionary, which it downloads from the
# internet at first use. A hospital server must not fetch data at run time (and may not be able
# to), so count with textstat's other counter, the bundled pyphen hyphenation dictionary.
_count_syllables.get_cmudict = lambda lang: None


def reading_grade(text):
    """The Flesch-Kincaid grade of `text`, to one decimal, or None for too little text."""
    text = (text or "").strip()
    if len(text.split()) < 3:
        return None
    return round(float(textstat.flesch_kincaid_grade(text)), 1)


def symptoms_text(symptoms):
    """One sentence per symptom (its name and detail), so each counts as its own sentence."""
    parts = []
    for name, detail in symptoms:
        parts.append(name.rstrip(".") + ".")
        if detail:
            parts.append(detail.strip())
    return " ".join(parts)


def page_readability(page):
    """[(label, grade or None, within goal)] for the summary and the symptoms."""
    symptoms = [(item.name, item.detail) for item in page.symptoms.all()]
    results = []
    for label, text in (("Summary", page.summary), ("Symptoms", symptoms_text(symptoms))):
        grade = reading_grade(text)
        results.append((label, grade, grade is not None and grade <= GOAL_GRADE))
    return results
