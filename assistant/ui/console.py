"""The support-agent console: look up a customer, see why they got their offers, draft a cited reply.

Every lookup is audited; only identities with the agent role get anything back.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.accounts.sessions import AGENT_PREFIX, is_agent
from assistant.compose.why_offer import how_chosen
from assistant.pack.facts import selection
from assistant.pipeline import Candor
from assistant.practices.markdown import render_markdown
from assistant.turn import Answer, Conversation
from assistant.ui.views import categories_held, consents, recent_offers


class NotAnAgent(PermissionError):
    def __init__(self) -> None:
        super().__init__("This console is for support agents only.")


@dataclass(frozen=True)
class Lookup:
    customer_id: str
    summary: str  # Markdown


def _agent(identity: str | None) -> str:
    if not is_agent(identity):
        raise NotAnAgent()
    return (identity or "")[len(AGENT_PREFIX) :]


def lookup(candor: Candor, identity: str | None, query: str) -> Lookup | None:
    """Find a customer by id, email or phone, audit the lookup, and summarise their records."""
    agent = _agent(identity)
    customer_id = candor.store.find_customer(query)
    kind = "id" if customer_id and query.strip().upper() == customer_id else ("email" if "@" in query else "phone")
    candor.state.audit(
        actor=agent, role="agent", action="lookup", target=customer_id or "(no match)", detail=f"lookup by {kind}"
    )
    if customer_id is None:
        return None
    conversation = Conversation(customer_id)
    # How each offer was chosen, read from the log as the why-offer answer says it; asking the pipeline
    # instead would spend the customer's rate limit (and, in LLM mode, eight model calls) on the lookup.
    decisions = {d.decision_id: d for d in candor.records(conversation).decisions}
    lines = [f"### Customer {customer_id}", "", "#### Recent offers"]
    for row in recent_offers(candor, conversation, limit=8):
        d = decisions[row.decision_id]
        why = how_chosen(d, selection(d, candor.catalog.categories))
        lines.append(f"- **{row.title}** ({row.decision_id}), {row.where}, {row.when}. {why}")
    lines += ["", "#### Consent"]
    lines += [f"- {r.purpose}: {r.state} (since {r.since}, via {r.source})" for r in consents(candor, conversation)]
    lines += ["", "#### Data categories on record"]
    lines += [f"- {c.name}" for c in categories_held(candor, conversation)]
    return Lookup(customer_id, "\n".join(lines))


def draft_reply(candor: Candor, identity: str | None, customer_id: str, question: str) -> Answer:
    """Ask Candor on the customer's behalf: the grounded answer with its citations, to paste into a ticket."""
    agent = _agent(identity)
    if not candor.store.customer_exists(customer_id):
        raise LookupError(customer_id)
    candor.state.audit(actor=agent, role="agent", action="draft_reply", target=customer_id, detail="asked on behalf")
    return candor.ask(Conversation(customer_id), question)


def practices(candor: Candor, identity: str | None) -> str:
    """The practice audit stored with the build, for agents (audited): findings cite other customers' records,
    which customers never see."""
    agent = _agent(identity)
    candor.state.audit(actor=agent, role="agent", action="practices", target="(all customers)", detail="viewed")
    if candor.catalog.practices is None:
        return "This build has no practice audit. Run `candor ingest` again (it needs Fairlearn)."
    live: dict[str, int] = {}
    for event in candor.state.all_consents():
        live[event.purpose] = live.get(event.purpose, 0) + 1
    return render_markdown(candor.catalog.practices, live)


def as_ticket_text(answer: Answer) -> str:
    sources = "\n".join(f"[{i}] {c.title} ({c.section_id}): “{c.quote}”" for i, c in enumerate(answer.citations, 1))
    return f"{answer.text}\n\nSources:\n{sources}" if sources else answer.text
