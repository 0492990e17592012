"""Issue 11, what a patient finds first on a condition page: the sections in NHS.UK's order, a
"Call 911 if you have …" banner built from the page's emergency card (written or shared), a
register link that keeps the condition, and every phone number a tel: link."""

import pytest
from bs4 import BeautifulSoup

from conditions.blocks import CareLevel
from conditions.clinical import changed_fields, clinical_content
from conditions.emergency import signs_in_a_sentence
from conditions.factories import (
    CareCardBlockFactory,
    ConditionPageFactory,
    ReferenceBlockFactory,
    SharedCareAdviceFactory,
)
from contact.factories import RegistrationPageFactory, RegistrationSettingsFactory
from core.factories import StandardPageFactory
from tests.core.builders import configure_site_settings

pytestmark = pytest.mark.django_db

NHS_ORDER = [
    "symptoms",
    "when-to-get-help",
    "overview",
    "causes",
    "how-it-develops",
    "diagnosis",
    "treatment",
    "outlook",
    "our-approach",
    "supportive-care",
    "questions-to-ask",
    "references",
    "related-conditions",
]
SPINE_SIGNS = [
    "New weakness in your legs",
    "Numbness in the groin or buttocks",
    "Loss of bladder or bowel control",
]


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def emergency_card(**fields):
    return CareCardBlockFactory.for_level(CareLevel.EMERGENCY, **fields)


def banner_text(soup):
    banner = soup.select_one(".emergency-notice")
    return " ".join(banner.get_text(" ", strip=True).split()) if banner else None


@pytest.fixture
def full_page(site_tree):
    related = ConditionPageFactory(parent=site_tree.service_line, title="Chordoma")
    return ConditionPageFactory(
        parent=site_tree.service_line,
        title="Spinal metastases",
        other_names=[("name", "Metastatic spinal tumors")],
        causes="<p>Cells spread from a cancer elsewhere.</p>",
        how_it_develops="<p>They settle in the bones of the spine.</p>",
        diagnosis="<p>An MRI scan of the whole spine.</p>",
        outlook="<p>Many people live for years with treatment.</p>",
        our_approach=[("paragraph", "<p>One team plans your care.</p>")],
        supportive_care="<p>Help with pain and sleep.</p>",
        questions_to_ask=[("question", "Is my spine stable?"), ("question", "Who do I call?")],
        references=[("reference", ReferenceBlockFactory())],
        related=[related],
        care_levels=(CareLevel.URGENT, CareLevel.EMERGENCY),
    )


def test_sections_follow_the_nhs_order_after_the_summary_and_other_names(client, full_page):
    soup = soup_of(client, full_page)
    article = soup.select_one("article.condition")

    headings = [h2["id"] for h2 in article.select("section > h2")]
    assert headings == NHS_ORDER
    contents = [a["href"].lstrip("#") for a in article.select(".contents__list a")]
    assert contents == NHS_ORDER
    # Summary, other names and the banner come before every section.
    top = [child for child in article.children if getattr(child, "name", None)]
    assert top[0].select_one(".lead").get_text(strip=True) == full_page.summary
    assert "Metastatic spinal tumors" in top[0].select_one(".also-called").get_text()
    assert "emergency-notice" in top[1]["class"]
    questions = [li.get_text(strip=True) for li in article.select("#questions-to-ask ~ ul li")]
    assert questions == ["Is my spine stable?", "Who do I call?"]


def test_optional_sections_are_left_out_when_empty(client, condition_page):
    soup = soup_of(client, condition_page)
    for anchor in ("diagnosis", "outlook", "questions-to-ask"):
        assert soup.find(id=anchor) is None
        assert soup.select_one(f'.contents__list a[href="#{anchor}"]') is None


def test_diagnosis_outlook_and_questions_are_clinical(full_page):
    before = clinical_content(full_page)
    full_page.diagnosis = "<p>A CT scan as well.</p>"
    full_page.outlook = "<p>It depends on the cancer.</p>"
    full_page.questions_to_ask = [("question", "What happens next?")]
    changed = changed_fields(before, clinical_content(full_page))
    assert changed == ["diagnosis and tests", "outlook", "questions to ask"]


def test_the_banner_ends_with_the_cards_signs_in_brief(client, site_tree):
    page = ConditionPageFactory(
        parent=site_tree.service_line,
        care_levels=(),
        when_to_get_help__0__care_card=emergency_card(
            signs=SPINE_SIGNS, signs_in_brief="new weakness, numbness or loss of bladder control"
        ),
    )
    assert banner_text(soup_of(client, page)) == (
        "Emergency: Call 911 if you have new weakness, numbness or loss of bladder control. "
        "See all the signs"
    )


def test_without_a_brief_the_banner_lists_the_cards_own_signs(client, site_tree):
    page = ConditionPageFactory(
        parent=site_tree.service_line,
        care_levels=(),
        when_to_get_help__0__care_card=emergency_card(signs=SPINE_SIGNS),
    )
    soup = soup_of(client, page)
    assert banner_text(soup) == (
        "Emergency: Call 911 if you have new weakness in your legs, numbness in the groin or "
        "buttocks or loss of bladder or bowel control. See all the signs"
    )
    banner = soup.select_one(".emergency-notice")
    assert banner.select_one('a[href="tel:911"]').get_text() == "Call 911"
    assert banner.select_one('a[href="#when-to-get-help"]') is not None


def test_a_shared_emergency_card_gives_the_banner_and_a_change_to_it_shows(client, site_tree):
    advice = SharedCareAdviceFactory(signs="\n".join(SPINE_SIGNS), signs_in_brief="")
    page = ConditionPageFactory(
        parent=site_tree.service_line, care_levels=(CareLevel.URGENT,), shared_advice=[advice]
    )
    assert "if you have new weakness in your legs" in banner_text(soup_of(client, page))

    advice.signs_in_brief = "sudden weakness or numbness"
    advice.save()
    assert banner_text(soup_of(client, page)).startswith(
        "Emergency: Call 911 if you have sudden weakness or numbness."
    )


def test_no_emergency_card_no_banner(client, site_tree):
    page = ConditionPageFactory(
        parent=site_tree.service_line, care_levels=(CareLevel.URGENT, CareLevel.NON_URGENT)
    )
    assert banner_text(soup_of(client, page)) is None


@pytest.mark.parametrize(
    ("signs", "sentence"),
    [
        (["Weakness"], "weakness"),
        (["Weakness", "Numbness"], "weakness or numbness"),
        (["MRI changes", "Numbness.", " "], "MRI changes or numbness"),
        (["Numbness, often in the legs", "Weakness"], "numbness, often in the legs; or weakness"),
    ],
)
def test_signs_in_a_sentence(signs, sentence):
    assert signs_in_a_sentence(signs) == sentence


@pytest.fixture
def registration(site_tree):
    page = RegistrationPageFactory(parent=site_tree.home, show_in_menus=True)
    RegistrationSettingsFactory(site=site_tree.site, registration_page=page)
    return page


def test_register_links_in_the_header_keep_the_condition(client, condition_page, registration):
    soup = soup_of(client, condition_page)
    expected = f"{registration.url}?condition={condition_page.pk}"

    compact = soup.select_one(".site-header__register")
    assert compact["href"] == expected
    assert " ".join(compact.get_text(" ", strip=True).split()) == (
        "Register as a new patient for Spinal metastases"
    )
    menu_link = soup.select_one(".site-nav").find("a", string="Register as a new patient")
    assert menu_link["href"] == expected
    assert soup.select_one(".cta a.button")["href"] == expected


def test_elsewhere_the_register_links_carry_no_condition(client, site_tree, registration):
    page = StandardPageFactory(parent=site_tree.home, title="About us")
    soup = soup_of(client, page)
    assert soup.select_one(".site-header__register")["href"] == registration.url
    menu_link = soup.select_one(".site-nav").find("a", string="Register as a new patient")
    assert menu_link["href"] == registration.url


def test_the_menu_is_a_details_element_closed_by_default(client, condition_page):
    menu = soup_of(client, condition_page).select_one("nav.site-nav > details.site-nav__menu")
    assert menu is not None and not menu.has_attr("open")
    assert menu.select_one("summary").get_text(strip=True) == "Menu"


def test_phone_numbers_in_rich_text_become_tel_links(client, site_tree):
    page = ConditionPageFactory(
        parent=site_tree.service_line,
        overview="<p>Call the clinic on 617-555-0123 or <b>(617) 555-0199</b>. Ref 2023-12.</p>",
        our_approach=[("paragraph", "<p>Our nurses: 617-555-0142.</p>")],
        care_levels=(),
        when_to_get_help__0__care_card=emergency_card(
            advice='<p>Or the on-call team, <a href="tel:+16175550100">617-555-0100</a>.</p>'
        ),
    )
    soup = soup_of(client, page)
    overview = soup.select_one("#overview").parent
    links = [(a["href"], a.get_text()) for a in overview.select("a[href^='tel:']")]
    assert links == [("tel:+16175550123", "617-555-0123"), ("tel:+16175550199", "(617) 555-0199")]
    assert "Ref 2023-12." in overview.get_text()
    assert soup.select_one("#our-approach").parent.select_one('a[href="tel:+16175550142"]')
    # A number that is already a link is left alone (not nested).
    card = soup.select_one(".care-card--emergency")
    assert [a["href"] for a in card.select("a[href^='tel:']")] == ["tel:+16175550100", "tel:911"]


def test_phone_numbers_in_site_settings_texts_become_tel_links(client, condition_page):
    configure_site_settings(
        condition_page.get_site(),
        phone_hours="Monday to Friday; out of hours 617-555-0177",
        virtual_visits_offered=True,
        virtual_visits_text="Ask for one on 617-555-0188 & we <will> call back.",
    )
    soup = soup_of(client, condition_page)
    cta = soup.select_one("aside.cta")
    assert cta.select_one('.cta__hours a[href="tel:+16175550177"]').get_text() == "617-555-0177"
    virtual = cta.select_one(".cta__virtual")
    assert virtual.select_one('a[href="tel:+16175550188"]').get_text() == "617-555-0188"
    assert "& we <will> call back." in virtual.get_text()  # escaped text, not markup
    assert virtual.find("will") is None
    header_phone = soup.select_one(".site-header__phone a")
    assert header_phone["href"] == "tel:+18885550142"
