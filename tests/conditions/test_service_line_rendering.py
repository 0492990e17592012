"""The service line page: sections the editor emptied do not leave a heading behind."""

import pytest
from bs4 import BeautifulSoup

from conditions.factories import ServiceLinePageFactory

pytestmark = pytest.mark.django_db

# What Draftail saves when an editor clears a rich text field or leaves only blank lines.
EMPTIED = ['<p data-block-key="a1b2c"></p>', '<p data-block-key="a1b2c">  </p><p></p>']


def headings(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [" ".join(h.get_text().split()) for h in soup.select("main h2")], soup


@pytest.mark.parametrize("emptied", EMPTIED)
def test_emptied_call_to_action_has_no_get_in_touch_heading(client, site_tree, emptied):
    page = ServiceLinePageFactory(
        parent=site_tree.home, title="Cancer Center", call_to_action=emptied, intro=emptied
    )

    found, soup = headings(client, page)

    assert "Get in touch" not in found
    assert not soup.select("main .rich-text")


def test_call_to_action_with_words_keeps_its_heading(client, site_tree):
    page = ServiceLinePageFactory(parent=site_tree.home, title="Cancer Center")

    found, _soup = headings(client, page)

    assert "Get in touch" in found
