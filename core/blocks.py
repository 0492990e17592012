"""StreamField blocks shared by every page type. Each has an icon, a template and a preview."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock as WagtailImageBlock

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


class ImageBlock(WagtailImageBlock):
    """Wagtail's ImageBlock (alt text, "decorative") with a caption.

    As in Wagtail, the value is the image itself, carrying ``contextual_alt_text``,
    ``decorative`` and here ``caption``. Stored as {image, decorative, alt_text, caption}: the
    keys of the StructBlock this replaced, so pages saved before load unchanged. Alt text left
    blank on an image that is not decorative means the image's own description, as it did then.
    """

    caption = blocks.CharBlock(max_length=255, required=False, label=_("Caption"))

    class Meta:
        template = "core/blocks/image_block.html"
        description = _("An image with alt text and an optional caption.")

    def deconstruct(self):
        # Wagtail's ImageBlock deconstructs as itself, which would leave the caption out.
        return ("core.blocks.ImageBlock", [], self._constructor_kwargs)

    def _struct_value_to_image(self, struct_value):
        image = super()._struct_value_to_image(struct_value)
        if image:
            if not image.decorative and not image.contextual_alt_text:
                image.contextual_alt_text = image.description
            image.caption = struct_value.get("caption") or ""
        return image

    def _image_to_struct_value(self, image):
        return {**super()._image_to_struct_value(image), "caption": _caption(image)}

    def get_prep_value(self, value):
        return {**super().get_prep_value(value), "caption": _caption(value)}

    def get_form_state(self, value):
        return {**super().get_form_state(value), "caption": _caption(value)}

    def clean(self, value):
        value = super().clean(value)  # checks the image and the alt text only
        if value:
            try:
                value.caption = self.child_blocks["caption"].clean(_caption(value))
            except ValidationError as error:
                raise StructBlockValidationError(block_errors={"caption": error}) from error
        return value


def _caption(image):
    return getattr(image, "caption", "") if image else ""


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
