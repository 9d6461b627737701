"""The data passed between the stages of one turn: the conversation, the turn as each stage fills it in,
what was understood (intent, the offer resolved, the parsed request), and the answer with its lines and
citations. Imports no stage."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

from langchain_core.documents import Document

from assistant.guardrails.vault import Vault
from assistant.pack.models import Decision
from assistant.records.store import CustomerRecords
from assistant.retrieval.selector import Selection

Intent = Literal[
    "why_offer",
    "data_held",
    "consent_status",
    "change_control",
    "sell_share",
    "retention",
    "access_delete",
    "out_of_scope",
    "policy_question",
    "other_customer",
    "injection",
    "invalid_input",
    "segments",
    "predictions",
    "object_profiling",
    "consent_change",
    "rate_limited",
    "minimisation",
    "fairness",
]


@dataclass(frozen=True)
class Citation:
    doc_id: str
    section_id: str
    title: str
    quote: str

    def as_dict(self) -> dict[str, str]:
        return {
            "doc_id": self.doc_id,
            "section_id": self.section_id,
            "title": self.title,
            "quote": self.quote,
        }


@dataclass
class Line:
    """One sentence or bullet of an answer, with indexes into the answer's citations."""

    text: str
    cites: list[int] = field(default_factory=list)
    bullet: bool = False


@dataclass
class Answer:
    intent: Intent
    lines: list[Line]
    citations: list[Citation]
    decision_ids: list[str] = field(default_factory=list)
    mode: str = "grounded"
    # Facts the answer attributes to the customer, for the verifier: (kind, decision_id, value).
    claims: list[tuple[str, str, str]] = field(default_factory=list)
    needs_clarification: bool = False
    verified: bool = True
    problems: list[str] = field(default_factory=list)
    # A consent change this answer asks the customer to confirm (consent_change.ChangeRequest).
    proposed_change: Any = None
    # How the answer was made, for `candor ask --json`: model, verification, token counts (LLM mode).
    meta: dict[str, Any] = field(default_factory=dict)
    # Questions offered as one-click choices: the other close reading of the question ("Did you mean…?").
    choices: list[str] = field(default_factory=list)
    # The offers listed for the customer to choose from, in the order shown ("the second one").
    listed: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return render_lines(self.lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "intent": self.intent,
            "citations": [c.as_dict() for c in self.citations],
            "decision_ids": self.decision_ids,
            "mode": self.mode,
            "needs_clarification": self.needs_clarification,
            "verified": self.verified,
            "did_you_mean": self.choices,
            "model": None,
            "verification": "not_run",
            "tokens": None,
        } | self.meta


def render_lines(lines: list[Line]) -> str:
    """Markdown: paragraphs apart, bullets packed under the sentence that introduces them."""
    parts: list[str] = []
    for i, line in enumerate(lines):
        marks = "".join(f" [{n + 1}]" for n in line.cites)
        text = f"- {line.text}{marks}" if line.bullet else f"{line.text}{marks}"
        parts.append(text if i == 0 else ("\n" if line.bullet else "\n\n") + text)
    return "".join(parts)


ResolutionKind = Literal["one", "ambiguous", "none", "unspecified"]


@dataclass
class Resolution:
    kind: ResolutionKind
    decisions: list[Decision] = field(default_factory=list)  # the chosen one first, or the candidates
    reason: str = ""  # "none": what was looked for; "one": the dates named that the offer meant was not shown on
    # Other offers the words fit less well (newest decision of each, best first): offered as one-click choices.
    others: list[Decision] = field(default_factory=list)


@dataclass(frozen=True)
class IntentResult:
    intent: Intent
    score: float
    normalized: str
    # The next likeliest reading and how far behind it is: close readings are offered as "Did you mean…?".
    runner_up: Intent | None = None
    margin: float = 1.0
    routed: bool = False  # picked by the optional router on a close call (understand/routing.py)


@dataclass(frozen=True)
class ChangeRequest:
    purpose: str
    status: str  # "granted" or "withdrawn"
    # More purposes changed the same way in the same confirmation ("withdraw all my consents").
    more: tuple[str, ...] = ()

    @property
    def purposes(self) -> tuple[str, ...]:
        return (self.purpose, *self.more)


@dataclass(frozen=True)
class Request:
    """What a question names and asks, read once by the understand stage. Composers decide from this and the
    records, never from the question's text. Ids are the pack's own, best match first."""

    # The question's content words, to pick the policy sentence that answers it.
    words: frozenset[str] = frozenset()
    purposes: tuple[str, ...] = ()
    # The same among the purposes that rest on consent (the best of those, not of all).
    consent_purposes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    # The kinds of data the question names unmistakably (a whole name, or words only that kind uses): a data
    # question naming them is answered about them.
    data_named: tuple[str, ...] = ()
    # The kinds of data named by their whole name (not by words of their description): what a side remark
    # about data ("treat me differently because of where I live") may safely be answered about.
    kinds_by_name: tuple[str, ...] = ()
    # Asks to stop all marketing ("ALL marketing… everything"), or by a channel no consent is named for ("app
    # notifications about offers"); and asks what turning something off leaves ("will I still see offers?").
    stop_all_marketing: bool = False
    # "Opt me out of the sale of my personal information": the pack's do-not-sell control, not a consent.
    no_sale: bool = False
    asks_effect: bool = False
    # Asks where a setting is ("where in the app…", "on my TV", "I can't find it"): the control's steps, not
    # only its link.
    asks_where: bool = False
    # Asks how to reach a person (the privacy team, the DPO), or how to complain to the regulator.
    wants_person: bool = False
    wants_complaint: bool = False
    # Asks who the company legally is ("which company am I dealing with legally?"): the controller.
    wants_controller: bool = False
    # Asks on what legal basis the company uses data ("what's the legal basis for …", "how can you legally …").
    asks_basis: bool = False
    # Doubts or does not remember a choice ("did I actually tick it?", "I never agreed", "can't remember"): the
    # consent record's own words, which show how the choice was made.
    doubts: bool = False
    # Says offers keep coming ("…and yet you keep sending me offers", "how come the ads know what I like?").
    still_sent: bool = False
    # Asks in general what was agreed, beside any consent named ("am I on your email list? what I agreed exactly?").
    every_consent: bool = False
    # Asks what is kept after leaving ("if I close my account, how long do you keep my stuff?").
    after_leaving: bool = False
    # A legal basis named by its name ("what does 'legitimate interest' mean for me?"): its id, to explain it.
    basis_named: str | None = None
    # Asks about the policy documents themselves ("do you have a privacy policy I can read?", "what version is the
    # privacy notice?"): their titles, versions and dates.
    asks_documents: bool = False
    # The question's words that no kind of data's name nor any data question says ("gps", "phone calls"): a
    # data question naming them is answered first by the policy's sentence on them.
    specific_words: frozenset[str] = frozenset()
    # Sensitive (special-category) kinds of data the question asks about, by their own or everyday words.
    sensitive: tuple[str, ...] = ()
    # The policy's sentences on sensitive data, when the question asks about some: its promise is quoted too.
    sensitive_sentences: tuple[str, ...] = ()
    # Fields of the customer's own record asked for by name ("what address do you have for me?"): the customer
    # record's field names, or the attributes company.yaml declares ("age_band").
    record_fields: tuple[str, ...] = ()
    # Record fields named in any question ("why have you got my phone number?"), not only asked for as values:
    # a minimisation answer gives them (a data answer gives the whole kind unless the values are asked for).
    fields_named: tuple[str, ...] = ()
    # The company's declared customer attributes named at all ("why do you need my age?": "age_band").
    attributes_named: tuple[str, ...] = ()
    # Protected characteristics a fairness question names ("biased against women?": "gender").
    characteristics: tuple[str, ...] = ()
    # Kinds of data a fairness question names in everyday words ("people in my area": the region).
    proxies: tuple[str, ...] = ()
    # Prediction models and the customer's own groups the question names.
    models: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    # Policy sections whose title the question names ("tell me about model versions").
    titled_sections: tuple[str, ...] = ()
    # The common privacy topic asked about ("what if you get hacked?": security) and the sections about it.
    topic: str | None = None
    topic_sections: tuple[str, ...] = ()
    # A practice the question asks about that the policy never mentions ("do you train AI on my data?"), as the
    # answer names it: the policy is silent on it.
    silent_topic: str | None = None
    # The policy's own sentences on such a practice when the policy does speak of it ("We do not record phone
    # calls."): the answer quotes among these, not whatever else shares a word with the question.
    practice_sentences: tuple[str, ...] = ()
    # The purpose of the offer discussed last, and whether the question points back at it ("stop that").
    recent_purpose: str | None = None
    # Whether the offer discussed last came by email ("how do i make them stop" then means the emails too).
    recent_by_email: bool = False
    refers_back: bool = False
    # Asks about the past ("groups I was in before"), or to delete rather than see.
    past: bool = False
    wants_delete: bool = False
    # Deleting the whole account or everything ("if I delete my account do I lose my points?"), whatever kind of
    # data it also names.
    deletes_everything: bool = False
    # The consent change asked for, when the question asks for one.
    change: ChangeRequest | None = None
    # Names email as the channel ("stop emailing me about deals"): emails may rest on more than the one consent.
    by_email: bool = False
    # A close second reading, as a question to offer ("Did you mean…?").
    alternative: str | None = None
    # A second question asked in the same message ("what do you hold and how long do you keep it?").
    also: Intent | None = None
    # The question as a clause an answer can say back ("whether we keep your messages"), when it can be put so.
    asked: str | None = None


@dataclass
class Conversation:
    """One signed-in customer's chat: their id, their vault, what was discussed last."""

    customer_id: str
    vault: Vault = field(init=False)
    recent_decision_ids: list[str] = field(default_factory=list)
    awaiting_offer_choice: bool = False
    # The offers the last answer listed to choose from, in order, for "the second one".
    listed_decision_ids: list[str] = field(default_factory=list)
    # What the last answer was about, so "how sure are you about that?" continues it.
    last_intent: Intent | None = None
    # The one customer group the last answer explained, for "and did you use that group to choose my offers?".
    recent_segment_id: str | None = None
    # The one consent the last answer was about, for "right, switch it off then".
    recent_consent: str | None = None
    # The common privacy topic the last policy answer was about ("security"), for "how quickly?" after it.
    recent_topic: str | None = None
    # The kinds of data the last question named, and those of them that are sensitive, for "who else gets that?".
    recent_kinds: tuple[str, ...] = ()
    recent_sensitive: tuple[str, ...] = ()
    # A consent change the customer asked for, waiting for "yes" or "no".
    pending_change: ChangeRequest | None = None
    session_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __post_init__(self) -> None:
        self.vault = Vault(owner_id=self.customer_id)

    def memory(self) -> dict[str, Any]:
        """What a follow-up needs from the turns before it, to keep between requests (records/conversations.py):
        decision ids, the last intent and a pending change — no question text and no personal value (the vault
        stays in the turn that filled it)."""
        change = self.pending_change
        return {
            "recent_decision_ids": list(self.recent_decision_ids),
            "awaiting_offer_choice": self.awaiting_offer_choice,
            "listed_decision_ids": list(self.listed_decision_ids),
            "last_intent": self.last_intent,
            "recent_segment_id": self.recent_segment_id,
            "recent_consent": self.recent_consent,
            "recent_topic": self.recent_topic,
            "recent_kinds": list(self.recent_kinds),
            "recent_sensitive": list(self.recent_sensitive),
            "pending_change": (
                {"purpose": change.purpose, "status": change.status, "more": list(change.more)} if change else None
            ),
        }

    def recall(self, memory: dict[str, Any]) -> None:
        self.recent_decision_ids = [str(d) for d in memory.get("recent_decision_ids", [])]
        self.awaiting_offer_choice = bool(memory.get("awaiting_offer_choice", False))
        self.listed_decision_ids = [str(d) for d in memory.get("listed_decision_ids", [])]
        self.last_intent = memory.get("last_intent")
        segment = memory.get("recent_segment_id")
        self.recent_segment_id = str(segment) if segment else None
        consent = memory.get("recent_consent")
        self.recent_consent = str(consent) if consent else None
        topic = memory.get("recent_topic")
        self.recent_topic = str(topic) if topic else None
        self.recent_kinds = tuple(str(k) for k in memory.get("recent_kinds", []))
        self.recent_sensitive = tuple(str(k) for k in memory.get("recent_sensitive", []))
        change = memory.get("pending_change")
        self.pending_change = (
            ChangeRequest(str(change["purpose"]), str(change["status"]), tuple(str(m) for m in change.get("more", [])))
            if change
            else None
        )


@dataclass
class Turn:
    """One question on its way through the chain; each stage fills in its part."""

    conversation: Conversation
    question: str
    decision_id: str | None = None
    # An explicit subject from the UI: "segment:<id>" or "prediction:<id>".
    subject_ref: str | None = None
    intent: IntentResult | None = None
    records: CustomerRecords | None = None
    passages: list[Document] = field(default_factory=list)
    # Passages for the request's second question, when it asks two.
    also_passages: list[Document] = field(default_factory=list)
    resolution: Resolution | None = None
    request: Request = field(default_factory=Request)
    # For a policy question: the policy sentences that answer it (none: the policy does not say).
    policy_selection: Selection | None = None
    # The policy's sentence on something specific a data question names (`Request.specific_words`).
    specific_selection: Selection | None = None
    answer: Answer | None = None
    # Set by the guard: the question carries injected instructions, or names another customer.
    injection: bool = False
    foreign: bool = False

    @property
    def subject(self) -> str | None:
        return self.subject_ref.split(":", 1)[1] if self.subject_ref else None

    @property
    def sections(self) -> list[str]:
        """Section ids of the retrieved passages, best first, without repeats."""
        return section_ids(self.passages)

    @property
    def also_sections(self) -> list[str]:
        return section_ids(self.also_passages)


def section_ids(passages: list[Document]) -> list[str]:
    out: list[str] = []
    for doc in passages:
        sid = str(doc.metadata["section_id"])
        if sid not in out:
            out.append(sid)
    return out
