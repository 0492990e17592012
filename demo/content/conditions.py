"""Condition pages. Each function returns ConditionPageFactory keyword arguments."""

from demo.content.care_cards import non_urgent_card, spine_emergency_card, urgent_pain_card
from demo.content.common import (
    ORGANISATION,
    callout,
    cancer,
    heading,
    option,
    paragraph,
    quote,
    reference,
)

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


def spinal_metastases(reviewers, breast, kidney, related, emergency):
    return {
        "title": "Spinal metastases",
        "associated_anatomy": "Spine",
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
                "With weakness or numbness this can mean spinal cord compression, an emergency.",
            ),
        ],
        "when_to_get_help": [
            spine_emergency_card(emergency),
            urgent_pain_card(),
            non_urgent_card(),
        ],
        "diagnosis": "<p>Your care team starts by asking about your symptoms and any "
        "cancer you have had, then checks the strength, feeling and reflexes in your arms "
        "and legs.</p><ul><li><b>MRI scan</b> of the whole spine: the main test. It shows "
        "the bones, the spinal cord and the nerves, and whether a tumor is pressing on "
        "them.</li><li><b>CT scan</b>: shows how strong the affected bones are, which "
        "helps plan surgery.</li><li><b>PET or bone scan</b>: looks for cancer elsewhere in "
        "the body.</li><li><b>Biopsy</b>: a small sample taken with a needle, when the type "
        "of cancer is not yet known.</li></ul><p>If you have new weakness or numbness, the "
        "MRI scan is done the same day.</p>",
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
        "outlook": "<p>What to expect depends on the type of cancer, how far it has "
        "spread and how well it responds to treatment. Many people live for years with "
        "spinal metastases, and treatment often eases pain and keeps them walking.</p>"
        "<p>Day to day, it helps to stay as active as your team advises, keep a simple "
        "diary of pain and any new symptoms, and know the emergency signs above by heart. "
        "Physical and occupational therapists can suggest safe ways to move, lift and rest. "
        "You will have regular scans so that any change is found early.</p>",
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
        "questions_to_ask": [
            ("question", "Is my spine stable, and are there movements I should avoid?"),
            ("question", "Which treatments could help me, and what are their aims?"),
            ("question", "How will treatment affect my cancer treatment elsewhere?"),
            ("question", "Which new symptoms should I report at once, and to whom?"),
            ("question", "Who do I call out of hours?"),
            ("question", "Could a clinical trial be right for me?"),
        ],
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
        "reviewers": reviewers,
    }


# The demo's draft in the Medical review workflow changes this line of the live page.
PRIMARY_DRAFT_SYMPTOMS_INTRO = "Symptoms usually start slowly and get worse over weeks or months."


def primary_spinal_cord_tumors(reviewers, emergency):
    return {
        "title": "Primary spinal cord tumors",
        "associated_anatomy": "Spinal cord",
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
        "when_to_get_help": [spine_emergency_card(emergency), urgent_pain_card()],
        "treatment": [
            paragraph(
                "<p>Surgery to remove the tumor is often the first treatment. Radiation "
                "therapy or chemotherapy may follow, depending on the tumor type.</p>"
            ),
            option("Surgery", "Removes as much of the tumor as is safe for the spinal cord."),
            option("Radiation therapy", "Treats tumor that cannot be fully removed."),
        ],
        "related": [],
        "reviewers": reviewers[:1],
    }


def chordoma(reviewers, emergency):
    return {
        "title": "Chordoma",
        "associated_anatomy": "Spine",
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
        "when_to_get_help": [spine_emergency_card(emergency), non_urgent_card()],
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
        "reviewers": reviewers[:1],
    }


def meningioma(reviewers, emergency):
    return {
        "title": "Spinal meningioma",
        "associated_anatomy": "Spinal cord",
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
        "when_to_get_help": [spine_emergency_card(emergency), urgent_pain_card()],
        "treatment": [
            paragraph(
                "<p>Small tumors that cause no symptoms may simply be watched with "
                "regular scans. Surgery usually removes the tumor completely.</p>"
            ),
            option("Active monitoring", "Regular MRI scans to check for growth."),
            option("Surgery", "Removal of the tumor, often with a short hospital stay."),
        ],
        "reviewers": reviewers[:1],
    }


def breast_cancer(reviewers):
    return {
        "title": "Breast cancer",
        "associated_anatomy": "Breast",
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
        "reviewers": reviewers[1:],
    }


def kidney_cancer(reviewers):
    return {
        "title": "Kidney cancer",
        "associated_anatomy": "Kidney",
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
        "reviewers": reviewers[1:],
    }
