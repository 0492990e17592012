"""Factories for service lines, condition pages, reviewers and the condition blocks.

A condition page with five symptoms, two treatment options, the three care cards and one
reviewer, published under a service line::

    page = ConditionPageFactory(
        parent=service_line,
        title="Spinal metastases",
        symptoms=5,                     # a count, or a list of names / (name, detail) pairs
        treatment_options=2,            # appended after any ``treatment__...`` blocks
        care_levels=["emergency", "urgent", "non_urgent"],
        reviewers=1,                    # a count of new reviewers, or a list of Reviewer objects
        related=[other_condition_page],
        shared_advice=[advice],         # SharedCareAdvice cards, after the written ones
    )

Symptoms, reviewers and related conditions are attached before the first save, as Wagtail's
admin would, so a live page passes the "needs a medical review" rule. Use ``reviewers=0,
live=False`` for a draft without a review. Streams also take wagtail-factories' keyword syntax,
e.g. ``treatment__0__heading__text="Surgery"`` or ``when_to_get_help__0__care_card__level=...``.
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from conditions import blocks
from conditions.models import (
    ClinicianCondition,
    ClinicianPage,
    ConditionIndexPage,
    ConditionPage,
    ConditionPageReviewer,
    ConditionSymptom,
    RelatedCondition,
    Reviewer,
    ServiceLinePage,
    SharedCareAdvice,
)
from core.factories import (
    BasePageFactory,
    BodyStreamBlockFactory,
    RichStructBlockFactory,
    default_home_page,
)

# --- Blocks ---------------------------------------------------------------------------------

CARE_CARD_DEFAULTS = {
    blocks.CareLevel.EMERGENCY: {
        "heading": "Call 911 or go to the nearest emergency room",
        "signs": [
            "New weakness in your arms or legs",
            "New numbness, or loss of coordination",
            "Loss of bladder or bowel control",
        ],
        "advice": "<p>These signs can mean pressure on the spinal cord, which needs treatment "
        "within hours.</p>",
    },
    blocks.CareLevel.URGENT: {
        "heading": "Call your care team today",
        "signs": ["New or worsening back pain, especially pain that wakes you at night"],
        "advice": "<p>If you cannot reach your team, go to an urgent care center.</p>",
    },
    blocks.CareLevel.NON_URGENT: {
        "heading": "Mention it at your next appointment",
        "signs": ["Mild aches that are no worse than before"],
        "advice": "",
    },
}


class CareCardBlockFactory(RichStructBlockFactory):
    """A care card. ``CareCardBlockFactory.for_level("emergency")`` fills in sensible words."""

    class Meta:
        model = blocks.CareCardBlock

    level = blocks.CareLevel.URGENT
    heading = "Call your care team today"
    signs = wagtail_factories.ListBlockFactory(wagtail_factories.CharBlockFactory)
    advice = "<p>Keep a note of when the symptom started.</p>"
    signs_in_brief = ""

    @classmethod
    def for_level(cls, level, **kwargs):
        defaults = dict(CARE_CARD_DEFAULTS[level])
        defaults.update(kwargs)
        signs = defaults.pop("signs")
        for index, sign in enumerate(signs):
            defaults[f"signs__{index}__value"] = sign
        return cls(level=level, **defaults)


class CareCardStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    care_card = factory.SubFactory(CareCardBlockFactory)

    class Meta:
        model = blocks.CareCardStreamBlock


class TreatmentOptionBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = blocks.TreatmentOptionBlock

    name = factory.Sequence(lambda n: f"Treatment option {n}")
    summary = "What the treatment involves and who it may help."
    link_page = None
    link_url = ""


class TreatmentStreamBlockFactory(BodyStreamBlockFactory):
    """The body blocks plus treatment options, as TreatmentStreamBlock extends BodyStreamBlock."""

    treatment_option = factory.SubFactory(TreatmentOptionBlockFactory)

    class Meta:
        model = blocks.TreatmentStreamBlock


class PrimaryCancerBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = blocks.PrimaryCancerBlock

    name = factory.Sequence(lambda n: f"Primary cancer {n}")
    page = None


class PrimaryCancerStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    primary_cancer = factory.SubFactory(PrimaryCancerBlockFactory)

    class Meta:
        model = blocks.PrimaryCancerStreamBlock


class ReferenceBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = blocks.ReferenceBlock

    citation = factory.Sequence(lambda n: f"Example A, Sample B. A review of spinal care. {n}.")
    url = ""


class ReferenceStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    reference = factory.SubFactory(ReferenceBlockFactory)

    class Meta:
        model = blocks.ReferenceStreamBlock


class OtherNameStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    """Other names: ``other_names__0__name__value="Secondary spinal tumors"``."""

    name = factory.SubFactory(wagtail_factories.CharBlockFactory)

    class Meta:
        model = blocks.OtherNameStreamBlock


# --- Snippets and pages ---------------------------------------------------------------------


class ReviewerFactory(DjangoModelFactory):
    class Meta:
        model = Reviewer

    name = factory.Sequence(lambda n: f"Dr. Reviewer {n}")
    credentials = "MD"
    role = "Neurosurgeon"
    department = "Neuro-oncology"
    profile_url = ""


class SharedCareAdviceFactory(DjangoModelFactory):
    """Shared care advice, by default the spinal cord compression emergency card, reviewed
    30 days ago by one new reviewer (``reviewers=[...]`` to choose them)."""

    class Meta:
        model = SharedCareAdvice
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Shared advice {n}")
    level = blocks.CareLevel.EMERGENCY
    heading = CARE_CARD_DEFAULTS[blocks.CareLevel.EMERGENCY]["heading"]
    signs = "\n".join(CARE_CARD_DEFAULTS[blocks.CareLevel.EMERGENCY]["signs"])
    advice = CARE_CARD_DEFAULTS[blocks.CareLevel.EMERGENCY]["advice"]
    last_reviewed = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))

    @factory.post_generation
    def reviewers(self, create, extracted, **kwargs):
        chosen = extracted if extracted is not None else [ReviewerFactory()]
        if create:
            self.reviewers.set(chosen)
            self.save()


def default_service_line():
    page = ServiceLinePage.objects.first()
    return page if page is not None else ServiceLinePageFactory()


class ServiceLinePageFactory(BasePageFactory):
    class Meta:
        model = ServiceLinePage

    parent = factory.LazyFunction(default_home_page)
    title = factory.Sequence(lambda n: f"Service line {n}")
    intro = "<p>One team for diagnosis, treatment and recovery.</p>"
    approach = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)
    team = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)
    call_to_action = "<p>Call us to arrange a first appointment.</p>"


class ConditionIndexPageFactory(BasePageFactory):
    class Meta:
        model = ConditionIndexPage

    parent = factory.LazyFunction(default_home_page)
    title = "Conditions A to Z"
    slug = "conditions"
    intro = "<p>Every condition we treat, in alphabetical order.</p>"


class ConditionPageFactory(BasePageFactory):
    """A condition page; see the module docstring for ``symptoms``, ``reviewers`` and the rest."""

    class Meta:
        model = ConditionPage

    parent = factory.LazyFunction(default_service_line)
    title = factory.Sequence(lambda n: f"Condition {n}")
    summary = factory.LazyAttribute(
        lambda page: f"{page.title} is a condition our specialists diagnose and treat."
    )
    overview = "<p>An overview of the condition in plain words.</p>"
    other_names = wagtail_factories.StreamFieldFactory(OtherNameStreamBlockFactory)
    primary_cancers = wagtail_factories.StreamFieldFactory(PrimaryCancerStreamBlockFactory)
    symptoms_intro = "Some people have no symptoms at all."
    when_to_get_help = wagtail_factories.StreamFieldFactory(CareCardStreamBlockFactory)
    treatment = wagtail_factories.StreamFieldFactory(TreatmentStreamBlockFactory)
    our_approach = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)
    references = wagtail_factories.StreamFieldFactory(ReferenceStreamBlockFactory)
    last_reviewed = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))

    # Turned into child objects (or stream blocks) in _prepare_children, before the first save.
    symptoms = 3
    reviewers = 1
    related = ()
    treatment_options = 2
    care_levels = (blocks.CareLevel.EMERGENCY,)
    shared_advice = ()

    @classmethod
    def _prepare_children(cls, kwargs, create):
        symptoms = kwargs.pop("symptoms", 0)
        if isinstance(symptoms, int):
            symptoms = [f"Symptom {n + 1}" for n in range(symptoms)]
        kwargs["symptoms"] = [
            item
            if isinstance(item, ConditionSymptom)
            else ConditionSymptom(name=item)
            if isinstance(item, str)
            else ConditionSymptom(name=item[0], detail=item[1])
            for item in symptoms
        ]

        reviewers = kwargs.pop("reviewers", 0)
        if isinstance(reviewers, int):
            make = ReviewerFactory.create if create else ReviewerFactory.build
            reviewers = [make() for _ in range(reviewers)]
        kwargs["page_reviewers"] = [ConditionPageReviewer(reviewer=r) for r in reviewers]

        kwargs["related_conditions"] = [
            RelatedCondition(related_page=page) for page in kwargs.pop("related", ())
        ]

        treatment = kwargs["treatment"]
        for _ in range(kwargs.pop("treatment_options", 0)):
            treatment.append(("treatment_option", TreatmentOptionBlockFactory()))

        cards = kwargs["when_to_get_help"]
        for level in kwargs.pop("care_levels", ()):
            cards.append(("care_card", CareCardBlockFactory.for_level(level)))
        for advice in kwargs.pop("shared_advice", ()):
            cards.append(("shared_advice", advice))
        return kwargs

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return super()._build(model_class, *args, **cls._prepare_children(kwargs, False))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return super()._create(model_class, *args, **cls._prepare_children(kwargs, True))


class ClinicianPageFactory(BasePageFactory):
    """A clinician's profile under a service line, about a new reviewer unless given one;
    ``treats=[condition_page, ...]`` fills "Conditions they treat"."""

    class Meta:
        model = ClinicianPage

    parent = factory.LazyFunction(default_service_line)
    reviewer = factory.SubFactory(ReviewerFactory)
    title = factory.LazyAttribute(lambda page: page.reviewer.name)
    summary = factory.LazyAttribute(
        lambda page: f"{page.reviewer.name} treats patients in our spine program."
    )
    biography = "<p>Trained in neurosurgery and cares for adults with spine tumors.</p>"
    medical_specialty = "Surgical"

    treats = ()

    @classmethod
    def _prepare_children(cls, kwargs):
        kwargs["treated_conditions"] = [
            ClinicianCondition(condition=page, sort_order=index)
            for index, page in enumerate(kwargs.pop("treats", ()))
        ]
        return kwargs

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return super()._build(model_class, *args, **cls._prepare_children(kwargs))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return super()._create(model_class, *args, **cls._prepare_children(kwargs))


class ConditionSymptomFactory(DjangoModelFactory):
    """A symptom added to an existing page (the page is saved with it)."""

    class Meta:
        model = ConditionSymptom

    page = factory.SubFactory(ConditionPageFactory, symptoms=0)
    name = factory.Sequence(lambda n: f"Symptom {n}")
    detail = ""


class ConditionPageReviewerFactory(DjangoModelFactory):
    class Meta:
        model = ConditionPageReviewer

    page = factory.SubFactory(ConditionPageFactory, reviewers=0, live=False)
    reviewer = factory.SubFactory(ReviewerFactory)


class RelatedConditionFactory(DjangoModelFactory):
    class Meta:
        model = RelatedCondition

    page = factory.SubFactory(ConditionPageFactory)
    related_page = factory.SubFactory(ConditionPageFactory)
