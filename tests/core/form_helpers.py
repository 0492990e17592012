"""Turn a page's edit view back into POST data, as the browser would send it.

Wagtail renders StreamFields with JavaScript (the values travel as JSON in data attributes),
so `querydict_from_html` on the edit view misses them. `edit_form_data` adds them from the
page's stored stream values, in the flat form format StreamBlock, ListBlock and StructBlock
read back.
"""

from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.test.utils.form_data import querydict_from_html


def block_form_data(block, value, prefix):
    data = {}
    if isinstance(block, blocks.StreamBlock):
        children = list(value or [])
        data[f"{prefix}-count"] = str(len(children))
        for index, child in enumerate(children):
            data[f"{prefix}-{index}-type"] = child.block_type
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = str(index)
            data[f"{prefix}-{index}-id"] = child.id or ""
            data.update(block_form_data(child.block, child.value, f"{prefix}-{index}-value"))
    elif isinstance(block, blocks.ListBlock):
        items = list(value.bound_blocks) if value is not None else []
        data[f"{prefix}-count"] = str(len(items))
        for index, item in enumerate(items):
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = str(index)
            data[f"{prefix}-{index}-id"] = item.id or ""
            data.update(block_form_data(block.child_block, item.value, f"{prefix}-{index}-value"))
    elif isinstance(block, blocks.StructBlock):
        if isinstance(block, ImageBlock) and value is not None:
            value = block._image_to_struct_value(value)  # its value is the image itself
        for name, child_block in block.child_blocks.items():
            child_value = value.get(name) if value is not None else None
            data.update(block_form_data(child_block, child_value, f"{prefix}-{name}"))
    elif isinstance(block, blocks.BooleanBlock):
        if value:
            data[prefix] = "on"
    elif isinstance(block, blocks.ChooserBlock):
        data[prefix] = str(value.pk) if value is not None else ""
    else:
        state = block.get_form_state(value)
        if isinstance(state, list):
            state = state[0] if state else ""
        data[prefix] = "" if state is None else str(state)
    return data


def stream_form_data(page):
    data = {}
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField):
            data.update(block_form_data(field.stream_block, getattr(page, field.name), field.name))
    return data


def edit_form_data(client, page):
    """The edit form's data for `page` as a QueryDict (client must be logged in)."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for key, value in stream_form_data(page.specific).items():
        data[key] = value
    return data
