"""The "when to get help" care cards the spine condition pages share.

The spinal cord compression emergency card is shared care advice (one snippet, reviewed once);
the others are written on each page.
"""

from conditions.blocks import CareLevel
from demo.content.common import care_card

SPINE_EMERGENCY_SIGNS = [
    "New weakness in one or both arms or legs",
    "New numbness, especially in the legs, groin or buttocks",
    "New loss of coordination, or trouble walking",
    "Loss of bladder or bowel control",
]
SPINE_EMERGENCY_ADVICE = (
    "<p>These signs can mean the tumor is pressing on the spinal cord (spinal cord "
    "compression). Treatment within hours gives the best chance of keeping movement and "
    "feeling. Tell the emergency team that you have, or may have, a tumor in your spine.</p>"
)

SPINE_EMERGENCY_SIGNS_IN_BRIEF = (
    "new weakness, numbness, trouble walking, or loss of bladder or bowel control"
)

SPINE_EMERGENCY_NAME = "Spinal cord compression (emergency)"


def spine_emergency_advice_fields():
    """SharedCareAdvice fields for the emergency card the four spine pages share."""
    return {
        "level": CareLevel.EMERGENCY,
        "heading": "Call 911 or go to the nearest emergency room now",
        "signs": "\n".join(SPINE_EMERGENCY_SIGNS),
        "advice": SPINE_EMERGENCY_ADVICE,
        # Ends the banner near the top of each page: "Call 911 if you have …".
        "signs_in_brief": SPINE_EMERGENCY_SIGNS_IN_BRIEF,
    }


def spine_emergency_card(advice):
    """The shared emergency card (a SharedCareAdvice) as a care-card stream item."""
    return ("shared_advice", advice)


def urgent_pain_card():
    return care_card(
        CareLevel.URGENT,
        "Call your care team today",
        [
            "New back or neck pain, or pain that keeps getting worse",
            "Pain that wakes you at night or is worse when you lie down",
            "Pain your usual pain medicine no longer controls",
        ],
        "<p>If you cannot reach your team, call our new-patient line or go to an urgent care "
        "center. Please do not wait for your next appointment.</p>",
    )


def non_urgent_card():
    return care_card(
        CareLevel.NON_URGENT,
        "Mention it at your next appointment",
        [
            "Aches that are no worse than before",
            "Questions about your medicines or their side effects",
            "Tiredness, poor sleep or low mood",
        ],
        "<p>Write these down as they happen so nothing is forgotten at your visit.</p>",
    )
