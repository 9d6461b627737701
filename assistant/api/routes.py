"""/api/v1: ask, offers, consents (read and change), profile, export; the agent's lookup and draft."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.openapi.utils import get_openapi

from assistant.pipeline import Candor
from assistant.settings import Settings
from assistant.turn import Answer, ChangeRequest, Conversation

from . import data
from . import schemas as models
from .auth import Caller, agent_only, authenticator, customer_only
from .http_errors import Error, JSONErrorRoute, rate_limited

PREFIX = "/api/v1"
TITLE = "Candor API"
VERSION = "1.0.0"

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Error, "description": text}
    for code, text in [
        (401, "Not signed in"),
        (403, "Signed in with the wrong role"),
        (422, "Invalid input; `fields` names each bad field"),
    ]
}
_ASK_ERRORS = _ERRORS | {429: {"model": Error, "description": "Too many questions; see the Retry-After header"}}


def retry_after(message: str) -> int:
    """Seconds to wait, from the rate limiter's message ("Please wait about 42 seconds")."""
    found = re.search(r"(\d+) seconds", message)
    return int(found.group(1)) if found else 60


def _answered(answer: Answer) -> models.AskResponse:
    if answer.intent == "rate_limited":
        raise rate_limited(answer.text, retry_after(answer.text))
    return models.ask_response(answer.as_dict())


def api_router(candor: Candor, settings: Settings) -> APIRouter:
    """The routes read `candor` only when called, so the schema can be made without a built Candor."""
    router = APIRouter(prefix=PREFIX, route_class=JSONErrorRoute, responses=_ERRORS)
    caller = Depends(authenticator(candor, settings))

    @router.post("/ask", responses=_ASK_ERRORS, tags=["customer"])
    def ask(body: models.AskRequest, who: Caller = caller) -> models.AskResponse:
        """Answer one question for the signed-in customer: the grounded answer with its citations. Follow-ups
        ("how sure are you about that?", "yes" to a proposed consent change) continue the credential's
        conversation, on whichever replica they reach."""
        customer_id = customer_only(who)
        conversation = Conversation(customer_id, session_id=who.session)
        memory = candor.storage.conversations
        if (earlier := memory.load(who.session, customer_id)) is not None:
            conversation.recall(earlier)
        answer = candor.ask(conversation, body.question, body.decision_id, body.subject)
        memory.save(who.session, customer_id, conversation.memory())
        return _answered(answer)

    @router.get("/offers", tags=["customer"])
    def offers(who: Caller = caller) -> list[models.OfferShown]:
        """The offers shown to the customer, newest first."""
        return data.offers(candor, customer_only(who))

    @router.get("/consents", tags=["customer"])
    def consents(who: Caller = caller) -> list[models.ConsentState]:
        """Each purpose that needs consent, and the customer's current choice."""
        return data.consents(candor, customer_only(who))

    @router.post(
        "/consents/{purpose}",
        tags=["customer"],
        responses={
            404: {"model": Error, "description": "No such purpose"},
            409: {"model": Error, "description": "The purpose does not rest on consent"},
        },
    )
    def change_consent(purpose: str, body: models.ConsentChange, who: Caller = caller) -> models.ConsentState:
        """Give or withdraw consent for one purpose: appended to the ledger and audited, as in the chat."""
        customer_id = customer_only(who)
        found = candor.catalog.purposes.get(purpose)
        if found is None:
            raise HTTPException(404, f"No purpose {purpose!r}; GET /api/v1/consents lists them.")
        if found.legal_basis != "consent":
            raise HTTPException(409, f"{found.name} does not rest on consent, so there is no consent to change.")
        status = "granted" if body.status == "given" else "withdrawn"
        candor.change_consent(Conversation(customer_id), ChangeRequest(purpose, status))
        return next(c for c in data.consents(candor, customer_id) if c.purpose == purpose)

    @router.get("/profile", tags=["customer"])
    def profile(who: Caller = caller) -> models.Profile:
        """The customer's details, current groups and latest prediction per model."""
        return data.profile(candor, customer_only(who))

    @router.get("/export", tags=["customer"])
    def export(who: Caller = caller) -> models.Export:
        """Everything Candor holds about the customer, with each decision's explanation, as JSON."""
        return data.export(candor, customer_only(who))

    @router.post("/agent/lookup", tags=["agent"], responses={404: {"model": Error, "description": "No match"}})
    def lookup(body: models.LookupRequest, who: Caller = caller) -> models.Lookup:
        """Find a customer by id, email or phone (audited) and summarise their offers, consents and data."""
        agent = agent_only(who)
        customer_id = candor.store.find_customer(body.query)
        target = customer_id or "(no match)"
        candor.state.audit(actor=agent, role="agent", action="lookup", target=target, detail="lookup via API")
        if customer_id is None:
            raise HTTPException(404, "No customer matches that id, email or phone.")
        return models.Lookup(
            customer_id=customer_id,
            offers=data.offers(candor, customer_id, limit=8),
            consents=data.consents(candor, customer_id),
            data_categories=data.categories_used(candor, data.records(candor, customer_id)),
        )

    @router.post(
        "/agent/draft", tags=["agent"], responses=_ASK_ERRORS | {404: {"model": Error, "description": "No customer"}}
    )
    def draft(body: models.DraftRequest, who: Caller = caller) -> models.Draft:
        """Ask on a customer's behalf (audited): the grounded answer and a ticket-ready text with sources."""
        agent = agent_only(who)
        if not candor.store.customer_exists(body.customer_id):
            raise HTTPException(404, "No such customer.")
        candor.state.audit(actor=agent, role="agent", action="draft_reply", target=body.customer_id, detail="API")
        answer = candor.ask(Conversation(body.customer_id, session_id=who.session), body.question)
        sources = "\n".join(f"[{i}] {c.title} ({c.section_id}): “{c.quote}”" for i, c in enumerate(answer.citations, 1))
        text = f"{answer.text}\n\nSources:\n{sources}" if sources else answer.text
        return models.Draft(**_answered(answer).model_dump(), ticket_text=text)

    @router.get("/openapi.json", include_in_schema=False)
    def schema() -> dict[str, Any]:
        return openapi(router)

    return router


def openapi(router: APIRouter) -> dict[str, Any]:
    return get_openapi(
        title=TITLE,
        version=VERSION,
        description="Candor's HTTP API. Authenticate with a bearer token from `candor token --api`, the "
        "browser's session cookie, or (demo mode only) HTTP Basic.",
        routes=router.routes,
    )
