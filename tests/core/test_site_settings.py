"""The new-patient phone number: validated on entry, E.164 for tel: links."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import SiteSettings
from core.phone import INVALID_PHONE_MESSAGE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", ["12345", "not a number", "555-0142", "1-800-000-0000"])
def test_invalid_phone_fails_full_clean_with_a_clear_message(site_settings, number):
    site_settings.new_patient_phone = number
    with pytest.raises(ValidationError) as error:
        site_settings.full_clean()
    assert error.value.message_dict["new_patient_phone"] == [str(INVALID_PHONE_MESSAGE)]
    assert "area code" in str(INVALID_PHONE_MESSAGE)


@pytest.mark.parametrize(
    ("number", "e164"),
    [
        ("1-888-555-0142", "+18885550142"),
        ("(888) 555-0142", "+18885550142"),
        ("888.555.0142", "+18885550142"),
        ("+1 617 555 0123", "+16175550123"),
    ],
)
def test_phone_tel_is_e164(site_tree, number, e164):
    settings = SiteSettings(site=site_tree.site, new_patient_phone=number)
    settings.full_clean()
    assert settings.phone_tel == e164


def test_no_phone_means_no_tel_link(site_tree):
    settings = SiteSettings(site=site_tree.site, new_patient_phone="")
    settings.full_clean()
    assert settings.phone_tel == ""


def test_settings_admin_form_rejects_an_invalid_phone(superuser_client, site_settings):
    url = reverse("wagtailsettings:edit", args=["core", "sitesettings", site_settings.site_id])
    response = superuser_client.get(url)
    assert response.status_code == 200
    data = {
        "organisation_name": "Example Health",
        "new_patient_phone": "12345",
        "phone_hours": "",
        "virtual_visits_text": "",
        "accreditation": "",
        "privacy_page": "",
        "medical_review_interval_months": "12",
    }
    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["new_patient_phone"] == [str(INVALID_PHONE_MESSAGE)]
    site_settings.refresh_from_db()
    assert site_settings.new_patient_phone == "1-888-555-0142"

    data["new_patient_phone"] = "(617) 555-0123"
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    assert SiteSettings.objects.get(pk=site_settings.pk).phone_tel == "+16175550123"
