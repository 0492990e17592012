"""StreamField blocks shared by every page type. Each has an icon, a template and a preview."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Sub-heading (h3)")), ("h4", "h4")],
        default="h2",
        help_text=_("The page title is the only h1; start sections at h2."),
    )

    class Meta:
        icon = "title"
        template = "core/blocks/heading_block.html"
        preview_value = {"text": "How treatment is planned", "level": "h2"}
        description = _("A heading that starts a section of the page.")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "core/blocks/paragraph_block.html"
        preview_value = (
            "<p>Your care team meets each week to agree a plan that fits your health and goals.</p>"
        )
        description = _("Text with links and lists.")


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        template = "core/blocks/callout_block.html"
        preview_value = {
            "title": "Bring a list of your medicines",
            "body": "<p>It helps your team plan treatment safely.</p>",
        }
        description = _("A highlighted note that stands apart from the text around it.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=255,
        required=False,
        help_text=_(
            "What the image shows, for people who cannot see it. Leave blank to use the "
            "image's own alt text."
        ),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text=_("Tick if the image adds nothing a screen reader should announce."),
    )
    caption = blocks.CharBlock(max_length=255, required=False)

    class Meta:
        icon = "image"
        template = "core/blocks/image_block.html"
        description = _("An image with alt text and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(max_length=120, required=False)

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote_block.html"
        preview_value = {
            "quote": "Knowing who to call at any hour made the weeks after surgery far easier.",
            "attribution": "A patient of the program",
        }
        description = _("A short quotation, such as a patient's words, with who said it.")


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    callout = CalloutBlock()
    image = ImageBlock()
    quote = QuoteBlock()

    class Meta:
        template = "core/blocks/stream_block.html"
