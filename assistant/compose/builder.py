"""Helpers shared by the grounded composers: an answer under construction, citations, wording."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from assistant.pack.models import Control, Decision, Purpose, Section
from assistant.records.store import Catalog, CustomerRecords
from assistant.retrieval.retrievers import terms
from assistant.turn import Answer, Citation, Intent, Line

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“(])")

# The right a customer has over each legal basis, for when no control exercises it.
BASIS_RIGHT = {
    "consent": "withdraw your consent at any time, as easily as you gave it",
    "legitimate_interest": "object to this use of your data at any time",
    "contract": "ask what we hold and why",
    "legal_obligation": "ask what we hold and why",
}

BASIS_WORDS = {
    "consent": "your consent",
    "legitimate_interest": "our legitimate interest",
    "contract": "our contract with you (we need it to provide what you asked for)",
    "legal_obligation": "a legal obligation we must meet",
}


def plain(text: str) -> str:
    return " ".join(text.split())


def lower_first(name: str) -> str:
    """'Viewing history' → 'viewing history', for a catalog name inside a sentence."""
    return name[:1].lower() + name[1:]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(plain(text)) if s.strip()]


_CLAUSE_WORDS = frozenset({"how", "what", "when", "where", "which", "who", "whether"})


def your(name: str) -> str:
    """'Purchase history' → 'your purchase history'; 'Your region' → 'your region'; a proper name stays
    capitalised ('Acme Rewards membership' → 'your Acme Rewards membership')."""
    words = name.split()
    if words and words[0].lower() in _CLAUSE_WORDS:
        # A name that is a clause ("How you respond to ads") reads as it is: "how you respond to ads".
        return name[0].lower() + name[1:]
    proper = len(words) > 1 and words[1][:1].isupper()
    low = name if proper or not name else name[0].lower() + name[1:]
    return low if low.lower().startswith("your ") and not proper else f"your {low}"


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def category_name(catalog: Catalog, category_id: str) -> str:
    """A kind of data by its catalog name, or its id when the catalog has no such kind."""
    category = catalog.categories.get(category_id)
    return category.name if category else category_id


def unstop(text: str) -> str:
    """A pack's phrase without its full stop, for a sentence that goes on or ends with its own."""
    return text.rstrip(". ")


def sentence(text: str) -> str:
    """Plain text ending in a full stop, for record text that may lack one."""
    text = plain(text)
    return text if text.endswith((".", "!", "?")) else f"{text}."


def day(when: datetime) -> str:
    return f"{when.day} {when:%B %Y}"


def control_text(control: Control) -> str:
    if control.link:
        return f"{control.label}: {control.link}"
    return f"{control.label}: {control.instructions}"


def control_steps(control: Control) -> str:
    """A control with its steps as well as its link, for someone who asked how or where to change something."""
    if control.link and control.instructions:
        return f"{control.label}: {sentence(control.instructions)} Link: {control.link}"
    return control_text(control)


def for_use(name: str, control: Control, shown: str) -> str:
    """A use's setting, led by the use's name unless the setting bears it ("Tailored picks and promotions")."""
    return shown if control.label.lower() == name.lower() else f"{name}: {shown}"


def control_notes(control: Control, most_words: int = 22) -> str:
    """The short sentences of a control's instructions that carry what a customer needs beside its link: how soon
    it takes effect ("always within 15 business days"), the switch's own name ('Switch on "Stop all marketing to
    me".'), that no reason is needed. Long step-by-step sentences are left to the link (plain language)."""
    notes = [
        s
        for s in sentences(control.instructions or "")
        if (TAKES_EFFECT.search(s) or _NOTE.search(s)) and len(s.split()) <= most_words
    ]
    return " ".join(notes)


_NOTE = re.compile(
    r"\b(no|not|never|don'?t|do not) (need|have) to (give|say|explain) (us )?(a|any|your) reasons?\b|\"[^\"]+\"", re.I
)


TAKES_EFFECT = re.compile(
    r"\b(within \d+|within (a|one|a few|several) (day|week|month|minute|hour)s?|(the )?same day|straight away|"
    r"immediately|right away|(next|following) (offer|email|day)|\d+ (hours?|days|business days|minutes))\b",
    re.I,
)


def steps_naming(control: Control | None, name: str) -> list[str]:
    """The control's instructions, sentence by sentence; only those naming this use when some do (a control
    shared by several uses: "To withdraw consent for the fitness tracker connection, disconnect the tracker")."""
    if control is None:
        return []
    steps = sentences(control.instructions or "")
    if name.lower() in control.label.lower():
        return steps
    chosen = {i for i, s in enumerate(steps) if name.lower() in s.lower()}
    for i in [i for i in chosen if _LEANS_BACK.search(steps[i])]:
        # "… or write to the same address": the earlier sentence that gives the address comes too.
        chosen |= {max((j for j in range(i) if _ADDRESS.search(steps[j])), default=i)}
    return [steps[i] for i in sorted(chosen)] or steps


_LEANS_BACK = re.compile(r"\bthe same (address|email|e-mail)\b", re.I)
_ADDRESS = re.compile(r"\S+@\S+\.\w+")


_CHANNEL_WORDS = {
    "email": "in an email",
    "app": "in our app",
    "web": "on our website",
    # Common names packs give their own channels.
    "push": "in a push notification",
    "mobile_app": "in our mobile app",
    "tv_app": "in our TV app",
}


def channel_words(channel: str) -> str:
    return _CHANNEL_WORDS.get(channel, f"through {channel.replace('_', ' ')}")


def offer_line(records: CustomerRecords, d: Decision) -> str:
    """An offer as lists name it: title, where, when and its reference."""
    offer = records.offers[d.offer_id]
    return f"“{offer.title}”, {channel_words(d.channel)}, on {day(d.shown_at)} (ref {d.decision_id})"


LONG_SENTENCE = 30  # words: a quoted sentence longer than this is hard to read


def body_sentences(section: Section) -> list[str]:
    """The section's own sentences, without its "Plain language:" summary line; a subsection's heading kept
    inside the text ("#### What partners do not receive") ends a sentence and is none."""
    text = _SUMMARY.sub("", section.text)  # the whole summary paragraph, not only its first sentence
    return [s for part in _HEADING_LINE.split(text) for s in sentences(part)]


_HEADING_LINE = re.compile(r"^ {0,3}#{1,6} .*$", re.M)
_SUMMARY = re.compile(r"^Plain language:.*?(?=\n[ \t]*\n|\Z)", re.M | re.S)


def best_quote(section: Section, wanted: frozenset[str] = frozenset()) -> str:
    """The approved plain-language summary, else the body sentence that shares most of the `wanted` words."""
    if section.plain_language and not wanted:
        return section.plain_language
    body = body_sentences(section)
    if not body:
        return section.plain_language or section.title
    # A relevant sentence short enough to read beats a long list that happens to share more words.
    scored = max(
        body,
        key=lambda s: (
            bool(wanted & set(terms(s))),
            len(s.split()) <= LONG_SENTENCE,
            len(wanted & set(terms(s))),
            -body.index(s),
        ),
    )
    if section.plain_language and not wanted & set(terms(scored)):
        return section.plain_language
    return scored


@dataclass
class Draft:
    """An answer being written: lines, the citations they point at, and the facts they claim."""

    intent: Intent
    catalog: Catalog
    lines: list[Line] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    decision_ids: list[str] = field(default_factory=list)
    claims: list[tuple[str, str, str]] = field(default_factory=list)
    needs_clarification: bool = False
    proposed_change: object = None
    choices: list[str] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)

    def cite(self, section_id: str, quote: str | None = None) -> int:
        """The citation of a section (made once per answer); `quote`, a sentence of it, is what it quotes."""
        section = self.catalog.sections[section_id]
        quote = quote or best_quote(section)
        for i, c in enumerate(self.citations):
            if c.section_id == section_id:
                return i
        self.citations.append(Citation(section.doc_id, section.section_id, section.title, quote))
        return len(self.citations) - 1

    def say(self, text: str, *sections: str, bullet: bool = False) -> None:
        self.lines.append(Line(text, [self.cite(s) for s in sections], bullet))

    def control_line(self, control_id: str | None, lead: str) -> None:
        control = self.catalog.company.controls.get(control_id or "")
        if control is not None:
            self.say(f"{lead} {control_text(control)}")

    def exercise(
        self,
        control_id: str | None,
        right: str,
        lead: str = "To change this, use",
        bullet: bool = False,
        right_said: bool = False,
    ) -> None:
        """The control for a right; where the pack has none, the right itself and how to use it by writing to
        the privacy contact, so a missing control never leaves the customer without a way."""
        control = self.catalog.company.controls.get(control_id or "")
        if control is not None:
            self.say(f"{lead} {control_text(control)}", bullet=bullet)
        elif right_said:
            self.say(f"To use this right, write to {self.catalog.company.contacts.privacy_email}.", bullet=bullet)
        else:
            self.say(
                f"You have the right to {right}. To use it, write to {self.catalog.company.contacts.privacy_email}.",
                bullet=bullet,
            )

    def quote_first(
        self, section_ids: Iterable[str], pattern: re.Pattern[str], lead: str = "Our policy says:", bullet: bool = False
    ) -> bool:
        """The first body sentence matching `pattern`, in the first of `section_ids` that has one, quoted and
        cited after `lead` ("Our policy says: “…”"); whether one was found."""
        for section_id in section_ids:
            section = self.catalog.sections.get(section_id)
            said = next((s for s in body_sentences(section) if pattern.search(s)), None) if section else None
            if said is not None:
                self.cite(section_id, said)
                self.say(f"{lead} “{said}”", section_id, bullet=bullet)
                return True
        return False

    def purpose_section(self, purpose: Purpose) -> str:
        return purpose.policy_section

    def answer(self) -> Answer:
        return Answer(
            self.intent,
            self.lines,
            self.citations,
            self.decision_ids,
            claims=self.claims,
            needs_clarification=self.needs_clarification,
            proposed_change=self.proposed_change,
            choices=self.choices,
            listed=self.listed,
        )
