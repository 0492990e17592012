"""Compression: static files get Brotli and gzip copies (WhiteNoise with the brotli package);
anonymous pages are sent compressed by the page cache; the first load of the demo's condition
page (HTML and CSS, no images) stays within 20 KB."""

import shutil

import brotli
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from whitenoise.compress import Compressor

from conditions.models import ConditionPage

FIRST_LOAD_BUDGET = 20 * 1024


def test_static_files_get_brotli_and_gzip_copies(tmp_path):
    css = tmp_path / "site.css"
    shutil.copy(django_settings.BASE_DIR / "static" / "css" / "site.css", css)
    written = list(Compressor(quiet=True).compress(str(css)))
    assert sorted(path.rsplit(".", 1)[1] for path in written) == ["br", "gz"]
    sizes = {path.rsplit(".", 1)[1]: (tmp_path / path).stat().st_size for path in written}
    assert sizes["br"] < sizes["gz"] < css.stat().st_size


@pytest.mark.django_db
def test_the_first_load_of_the_demo_condition_page_is_within_20_kb(settings):
    settings.PAGE_CACHE_ENABLED = True
    call_command("load_demo_content", stdout=None)
    page = ConditionPage.objects.live().get(slug="spinal-metastases")
    client = Client()
    client.get(page.url)
    response = client.get(page.url, HTTP_ACCEPT_ENCODING="br")
    assert response["X-Page-Cache"] == "hit" and response["Content-Encoding"] == "br"
    html = brotli.decompress(response.content)
    assert b"site.css" in html and b"Medically reviewed by" in html
    css = (django_settings.BASE_DIR / "static" / "css" / "site.css").read_bytes()
    first_load = len(response.content) + len(brotli.compress(css))
    assert first_load <= FIRST_LOAD_BUDGET, first_load
