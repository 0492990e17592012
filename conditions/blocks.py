"""Blocks for condition pages: care cards, treatment options, primary cancers and references."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import RICH_TEXT_FEATURES, BodyStreamBlock


class CareLevel:
    NON_URGENT = "non_urgent"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    CHOICES = [
        (NON_URGENT, _("Non-urgent: contact your care team")),
        (URGENT, _("Urgent: get help today")),
        (EMERGENCY, _("Emergency: get help now")),
    ]
    # The words a reader (and a screen reader) meets first; colour only repeats them.
    LABELS = {
        NON_URGENT: _("Non-urgent"),
        URGENT: _("Urgent"),
        EMERGENCY: _("Emergency"),
    }


# The banner near the top of a condition page is built from its emergency card, never typed
# separately, so the two cannot drift apart (conditions/emergency.py).
SIGNS_IN_BRIEF_HELP = _(
    "Only for an emergency card: the signs in a few words, which end the banner near the top "
    "of the page: “Call 911 if you have …”. For example: new weakness, numbness or loss of "
    "bladder or bowel control. Left blank, the banner lists the signs above in full."
)


class CareCardBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(choices=CareLevel.CHOICES, default=CareLevel.URGENT)
    heading = blocks.CharBlock(
        max_length=120,
        help_text=_("What to do, for example: Call 911 or go to the emergency room."),
    )
    signs = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label=_("Sign")),
        help_text=_("The symptoms that call for this level of care."),
    )
    advice = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, required=False)
    signs_in_brief = blocks.CharBlock(
        max_length=120,
        required=False,
        label=_("Signs in brief (emergency cards)"),
        help_text=SIGNS_IN_BRIEF_HELP,
    )

    class Meta:
        icon = "warning"
        template = "conditions/blocks/care_card_block.html"
        preview_value = {
            "level": CareLevel.EMERGENCY,
            "heading": "Call 911 or go to the nearest emergency room",
            "signs": ["New weakness in your legs", "Loss of bladder or bowel control"],
            "advice": "<p>These can mean pressure on the spinal cord.</p>",
        }
        description = _("When to get help: signs grouped by how urgently they need care.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        return care_card_context(context, value)


def care_card_context(context, card):
    context["value"] = card
    context["level_label"] = CareLevel.LABELS.get(card["level"], "")
    context["is_emergency"] = card["level"] == CareLevel.EMERGENCY
    return context


class SharedAdviceBlock(SnippetChooserBlock):
    """A shared care card (the SharedCareAdvice snippet), shown exactly like a written one.
    The page stores only the snippet's id: editing the advice is reviewed on the snippet."""

    def __init__(self, **kwargs):
        super().__init__("conditions.SharedCareAdvice", **kwargs)

    def render(self, value, context=None):
        # Deleted, or never published (a draft never reaches patients): show nothing. A live
        # advice's row holds its published version; its drafts live in revisions.
        if value is None or not value.live:
            return ""
        return super().render(value, context)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        return care_card_context(context, value.as_card_value())

    class Meta:
        icon = "warning"
        template = "conditions/blocks/care_card_block.html"
        label = _("Shared care advice")
        description = _(
            "A care card many pages share, such as the spinal cord compression emergency "
            "signs; it is reviewed once, on the shared advice itself."
        )


def care_card_value(child):
    """A care-card stream child's card as a dict-like value, written or shared (or None)."""
    if child.block_type == "shared_advice":
        advice = child.value
        return advice.as_card_value() if advice is not None and advice.live else None
    return child.value


class CareCardStreamBlock(blocks.StreamBlock):
    care_card = CareCardBlock()
    shared_advice = SharedAdviceBlock()

    class Meta:
        template = "core/blocks/stream_block.html"


class TreatmentOptionBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120)
    summary = blocks.TextBlock(max_length=600)
    link_page = blocks.PageChooserBlock(required=False, label=_("Link to a page"))
    link_url = blocks.URLBlock(required=False, label=_("Or link to a web address"))

    class Meta:
        icon = "doc-full"
        template = "conditions/blocks/treatment_option_block.html"
        preview_value = {
            "name": "Radiation therapy",
            "summary": "Focused beams of energy shrink the tumor and ease pain.",
        }
        description = _("A treatment option: its name, a short summary and an optional link.")


class TreatmentStreamBlock(BodyStreamBlock):
    treatment_option = TreatmentOptionBlock()


class PrimaryCancerBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=80)
    page = blocks.PageChooserBlock(
        required=False, help_text=_("Optional: the page about this cancer.")
    )

    class Meta:
        icon = "list-ul"
        template = "conditions/blocks/primary_cancer_block.html"
        preview_value = {"name": "Breast cancer"}
        description = _("A cancer this condition often spreads from.")


class PrimaryCancerStreamBlock(blocks.StreamBlock):
    primary_cancer = PrimaryCancerBlock()


class ReferenceBlock(blocks.StructBlock):
    citation = blocks.TextBlock(max_length=500)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "link"
        template = "conditions/blocks/reference_block.html"
        preview_value = {"citation": "Author A, Author B. A review of spinal tumor care. 2025."}
        description = _("A source the page is based on.")


class ReferenceStreamBlock(blocks.StreamBlock):
    reference = ReferenceBlock()


class OtherNameStreamBlock(blocks.StreamBlock):
    name = blocks.CharBlock(
        max_length=120, icon="tag", template="conditions/blocks/other_name_block.html"
    )


class QuestionStreamBlock(blocks.StreamBlock):
    question = blocks.CharBlock(
        max_length=200,
        icon="help",
        help_text=_("One question, for example: Which of my symptoms should I report at once?"),
    )
