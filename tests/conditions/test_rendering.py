"""What a patient sees on a condition page (run against the real templates)."""

import datetime

import pytest
from bs4 import BeautifulSoup

from conditions.blocks import CareLevel
from conditions.factories import CareCardBlockFactory, ConditionPageFactory
from tests.core.builders import PHONE_E164

pytestmark = pytest.mark.django_db

SYMPTOMS = [
    "Deep, aching pain in the neck or back",
    "Shooting pain in one or both arms or legs",
    "Pain when moving",
    "Muscle weakness, numbness or tingling",
]
LEVEL_WORDS = {
    CareLevel.EMERGENCY: "Emergency:",
    CareLevel.URGENT: "Urgent:",
    CareLevel.NON_URGENT: "Non-urgent:",
}


def squash(text):
    return " ".join(text.split())


@pytest.fixture
def rendered_page(site_tree, site_settings, reviewer):
    page = ConditionPageFactory(
        parent=site_tree.service_line,
        title="Spinal metastases",
        symptoms=SYMPTOMS,
        reviewers=[reviewer],
        last_reviewed=datetime.date(2026, 3, 2),
        care_levels=[CareLevel.NON_URGENT, CareLevel.EMERGENCY, CareLevel.URGENT],
    )
    return page


@pytest.fixture
def soup(client, rendered_page):
    response = client.get(rendered_page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_symptoms_in_order(soup):
    main = soup.find("main")
    items = [squash(li.get_text()) for li in main.select("ol.symptom-list > li")]
    assert items == SYMPTOMS


def test_symptom_order_follows_the_editor_order(client, rendered_page):
    symptoms = list(rendered_page.symptoms.all())
    for position, symptom in enumerate(reversed(symptoms)):
        symptom.sort_order = position
        symptom.save()
    soup = BeautifulSoup(client.get(rendered_page.url).content, "html.parser")
    items = [squash(li.get_text()) for li in soup.select("main ol.symptom-list > li")]
    assert items == list(reversed(SYMPTOMS))


def test_each_care_card_heading_starts_with_its_level_word(soup, rendered_page):
    cards = soup.select("main .care-card")
    assert len(cards) == len(rendered_page.when_to_get_help)
    seen = set()
    for card_value in (block.value for block in rendered_page.when_to_get_help):
        word = LEVEL_WORDS[card_value["level"]]
        matching = [
            card
            for card in cards
            if squash(card.find(["h2", "h3", "h4"]).get_text()).startswith(word)
        ]
        assert len(matching) == 1, f"no single card whose heading starts with {word!r}"
        card = matching[0]
        heading_text = squash(card.find(["h2", "h3", "h4"]).get_text())
        # The level is said in words inside the heading, not by colour alone.
        assert heading_text == f"{word} {card_value['heading']}"
        signs = [squash(li.get_text()) for li in card.select("li")]
        assert signs == list(card_value["signs"])
        seen.add(word)
    assert seen == set(LEVEL_WORDS.values())


def test_reviewer_line(soup, reviewer, rendered_page):
    review = squash(soup.select_one("main .review").get_text())
    assert "Medically reviewed by" in review
    for part in (reviewer.name, reviewer.credentials, reviewer.role, reviewer.department):
        assert part in review
    assert rendered_page.next_review_due == datetime.date(2027, 3, 2)
    assert "Last reviewed: March 2, 2026" in review
    assert "Next review due: March 2, 2027" in review
    times = [t["datetime"] for t in soup.select("main .review time")]
    assert times == ["2026-03-02", "2027-03-02"]


def test_call_to_action_has_tel_link_in_e164(soup, site_settings):
    assert site_settings.phone_tel == PHONE_E164
    cta = soup.select_one(".cta")
    assert cta is not None
    links = [a["href"] for a in cta.find_all("a", href=True)]
    assert f"tel:{PHONE_E164}" in links
    assert f'href="tel:{PHONE_E164}"' in str(cta)


def test_tel_link_follows_the_site_setting(client, rendered_page, site_settings):
    site_settings.new_patient_phone = "(617) 555-0123"
    site_settings.save()
    soup = BeautifulSoup(client.get(rendered_page.url).content, "html.parser")
    hrefs = {a["href"] for a in soup.select(".cta a[href^='tel:']")}
    assert hrefs == {"tel:+16175550123"}


def test_exactly_one_h1(soup, rendered_page):
    h1s = soup.find_all("h1")
    assert len(h1s) == 1
    assert squash(h1s[0].get_text()) == rendered_page.title


def test_skip_links_are_the_first_links(soup):
    links = soup.body.find_all("a", href=True)
    first_two = [(a["href"], squash(a.get_text())) for a in links[:2]]
    assert first_two == [("#navigation", "Skip to navigation"), ("#content", "Skip to content")]
    assert soup.find(id="navigation") is not None
    assert soup.find(id="content") is not None


def test_registration_link_in_call_to_action(client, site_tree, site_settings, rendered_page):
    from contact.models import RegistrationPage, RegistrationSettings

    registration = site_tree.home.add_child(
        instance=RegistrationPage(title="Register as a new patient", slug="register")
    )
    registration_settings = RegistrationSettings.for_site(site_tree.site)
    registration_settings.registration_page = registration
    registration_settings.save()

    soup = BeautifulSoup(client.get(rendered_page.url).content, "html.parser")
    hrefs = [a["href"] for a in soup.select(".cta a[href]")]
    assert f"{registration.url}?condition={rendered_page.pk}" in hrefs


def test_emergency_card_is_listed_first(soup):
    headings = [
        squash(card.find(["h2", "h3"]).get_text()) for card in soup.select("main .care-card")
    ]
    assert headings[0].startswith("Emergency:")


def test_unreviewed_draft_is_not_served(client, site_tree):
    draft = ConditionPageFactory(parent=site_tree.service_line, reviewers=0, live=False)
    assert client.get(draft.url).status_code == 404


def test_reviewer_line_without_optional_parts(client, site_tree, site_settings):
    from conditions.factories import ReviewerFactory

    plain = ReviewerFactory(name="Dr. Ana Ruiz", credentials="", role="", department="")
    page = ConditionPageFactory(parent=site_tree.service_line, reviewers=[plain])
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    line = squash(soup.select_one("main .review__by").get_text())
    assert line == "Medically reviewed by Dr. Ana Ruiz"


def test_care_card_factory_levels_cover_all_choices():
    # Guards LEVEL_WORDS above against a new level being added without a visible word.
    assert {value for value, _label in CareLevel.CHOICES} == set(LEVEL_WORDS)
    for level in LEVEL_WORDS:
        assert CareCardBlockFactory.for_level(level)["level"] == level
