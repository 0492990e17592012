"""The language assistance notice (ACA section 1557): free interpreters and translated
documents, with a line in each of the top languages saying so, and a footer link to it on
every page. Staff edit it like any page; one per site language."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel

# Languages written right to left: the tagline gets dir="rtl".
RTL_LANGUAGES = {"ar", "fa", "he", "ur"}


class TaglineBlock(blocks.StructBlock):
    language_code = blocks.CharBlock(
        max_length=12,
        help_text=_("The language's code, for example es, zh-Hant, vi, ar (read aloud right)."),
    )
    language_name = blocks.CharBlock(
        max_length=60, help_text=_("The language's name in that language, for example Español.")
    )
    text = blocks.TextBlock(help_text=_("The notice in that language, with the phone number."))

    class Meta:
        icon = "globe"
        template = "core/blocks/tagline_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        code = value["language_code"].split("-")[0].lower()
        context["direction"] = "rtl" if code in RTL_LANGUAGES else "ltr"
        return context


class TaglineStreamBlock(blocks.StreamBlock):
    tagline = TaglineBlock()


LANGUAGE_ASSISTANCE_PANELS = [FieldPanel("notice"), FieldPanel("taglines")]
