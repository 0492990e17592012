"""Clinician profiles for the fictional reviewers, and their placeholder portraits.

The portraits are drawn here with Pillow (a head-and-shoulders outline on a tinted ground), so
the demo needs no photograph of anyone and nothing from elsewhere.
"""

import io

from PIL import Image, ImageDraw

PORTRAIT_SIZE = 480

PROFILES = [
    {
        "reviewer": "Dr. Maren Okafor",
        "slug": "maren-okafor",
        "tint": ((214, 232, 240), (11, 61, 92)),
        "treats": ["spinal-metastases", "primary-spinal-cord-tumors", "chordoma"],
        "fields": {
            "summary": "Neurosurgeon who removes and stabilizes tumors of the spine, and "
            "leads the program's weekly spine tumor board.",
            "medical_specialty": "Surgical",
            "biography": (
                "<p>Dr. Okafor operates on tumors that start in the spine and tumors that "
                "have spread there. She favors small incisions and navigated surgery where "
                "they are safe, so patients can start radiation or other treatment sooner.</p>"
                "<p>She chairs the spine tumor board, where every new patient's scans are "
                "discussed by surgeons, oncologists and rehabilitation specialists together. "
                "Her research looks at how to keep people walking after spinal cord "
                "compression.</p>"
            ),
        },
    },
    {
        "reviewer": "Dr. Tomas Reyes-Lind",
        "slug": "tomas-reyes-lind",
        "tint": ((226, 238, 226), (15, 110, 110)),
        "treats": ["spinal-metastases", "spinal-meningioma", "chordoma"],
        "fields": {
            "summary": "Radiation oncologist who plans precise radiation for tumors in and "
            "near the spine.",
            "medical_specialty": "Oncologic",
            "biography": (
                "<p>Dr. Reyes-Lind treats tumors of the spine with radiation, including "
                "high-dose treatments given in one to five sessions that spare the spinal "
                "cord. He also sees patients of the Cancer Center whose breast or kidney "
                "cancer has spread to the bones.</p>"
                "<p>He works with the surgeons to time radiation around an operation, and "
                "explains each plan in plain words before treatment starts.</p>"
            ),
        },
    },
]


def placeholder_portrait(ground, figure):
    """A square PNG: a head-and-shoulders outline in ``figure`` on ``ground`` (RGB tuples)."""
    size = PORTRAIT_SIZE
    image = Image.new("RGB", (size, size), ground)
    draw = ImageDraw.Draw(image)
    head = size * 0.18
    centre = size / 2
    draw.ellipse((centre - head, size * 0.22, centre + head, size * 0.22 + 2 * head), fill=figure)
    draw.ellipse((size * 0.16, size * 0.62, size * 0.84, size * 1.3), fill=figure)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer
