"""Demo content for a fictional hospital, built on the test factories.

Idempotent: a page that already exists (same slug under the same parent) is left exactly as it
is, so running the command twice creates nothing the second time and never overwrites what an
editor changed. Site settings are only filled in where they are still empty.

Everything here is invented: the hospital, the people, the phone number (555-01xx range) and
the patient quote. The medical text is written for this project and is not clinical advice.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from conditions.blocks import CareLevel
from conditions.factories import (
    CareCardBlockFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    PrimaryCancerBlockFactory,
    ReferenceBlockFactory,
    ServiceLinePageFactory,
    TreatmentOptionBlockFactory,
)
from conditions.models import Reviewer
from contact.factories import RegistrationPageFactory
from contact.models import RegistrationSettings
from core.factories import (
    CalloutBlockFactory,
    HeadingBlockFactory,
    HomePageFactory,
    ParagraphBlockFactory,
    QuoteBlockFactory,
    StandardPageFactory,
)
from core.models import HomePage, SiteSettings

ORGANISATION = "Aldercrest University Health"
PHONE = "1-888-555-0142"


# --- Small builders for stream values -------------------------------------------------------


def heading(text, level="h2"):
    return ("heading", HeadingBlockFactory(text=text, level=level))


def paragraph(html):
    return ("paragraph", ParagraphBlockFactory(value=html))


def callout(title, body):
    return ("callout", CalloutBlockFactory(title=title, body=body))


def quote(text, attribution):
    return ("quote", QuoteBlockFactory(quote=text, attribution=attribution))


def option(name, summary, link_page=None):
    return (
        "treatment_option",
        TreatmentOptionBlockFactory(name=name, summary=summary, link_page=link_page),
    )


def care_card(level, heading_text, signs, advice=""):
    return (
        "care_card",
        CareCardBlockFactory.for_level(level, heading=heading_text, signs=signs, advice=advice),
    )


def cancer(name, page=None):
    return ("primary_cancer", PrimaryCancerBlockFactory(name=name, page=page))


def reference(citation, url=""):
    return ("reference", ReferenceBlockFactory(citation=citation, url=url))


def page_link(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


# --- Content --------------------------------------------------------------------------------

REVIEWERS = [
    {
        "name": "Dr. Maren Okafor",
        "credentials": "MD, PhD",
        "role": "Neurosurgeon",
        "department": "Neuro-oncology",
    },
    {
        "name": "Dr. Tomas Reyes-Lind",
        "credentials": "MD",
        "role": "Radiation oncologist",
        "department": "Radiation Oncology",
    },
]

SPINE_EMERGENCY_SIGNS = [
    "New weakness in one or both arms or legs",
    "New numbness, especially in the legs, groin or buttocks",
    "New loss of coordination, or trouble walking",
    "Loss of bladder or bowel control",
]
SPINE_EMERGENCY_ADVICE = (
    "<p>These signs can mean the tumor is pressing on the spinal cord (spinal cord "
    "compression). Treatment within hours gives the best chance of keeping movement and "
    "feeling. Tell the emergency team that you have, or may have, a tumor in your spine.</p>"
)


def spine_emergency_card():
    return care_card(
        CareLevel.EMERGENCY,
        "Call 911 or go to the nearest emergency room now",
        SPINE_EMERGENCY_SIGNS,
        SPINE_EMERGENCY_ADVICE,
    )


def urgent_pain_card():
    return care_card(
        CareLevel.URGENT,
        "Call your care team today",
        [
            "New back or neck pain, or pain that keeps getting worse",
            "Pain that wakes you at night or is worse when you lie down",
            "Pain your usual pain medicine no longer controls",
        ],
        "<p>If you cannot reach your team, call our new-patient line or go to an urgent care "
        "center. Please do not wait for your next appointment.</p>",
    )


def non_urgent_card():
    return care_card(
        CareLevel.NON_URGENT,
        "Mention it at your next appointment",
        [
            "Aches that are no worse than before",
            "Questions about your medicines or their side effects",
            "Tiredness, poor sleep or low mood",
        ],
        "<p>Write these down as they happen so nothing is forgotten at your visit.</p>",
    )


class Command(BaseCommand):
    help = (
        "Load demo content for a fictional hospital. Safe to run again: existing pages are "
        "left untouched and nothing is duplicated."
    )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        self.created = []
        with transaction.atomic():
            self.build()
        if self.created:
            self.stdout.write(
                self.style.SUCCESS(f"Demo content: created {len(self.created)} page(s).")
            )
        else:
            self.stdout.write("Demo content already present: nothing to do.")

    # --- helpers ------------------------------------------------------------------------------

    def log(self, message):
        if self.verbosity > 1:
            self.stdout.write(message)

    def ensure_page(self, factory, parent, slug, **fields):
        """The page with this slug under ``parent``; created and published if missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            self.log(f"  exists: {existing.url_path}")
            return existing.specific, False
        page = factory(parent=parent, slug=slug, live=False, **fields)
        self.publish(page)
        self.created.append(page)
        self.log(f"  created: {page.url_path}")
        return page, True

    @staticmethod
    def publish(page):
        page.save_revision(log_action=True).publish()
        page.refresh_from_db()

    def reviewer(self, name, **fields):
        reviewer, _ = Reviewer.objects.get_or_create(name=name, defaults=fields)
        return reviewer

    # --- the tree -----------------------------------------------------------------------------

    def build(self):
        self.reviewers = [self.reviewer(**data) for data in REVIEWERS]
        self.reviewed_on = timezone.localdate() - datetime.timedelta(days=45)

        home, home_new = self.ensure_home()
        program, program_new = self.ensure_page(
            ServiceLinePageFactory, home, "spinal-tumor-program", **self.program_fields()
        )
        cancer_center, _ = self.ensure_page(
            ServiceLinePageFactory, home, "cancer-center", **self.cancer_center_fields()
        )
        self.ensure_page(
            ConditionIndexPageFactory,
            home,
            "conditions",
            title="Conditions A to Z",
            summary="Every condition our specialists treat, listed alphabetically.",
            intro="<p>Choose a condition to read about its symptoms, when to get help and "
            "how it is treated. Each page is checked by one of our physicians.</p>",
            show_in_menus=True,
        )
        registration, _ = self.ensure_page(
            RegistrationPageFactory,
            home,
            "register",
            title="Register as a new patient",
            summary="Tell us about yourself or the person you care for, and a care coordinator "
            "will call to arrange the first appointment.",
            intro="<p>Registering takes about ten minutes. You do not need a referral, and you "
            "can register on someone else's behalf. If you prefer, call us on "
            f"{PHONE}.</p>",
            show_in_menus=True,
        )
        privacy, _ = self.ensure_page(StandardPageFactory, home, "privacy", **self.privacy_fields())

        breast, _ = self.ensure_condition(cancer_center, "breast-cancer", self.breast_cancer)
        kidney, _ = self.ensure_condition(cancer_center, "kidney-cancer", self.kidney_cancer)
        chordoma, _ = self.ensure_condition(program, "chordoma", self.chordoma)
        meningioma, _ = self.ensure_condition(program, "spinal-meningioma", self.meningioma)
        primary, _ = self.ensure_condition(
            program, "primary-spinal-cord-tumors", self.primary_spinal_cord_tumors
        )
        metastases, _ = self.ensure_condition(
            program,
            "spinal-metastases",
            self.spinal_metastases,
            breast=breast,
            kidney=kidney,
            related=[primary, chordoma, meningioma],
        )

        # Links that need pages created above; only written into pages made on this run.
        if program_new:
            self.link_program(program, metastases, registration)
        if home_new:
            self.link_home(home, registration)

        self.ensure_site_settings(home, registration, privacy)

    def ensure_home(self):
        root = Page.get_first_root_node()
        home = HomePage.objects.first()
        site = Site.objects.filter(is_default_site=True).first()
        created = False
        if home is None:
            # Wagtail's default "Welcome" page makes way for ours (only if nothing hangs off it).
            welcome = (
                root.get_children()
                .filter(content_type=ContentType.objects.get_for_model(Page), slug="home")
                .first()
            )
            if welcome is not None and not welcome.get_children().exists():
                if site is not None and site.root_page_id == welcome.pk:
                    site.root_page = root
                    site.save()
                welcome.delete()
            slug = "home" if not root.get_children().filter(slug="home").exists() else "main"
            home, created = self.ensure_page(
                HomePageFactory,
                root,
                slug,
                title=ORGANISATION,
                seo_title=f"{ORGANISATION}: spine and cancer care",
                summary="Specialist care for tumors of the spine and the cancers that can "
                "spread to it, from diagnosis through recovery.",
                intro="<p>Specialist teams for spine tumors and cancer care, with nurse "
                "navigators who stay with you from the first call.</p>",
                set_as_site_root=False,
            )
        if site is None:
            site = Site(is_default_site=True)
        wanted = {
            "root_page_id": home.pk,
            "hostname": "localhost",
            "port": 80,
            "site_name": ORGANISATION,
        }
        if any(getattr(site, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(site, name, value)
            site.save()
            Site.clear_site_root_paths_cache()
        return home, created

    def ensure_condition(self, parent, slug, content, **context):
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            self.log(f"  exists: {existing.url_path}")
            return existing.specific, False
        fields = content(**context)
        fields.setdefault("reviewers", self.reviewers[:1])
        fields.setdefault("last_reviewed", self.reviewed_on)
        fields.setdefault("treatment_options", 0)
        fields.setdefault("care_levels", ())
        return self.ensure_page(ConditionPageFactory, parent, slug, **fields)

    def ensure_site_settings(self, home, registration, privacy):
        site = Site.objects.get(root_page=home)
        fresh = not SiteSettings.objects.filter(site=site).exists()
        site_settings = SiteSettings.for_site(site)
        defaults = {
            "organisation_name": ORGANISATION,
            "new_patient_phone": PHONE,
            "phone_hours": "Monday to Friday, 8 a.m. to 6 p.m. Eastern time",
            "virtual_visits_text": "Ask about one when you call or register.",
            "accreditation": f"{ORGANISATION} is a designated comprehensive cancer center.",
        }
        changed = False
        for name, value in defaults.items():
            current = getattr(site_settings, name)
            field_default = SiteSettings._meta.get_field(name).default
            if (not current or current == field_default) and current != value:
                setattr(site_settings, name, value)
                changed = True
        if site_settings.privacy_page_id is None:
            site_settings.privacy_page = privacy
            changed = True
        # Offered by default on a fresh site; an editor who switched it off keeps it off.
        if fresh and not site_settings.virtual_visits_offered:
            site_settings.virtual_visits_offered = True
            changed = True
        if changed:
            site_settings.full_clean()
            site_settings.save()
        self.ensure_registration_settings(site, registration)

    def ensure_registration_settings(self, site, registration):
        registration_settings = RegistrationSettings.for_site(site)
        changed = False
        if not registration_settings.intake_notification_email:
            registration_settings.intake_notification_email = "intake@example.org"
            changed = True
        if registration_settings.registration_page_id is None:
            registration_settings.registration_page = registration
            changed = True
        if changed:
            registration_settings.full_clean()
            registration_settings.save()

    # --- page content -------------------------------------------------------------------------

    def link_home(self, home, registration):
        # The home template already lists the programs and links to the A-Z page.
        home.body = [
            callout(
                "New patients are welcome",
                f"<p>You do not need a referral. Call {PHONE} or "
                f"{page_link(registration, 'register online')} and a care coordinator will "
                "call you back.</p>",
            ),
        ]
        self.publish(home)

    def link_program(self, program, metastases, registration):
        program.intro = (
            "<p>The Spinal Tumor Program treats tumors that start in the spine and tumors that "
            "have spread there from elsewhere, such as "
            f"{page_link(metastases, 'spinal metastases')}. One team plans your care, so you "
            "do not have to coordinate between specialists yourself.</p>"
        )
        program.call_to_action = (
            f"<p>To make a first appointment, call {PHONE} or "
            f"{page_link(registration, 'register online')}. If you already have scans, we can "
            "often review them before your first visit.</p>"
        )
        self.publish(program)

    def program_fields(self):
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

    def cancer_center_fields(self):
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

    def privacy_fields(self):
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

    def spinal_metastases(self, breast, kidney, related):
        return {
            "title": "Spinal metastases",
            "summary": "Spinal metastases are tumors in the spine that grew from cancer cells "
            "which started somewhere else in the body and then spread.",
            "other_names": [
                ("name", "Secondary spinal tumors"),
                ("name", "Metastatic spinal tumors"),
            ],
            "overview": "<p>Most tumors found in the spine of an adult who has cancer began "
            "somewhere else. Finding one does not mean that treatment has run out: many people "
            "with spinal metastases have effective treatment and keep doing the things that "
            "matter to them.</p>",
            "causes": "<p>Spinal metastases form when cells break away from the first "
            "(primary) cancer, travel through the body and start to grow in or near the "
            "spine.</p>",
            "primary_cancers_intro": "The cancers that most often spread to the spine are:",
            "primary_cancers": [
                cancer("Melanoma"),
                cancer("Prostate cancer"),
                cancer("Breast cancer", breast),
                cancer("Lung cancer"),
                cancer("Kidney cancer", kidney),
            ],
            "how_it_develops": "<p>Cancer cells most often reach the spine through the "
            "bloodstream and settle in the vertebrae, the ring-shaped bones that stack up to "
            "form the spine. Less often, a tumor grows inside the spinal cord itself or in the "
            "dura, the tough covering that protects the spinal cord.</p>",
            "symptoms_intro": "Some people have no symptoms, and the tumor is found on a scan "
            "done for another reason. When symptoms appear, they depend on which part of the "
            "spine is affected and which nerves are involved.",
            "symptoms": [
                ("Deep, aching pain in the neck or back", "Often worse at night or lying down."),
                ("Shooting pain in one or both arms or legs", "Pain that follows a nerve."),
                ("Pain when you move, or when pressure is put on your neck or back", ""),
                ("Muscle weakness", "Arms or legs may feel heavy or give way."),
                ("Loss of coordination or balance", ""),
                ("Numbness or tingling", "Often in the hands, feet, legs or around the groin."),
                (
                    "Loss of bladder or bowel control",
                    "With weakness or numbness this can mean spinal cord compression, an "
                    "emergency.",
                ),
            ],
            "when_to_get_help": [spine_emergency_card(), urgent_pain_card(), non_urgent_card()],
            "treatment": [
                heading("How we plan your treatment", "h3"),
                paragraph(
                    "<p>People with one or a few small tumors in the spine usually have the "
                    "widest choice of treatments. Your plan depends on the type of cancer, "
                    "where the tumors are, how stable your spine is, and your general health "
                    "and wishes.</p>"
                ),
                paragraph(
                    "<p>Many plans combine chemotherapy, radiation therapy and surgery. "
                    "Surgery, when it is right for you, removes as much of the tumor as can be "
                    "taken out safely and makes the spine stable again.</p>"
                ),
                heading("Treatment options", "h4"),
                option(
                    "Chemotherapy and other medicines",
                    "Medicines that treat the cancer throughout the body, including hormone "
                    "therapy, targeted therapy and immunotherapy for some cancers.",
                ),
                option(
                    "Radiation therapy",
                    "Beams of high energy aimed at the tumor to shrink it and ease pain, "
                    "usually given over a few short daily sessions.",
                ),
                option(
                    "Stereotactic radiosurgery",
                    "A very precise, high dose of radiation in one to five sessions. It can "
                    "treat tumors that are close to the spinal cord.",
                ),
                option(
                    "Surgery",
                    "An operation to relieve pressure on the spinal cord and nerves, remove "
                    "tumor and stabilize the spine with screws and rods.",
                ),
                callout(
                    "Treatment and comfort go together",
                    "<p>From your first visit, our supportive care team works alongside the "
                    "doctors treating the cancer to ease pain and other symptoms.</p>",
                ),
                quote(
                    "I was scared of surgery. The team went through my scans with me, "
                    "explained each choice, and two days later I was walking the hallway.",
                    "A patient of the Spinal Tumor Program (a fictional example)",
                ),
            ],
            "our_approach": [
                heading("Why choose our program", "h3"),
                paragraph(
                    "<ul><li><b>Minimally invasive procedures</b>: smaller incisions mean "
                    "less pain and a faster recovery for many patients.</li>"
                    "<li><b>Carbon-fiber implants</b>: they interfere less with scans, so "
                    "your team can see the treated area clearly afterwards.</li>"
                    "<li><b>Computer-navigated surgery</b>: real-time imaging guides each "
                    "step of the operation.</li>"
                    "<li><b>Clinical trials</b>: you may be able to join a study of a new "
                    "treatment.</li></ul>"
                ),
                paragraph(
                    f"<p>{ORGANISATION} is a designated comprehensive cancer center, "
                    "combining patient care with research and education.</p>"
                ),
            ],
            "supportive_care": "<p>Supportive care (also called palliative care) is for "
            "anyone with a serious illness, at any stage. Our team helps with pain, "
            "breathlessness, sleep, mood and the practical side of treatment, and works with "
            "physical therapists to keep you moving.</p>",
            "references": [
                reference(
                    "National Institute for Health and Care Excellence. Spinal metastases and "
                    "metastatic spinal cord compression (NICE guideline NG234). 2023.",
                    "https://www.nice.org.uk/guidance/ng234",
                ),
                reference(
                    "Laufer I, Rubin DG, Lis E, et al. The NOMS framework: approach to the "
                    "treatment of spinal metastatic tumors. The Oncologist. 2013;18(6):744-751."
                ),
            ],
            "related": related,
            "reviewers": self.reviewers,
        }

    def primary_spinal_cord_tumors(self):
        return {
            "title": "Primary spinal cord tumors",
            "summary": "Primary spinal cord tumors start in the spinal cord or the tissues "
            "right around it, rather than spreading there from another part of the body.",
            "other_names": [("name", "Spinal cord tumors"), ("name", "Intramedullary tumors")],
            "overview": "<p>These tumors are uncommon. Some grow slowly and are not cancer; "
            "others are cancer. Common types include ependymomas and astrocytomas.</p>",
            "symptoms_intro": "Symptoms often build up slowly and depend on where the tumor is.",
            "symptoms": [
                "Back or neck pain",
                "Weakness in the arms or legs",
                "Numbness or a change in how things feel",
                "Trouble walking or keeping balance",
                "Changes in bladder or bowel control",
            ],
            "when_to_get_help": [spine_emergency_card(), urgent_pain_card()],
            "treatment": [
                paragraph(
                    "<p>Surgery to remove the tumor is often the first treatment. Radiation "
                    "therapy or chemotherapy may follow, depending on the tumor type.</p>"
                ),
                option("Surgery", "Removes as much of the tumor as is safe for the spinal cord."),
                option("Radiation therapy", "Treats tumor that cannot be fully removed."),
            ],
            "related": [],
            "reviewers": self.reviewers[:1],
        }

    def chordoma(self):
        return {
            "title": "Chordoma",
            "summary": "Chordoma is a rare, slow-growing bone cancer of the spine or the base "
            "of the skull, most often in the sacrum at the bottom of the spine.",
            "overview": "<p>Chordomas grow from cells left over from early development. Because "
            "they grow slowly, they can be present for a long time before causing symptoms.</p>",
            "symptoms": [
                "Pain in the lower back or tailbone",
                "Numbness or weakness in the legs",
                "Changes in bladder or bowel habits",
                "A lump that can sometimes be felt",
            ],
            "when_to_get_help": [spine_emergency_card(), non_urgent_card()],
            "treatment": [
                paragraph(
                    "<p>Treatment aims to remove the whole tumor in one piece where possible, "
                    "often followed by high-dose radiation therapy.</p>"
                ),
                option("Surgery", "Removal of the tumor with a margin of healthy tissue."),
                option(
                    "Radiation therapy",
                    "High-dose, precisely shaped radiation, sometimes with protons.",
                ),
            ],
            "reviewers": self.reviewers[:1],
        }

    def meningioma(self):
        return {
            "title": "Spinal meningioma",
            "summary": "A spinal meningioma is a usually noncancerous tumor that grows from "
            "the membranes covering the spinal cord.",
            "other_names": [("name", "Spinal meningeal tumor")],
            "overview": "<p>Spinal meningiomas grow slowly and are most often found in the "
            "middle part of the spine. They are more common in women.</p>",
            "symptoms": [
                "Back pain",
                "Weakness or stiffness in the legs",
                "Numbness below the level of the tumor",
                "Unsteady walking",
            ],
            "when_to_get_help": [spine_emergency_card(), urgent_pain_card()],
            "treatment": [
                paragraph(
                    "<p>Small tumors that cause no symptoms may simply be watched with "
                    "regular scans. Surgery usually removes the tumor completely.</p>"
                ),
                option("Active monitoring", "Regular MRI scans to check for growth."),
                option("Surgery", "Removal of the tumor, often with a short hospital stay."),
            ],
            "reviewers": self.reviewers[:1],
        }

    def breast_cancer(self):
        return {
            "title": "Breast cancer",
            "summary": "Breast cancer is cancer that starts in the cells of the breast. When "
            "it spreads, the bones, including the spine, are a common place for it to go.",
            "overview": "<p>Most breast cancer is found early and treated successfully. If it "
            "spreads to the bones, treatment can control it and ease symptoms, often for many "
            "years.</p>",
            "symptoms": [
                "A new lump or thickening in the breast or armpit",
                "A change in the size or shape of the breast",
                "Skin dimpling or nipple changes",
                "New bone pain, if the cancer has spread",
            ],
            "when_to_get_help": [urgent_pain_card(), non_urgent_card()],
            "treatment": [
                paragraph(
                    "<p>Treatment may include surgery, radiation therapy, chemotherapy, "
                    "hormone therapy and targeted therapy, often in combination.</p>"
                ),
                option("Hormone therapy", "Blocks the hormones some breast cancers need."),
                option("Surgery", "Removes the tumor and sometimes nearby lymph nodes."),
            ],
            "reviewers": self.reviewers[1:],
        }

    def kidney_cancer(self):
        return {
            "title": "Kidney cancer",
            "summary": "Kidney cancer starts in the kidneys. The most common type in adults "
            "is renal cell carcinoma, which can spread to the bones of the spine.",
            "other_names": [("name", "Renal cell carcinoma")],
            "overview": "<p>Kidney cancer is often found by chance on a scan. When it spreads to "
            "the spine, surgery and precise radiation can both play a part.</p>",
            "symptoms": [
                "Blood in the urine",
                "Pain in the side or lower back that does not go away",
                "Tiredness or weight loss without a clear reason",
            ],
            "when_to_get_help": [urgent_pain_card()],
            "treatment": [
                paragraph(
                    "<p>Options include surgery to remove part or all of the kidney, targeted "
                    "therapy and immunotherapy.</p>"
                ),
                option("Surgery", "Removes the tumor, sometimes keeping part of the kidney."),
                option("Immunotherapy", "Helps the immune system find and attack cancer."),
            ],
            "reviewers": self.reviewers[1:],
        }
