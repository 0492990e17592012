"""The emergency banner near the top of a condition page, built from the page's emergency card.

The rule (also in the card's help text): an emergency card always means "Call 911" (the card
itself ends with a "Call 911" link), so the banner reads "Call 911 if you have " followed by
the card's "signs in brief" or, when that is blank, its signs joined into one sentence. A
written card and a shared card (SharedCareAdvice) give the same banner; there is no second
text to keep in step with the card, and a change to either is a clinical change reviewed with
the card.
"""

from conditions.blocks import CareLevel, care_card_value


def first_emergency_card(stream_value):
    """The first emergency care card's value (written or shared) in a "When to get help"
    stream, or None."""
    for child in stream_value:
        card = care_card_value(child)
        if card is not None and card.get("level") == CareLevel.EMERGENCY:
            return card
    return None


def _sentence_case(sign):
    """ "New weakness" reads "new weakness" mid-sentence; "MRI findings" keeps its capitals."""
    if len(sign) > 1 and sign[0].isupper() and not sign[1].isupper():
        return sign[0].lower() + sign[1:]
    return sign


def signs_in_a_sentence(signs):
    """["A", "B", "C"] -> "a, b or c"; signs that contain commas are separated by semicolons."""
    signs = [_sentence_case(sign.strip().rstrip(".;")) for sign in signs if sign and sign.strip()]
    if len(signs) < 2:
        return "".join(signs)
    separator = "; " if any("," in sign for sign in signs) else ", "
    last_join = "; or " if separator == "; " else " or "
    return separator.join(signs[:-1]) + last_join + signs[-1]


def emergency_signs_phrase(card):
    """What follows "Call 911 if you have" for this card: its signs in brief, else its signs."""
    brief = (card.get("signs_in_brief") or "").strip().rstrip(".")
    if brief:
        return brief
    return signs_in_a_sentence(list(card.get("signs") or []))
