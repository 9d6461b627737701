"""Pydantic models of every pack record. Unknown keys are errors, so typos surface at ingest."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

LegalBasis = Literal["consent", "legitimate_interest", "contract", "legal_obligation"]
ConsentStatus = Literal["granted", "withdrawn"]

# Control ids Candor knows by name. All are optional: where one is missing, answers name the right and
# point to the privacy contact instead.
KNOWN_CONTROLS = (
    "personalization_settings",
    "email_unsubscribe",
    "download_my_data",
    "delete_my_data",
    "do_not_sell_or_share",
)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ID = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError("is not an email address")
    return value


class Control(Record):
    label: str = Field(min_length=1)
    link: str | None = Field(default=None, pattern=r"^(https?://|mailto:)\S+$")
    instructions: str | None = None

    @model_validator(mode="after")
    def _link_or_instructions(self) -> Control:
        if not self.link and not self.instructions:
            raise ValueError("a control needs a link or instructions")
        return self


class Contacts(Record):
    privacy_email: str
    support: str | None = None
    dpo_email: str | None = None
    supervisory_authority: str | None = None

    _email = field_validator("privacy_email")(_check_email)


class GroupAttribute(Record):
    """A customer attribute the company declares as protected (age, sex, disability, …) or as a proxy for one,
    for the practice audit to compare groups on. Never used to explain an offer."""

    kind: Literal["protected", "proxy"]
    description: str = Field(min_length=1)


class Company(Record):
    name: str = Field(min_length=1)
    contacts: Contacts
    controls: dict[str, Control] = Field(default_factory=dict)
    # attribute name (a key of customers' `attributes`) → what it is; optional.
    group_attributes: dict[str, GroupAttribute] = Field(default_factory=dict)

    @property
    def support_contact(self) -> str:
        """Where general questions go: the support contact, else the privacy contact."""
        return self.contacts.support or self.contacts.privacy_email


class Category(Record):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    description: str
    sources: list[str] = Field(min_length=1)
    purposes: list[str]
    retention: str = Field(min_length=1)
    shared_with: list[str]
    sensitive: bool
    # True only for data about the moment (the page, the time, the weather), not stored about the person.
    # Left out, a category counts as data about the customer, so an offer is never called contextual
    # unless the catalog says so.
    context: bool = False


class DataCatalog(Record):
    # May be empty: a pack made from a policy alone (`candor init`) holds no catalog yet.
    categories: list[Category]


class Purpose(Record):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    description: str
    legal_basis: LegalBasis
    # What the company declares. Answers never rest on it: whether an offer was personalised follows from
    # the decision's parameters; a declared false that the log contradicts is an ingest warning and a flag.
    profiling: bool | None = None
    policy_section: str = Field(pattern=r"^[^#\s]+#[a-z0-9-]+$")
    # For a purpose resting on consent: the data categories the consent request names, i.e. what customers
    # agreed to. Optional; where given, the practice audit reports decisions that used other data.
    consent_covers: list[str] | None = None
    # The control that stops this purpose. Left out, answers name the right (withdraw, object) and how to
    # use it through the privacy contact; a consent or legitimate-interest purpose without one is a warning.
    opt_out: str | None = None


class Purposes(Record):
    purposes: list[Purpose]


class Customer(Record):
    customer_id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    email: str
    phone: str | None = None
    postal_address: str | None = None
    created_at: AwareDatetime
    # Optional attributes the company holds, e.g. {"age_band": "55+"}; only those company.yaml declares in
    # `group_attributes` are grouped on by the practice audit.
    attributes: dict[str, str] = Field(default_factory=dict)

    _email = field_validator("email")(_check_email)


class ConsentEvent(Record):
    event_id: str = Field(pattern=_ID)
    customer_id: str
    purpose: str
    status: ConsentStatus
    at: AwareDatetime
    source: str = Field(min_length=1)
    policy_version: str = Field(min_length=1)
    evidence: str


class Offer(Record):
    offer_id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    description: str
    category: str
    channels: list[str] = Field(min_length=1)
    valid_from: date
    valid_to: date
    sponsor: str | None = None
    # What the offer is worth to a customer (a discount's typical saving, a free item's price), in the
    # company's currency; optional. The practice audit compares it across groups of customers.
    value: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _window(self) -> Offer:
        if self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        return self


class Parameter(Record):
    data_category: str
    signal: str = Field(min_length=1)
    weight: float = Field(ge=0.0, le=1.0)
    # Where the signal came from, when a segment or a prediction produced it.
    segment_id: str | None = None
    prediction_id: str | None = None

    @model_validator(mode="after")
    def _one_origin(self) -> Parameter:
        if self.segment_id and self.prediction_id:
            raise ValueError("a parameter comes from a segment or a prediction, not both")
        return self


class Decision(Record):
    decision_id: str = Field(pattern=_ID)
    customer_id: str
    offer_id: str
    shown_at: AwareDatetime
    channel: str
    model_version: str
    purpose: str
    legal_basis: LegalBasis
    consent_event_id: str | None
    parameters: list[Parameter]

    @model_validator(mode="after")
    def _consent_reference(self) -> Decision:
        if self.legal_basis == "consent" and not self.consent_event_id:
            raise ValueError("consent_event_id is required when legal_basis is consent")
        if self.legal_basis != "consent" and self.consent_event_id:
            raise ValueError("consent_event_id must be null when legal_basis is not consent")
        return self

    def top_parameters(self) -> list[Parameter]:
        return sorted(self.parameters, key=lambda p: -p.weight)


class PolicyFrontMatter(Record):
    doc_id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    version: str = Field(min_length=1)
    # Required in front matter; a policy dropped in as published may carry no date (then None).
    effective_date: date | None

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int | float) else value


class Section(Record):
    section_id: str
    doc_id: str
    doc_title: str
    doc_version: str
    title: str
    level: int
    line: int
    text: str
    plain_language: str | None = None


Method = Literal["rule", "model"]


class Criterion(Record):
    data_category: str
    rule: str = Field(min_length=1)


class Segment(Record):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    description: str
    method: Method
    model_version: str | None = None
    criteria: list[Criterion] = Field(min_length=1)
    used_for: list[str] = Field(min_length=1)
    policy_section: str | None = None
    opt_out: str | None = None

    @model_validator(mode="after")
    def _model_version(self) -> Segment:
        if self.method == "model" and not self.model_version:
            raise ValueError("model_version is required when method is model")
        return self


class PredictionModel(Record):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    description: str
    # Each label the model can give, in plain words addressed to the customer.
    labels: dict[str, str] = Field(min_length=1)
    policy_section: str | None = None
    opt_out: str | None = None


class Segments(Record):
    segments: list[Segment] = Field(default_factory=list)
    models: list[PredictionModel] = Field(default_factory=list)


class Evidence(Record):
    data_category: str
    signal: str = Field(min_length=1)


class Membership(Record):
    customer_id: str
    segment_id: str
    since: AwareDatetime
    until: AwareDatetime | None = None
    evidence: list[Evidence] = Field(min_length=1)

    @model_validator(mode="after")
    def _period(self) -> Membership:
        if self.until is not None and self.until < self.since:
            raise ValueError("until is before since")
        return self

    def covers(self, when: AwareDatetime) -> bool:
        return self.since <= when and (self.until is None or when <= self.until)


class Factor(Record):
    data_category: str
    signal: str = Field(min_length=1)
    weight: float = Field(ge=0.0, le=1.0)


class Prediction(Record):
    prediction_id: str = Field(pattern=_ID)
    customer_id: str
    model: str
    model_version: str = Field(min_length=1)
    label: str
    score: float = Field(ge=0.0, le=1.0)
    computed_at: AwareDatetime
    factors: list[Factor] = Field(min_length=1)
    used_for: list[str] = Field(min_length=1)
