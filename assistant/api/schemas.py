"""The API's request and response bodies: what the OpenAPI schema (docs/openapi.json) promises."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.pack.models import ConsentEvent, Customer, Decision, Membership, Offer, Prediction


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(min_length=1, max_length=4000, description="The customer's question, in their words")
    decision_id: str | None = Field(default=None, max_length=64, description="Pin the question to one decision")
    subject: str | None = Field(
        default=None,
        max_length=128,
        pattern=r"^(segment|prediction):[A-Za-z0-9_.-]+$",
        description='Pin the question to one of the customer\'s groups or predictions: "segment:<id>" or '
        '"prediction:<id>"',
    )


class Citation(BaseModel):
    doc_id: str
    section_id: str
    title: str
    quote: str


class AskResponse(BaseModel):
    answer: str
    intent: str
    citations: list[Citation]
    decision_ids: list[str]
    mode: str
    verified: bool
    verification: str
    needs_clarification: bool
    did_you_mean: list[str]
    model: str | None = None


class OfferShown(BaseModel):
    decision_id: str
    offer_id: str
    title: str
    channel: str
    shown_at: datetime
    purpose: str
    sponsor: str | None


class ConsentState(BaseModel):
    purpose: str
    name: str
    status: Literal["given", "withdrawn", "not_given"]
    since: datetime | None
    source: str | None
    control: str | None = Field(description="Where the customer can change it outside Candor")


class ConsentChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Literal["given", "withdrawn"]


class Group(BaseModel):
    segment_id: str
    name: str
    since: datetime


class LatestPrediction(BaseModel):
    prediction_id: str
    model: str
    name: str
    label: str
    computed_at: datetime


class Profile(BaseModel):
    customer_id: str
    name: str
    email: str
    groups: list[Group]
    predictions: list[LatestPrediction]


class Explanation(BaseModel):
    """Why one decision was made, as data: its purpose and legal basis, and the kinds of data it used."""

    decision_id: str
    purpose: str
    legal_basis: str
    policy_section: str
    data_categories: list[str]


class Export(BaseModel):
    """Everything Candor holds about the customer, with the explanation of each decision."""

    customer: Customer
    decisions: list[Decision]
    offers: dict[str, Offer]
    consents: list[ConsentEvent]
    memberships: list[Membership]
    predictions: list[Prediction]
    explanations: list[Explanation]


class LookupRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    query: str = Field(min_length=1, max_length=256, description="A customer id, email address or phone number")


class Lookup(BaseModel):
    customer_id: str
    offers: list[OfferShown]
    consents: list[ConsentState]
    data_categories: list[str]


class DraftRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    customer_id: str = Field(min_length=1, max_length=64)
    question: str = Field(min_length=1, max_length=4000)


class Draft(AskResponse):
    ticket_text: str


def ask_response(answer: dict[str, Any]) -> AskResponse:
    return AskResponse.model_validate(answer)
