"""The conditions app's models, one module per family (each under 400 lines)."""

from conditions.models.clinician_page import ClinicianCondition, ClinicianPage
from conditions.models.condition_page import (
    ConditionPage,
    ConditionPageReviewer,
    ConditionSymptom,
    RelatedCondition,
)
from conditions.models.listing_pages import ConditionIndexPage, ServiceLinePage
from conditions.models.reviewer import Reviewer
from conditions.models.shared_advice import SharedCareAdvice
from conditions.review import REVIEW_INTERVAL_MONTHS, next_review_after

# The workflow task model lives in its own module; importing it here registers it.
from conditions.workflow import MedicalReviewTask

__all__ = [
    "ClinicianCondition",
    "ClinicianPage",
    "REVIEW_INTERVAL_MONTHS",
    "ConditionIndexPage",
    "ConditionPage",
    "ConditionPageReviewer",
    "ConditionSymptom",
    "MedicalReviewTask",
    "RelatedCondition",
    "Reviewer",
    "ServiceLinePage",
    "SharedCareAdvice",
    "next_review_after",
]
