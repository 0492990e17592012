"""The home page, the two service lines, the A-Z index, registration and privacy pages.

Each function returns factory keyword arguments (or the body to publish once the pages a link
needs exist).
"""

from demo.content.common import (
    ORGANISATION,
    PHONE,
    callout,
    heading,
    page_link,
    paragraph,
)


def home_fields():
    return {
        "title": ORGANISATION,
        "seo_title": f"{ORGANISATION}: spine and cancer care",
        "summary": "Specialist care for tumors of the spine and the cancers that can "
        "spread to it, from diagnosis through recovery.",
        "intro": "<p>Specialist teams for spine tumors and cancer care, with nurse "
        "navigators who stay with you from the first call.</p>",
    }


def home_links(registration):
    """The home page's body, once the registration page exists."""
    # The home template already lists the programs and links to the A-Z page.
    return {
        "body": [
            callout(
                "New patients are welcome",
                f"<p>You do not need a referral. Call {PHONE} or "
                f"{page_link(registration, 'register online')} and a care coordinator will "
                "call you back.</p>",
            ),
        ]
    }


def program_links(metastases, registration):
    """The Spinal Tumor Program's intro and call to action, once the pages they link exist."""
    return {
        "intro": (
            "<p>The Spinal Tumor Program treats tumors that start in the spine and tumors that "
            "have spread there from elsewhere, such as "
            f"{page_link(metastases, 'spinal metastases')}. One team plans your care, so you "
            "do not have to coordinate between specialists yourself.</p>"
        ),
        "call_to_action": (
            f"<p>To make a first appointment, call {PHONE} or "
            f"{page_link(registration, 'register online')}. If you already have scans, we can "
            "often review them before your first visit.</p>"
        ),
    }


def condition_index_fields():
    return {
        "title": "Conditions A to Z",
        "summary": "Every condition our specialists treat, listed alphabetically.",
        "intro": "<p>Choose a condition to read about its symptoms, when to get help and "
        "how it is treated. Each page is checked by one of our physicians.</p>",
        "show_in_menus": True,
    }


def registration_fields():
    return {
        "title": "Register as a new patient",
        "summary": "Tell us about yourself or the person you care for, and a care coordinator "
        "will call to arrange the first appointment.",
        "intro": "<p>Registering takes about ten minutes. You do not need a referral, and you "
        "can register on someone else's behalf. If you prefer, call us on "
        f"{PHONE}.</p>",
        "show_in_menus": True,
    }


def site_settings_defaults():
    """Site settings the demo fills in where they are still empty."""
    return {
        "organisation_name": ORGANISATION,
        "new_patient_phone": PHONE,
        "phone_hours": "Monday to Friday, 8 a.m. to 6 p.m. Eastern time",
        "virtual_visits_text": "Ask about one when you call or register.",
        "accreditation": f"{ORGANISATION} is a designated comprehensive cancer center.",
    }


def program_fields():
    return {
        "title": "Spinal Tumor Program",
        "summary": "Diagnosis, surgery, radiation and recovery for tumors of the spine "
        "and spinal cord, planned by one team.",
        "show_in_menus": True,
        "intro": "<p>The Spinal Tumor Program treats tumors that start in the spine and "
        "tumors that have spread there from elsewhere in the body.</p>",
        "approach": [
            heading("One plan, made together", "h3"),
            paragraph(
                "<p>Every new patient is discussed at our weekly spine tumor board, where "
                "surgeons, oncologists, radiologists and rehabilitation specialists agree "
                "a single plan. You hear the options from one team, not from several "
                "separate clinics.</p>"
            ),
            heading("Less invasive where possible", "h3"),
            paragraph(
                "<ul><li>Minimally invasive procedures through small incisions, for less "
                "pain and a quicker return home</li>"
                "<li>Carbon-fiber implants, which show up less on scans than metal, so "
                "follow-up imaging and radiation planning are clearer</li>"
                "<li>Computer-navigated surgery to place screws and rods precisely</li>"
                "<li>Access to clinical trials of new treatments</li></ul>"
            ),
        ],
        "team": [
            paragraph(
                "<p>Depending on your needs, your team may include a neurosurgeon or "
                "orthopedic spine surgeon, a radiation oncologist, a medical oncologist, "
                "an interventional radiologist, a physical therapist and a palliative care "
                "specialist. A nurse navigator is your single point of contact "
                "throughout.</p>"
            ),
        ],
        "call_to_action": f"<p>To make a first appointment, call {PHONE}.</p>",
    }


def cancer_center_fields():
    return {
        "title": "Cancer Center",
        "summary": "Care for breast, kidney and other cancers, including cancer that has "
        "spread to the bones.",
        "show_in_menus": True,
        "intro": "<p>Our Cancer Center treats many kinds of cancer and works closely with "
        "the Spinal Tumor Program when cancer affects the spine.</p>",
        "approach": [
            heading("Care close to home", "h3"),
            paragraph(
                "<p>Chemotherapy, infusions and follow-up visits are offered at several "
                "clinics in the region, and many check-ins can be virtual visits.</p>"
            ),
        ],
        "call_to_action": f"<p>Call {PHONE} to speak with a nurse navigator.</p>",
    }


def privacy_fields():
    return {
        "title": "Privacy notice",
        "summary": "How we collect, use and protect the information you give us through "
        "this website.",
        "body": [
            callout(
                "Demonstration text",
                "<p>This notice is sample content for a fictional hospital. Replace it "
                "with your organization's own notice before going live.</p>",
            ),
            heading("What we collect"),
            paragraph(
                "<p>When you register as a new patient we ask for your name, date of "
                "birth, contact details and a little about your condition. We only ask "
                "for what a care coordinator needs to arrange your first visit.</p>"
            ),
            heading("How we use it"),
            paragraph(
                "<p>Your details are used to contact you about an appointment and are "
                "seen only by staff who arrange new-patient visits. We do not sell your "
                "information or use it for advertising.</p>"
            ),
            heading("How long we keep it"),
            paragraph(
                "<p>Registrations that do not lead to an appointment are deleted after a "
                "set period. Once you become a patient, your information is kept in your "
                "medical record under the rules that apply to health records.</p>"
            ),
            heading("Your choices"),
            paragraph(
                "<p>You can ask to see, correct or delete the information you gave us. "
                f"Call {PHONE} or write to privacy@example.org.</p>"
            ),
        ],
    }


# Condition pages. Each returns ConditionPageFactory keyword arguments.


# Settings → Search settings: the words patients use for what the pages call otherwise.
SEARCH_SYNONYMS = "\n".join(
    [
        "spinal metastases, spinal mets, spine mets, secondary spinal tumors, "
        "metastatic spinal tumors, cancer spread to the spine",
        "metastases, mets, metastasis",
        "tumor, tumour, growth",
        "tumors, tumours, growths",
    ]
)
