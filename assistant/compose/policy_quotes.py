"""A policy question answered with the policy's own sentences: a one-line summary, then every sentence the
selector chose, quoted exactly and in policy order, each cited to its section; or, when it chose none, a plain
"The policy does not say whether …"."""

from __future__ import annotations

import re

from assistant.compose.builder import LONG_SENTENCE, Draft, plain, sentences
from assistant.retrieval.selector import Selection

_AUXILIARIES = frozenset("do does did can could will would is are was were should may might have has".split())
_QUESTION_WORDS = frozenset("how what when where which who whom whose why".split())
_DETERMINERS = frozenset("the my your a an our this that these those any their his her its third".split())
_PRONOUNS = frozenset("i you we they it he she someone anyone anybody somebody".split())
# The question's point of view turned to the answer's: the customer's "my" is "your", the company's "you" "we".
_SWAP = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "am": "are"}
_SWAP_COMPANY = {"you": "we", "your": "our", "yours": "ours", "yourselves": "ourselves"}


def _swap(words: list[str]) -> list[str]:
    out = []
    for word in words:
        low = word.lower()
        out.append(_SWAP.get(low) or _SWAP_COMPANY.get(low) or word)
    return out


def _statement(words: list[str]) -> list[str] | None:
    """'do you keep my data' → 'we keep your data'; 'can my employer see this' → 'your employer can see this'."""
    if not words or words[0].lower() not in _AUXILIARIES:
        return None
    aux, rest = words[0].lower(), words[1:]
    size = 2 if rest and rest[0].lower() in _DETERMINERS else 1
    subject, tail = rest[:size], rest[size:]
    if not subject or (size == 1 and subject[0].lower() not in _PRONOUNS and not subject[0][:1].isupper()):
        return None
    verb = [] if aux == "do" else [aux]
    return _swap(subject) + verb + _swap(tail)


def what_was_asked(question: str) -> str | None:
    """The question as a clause after "The policy does not say …", or None when it cannot be put that way."""
    words = re.sub(r"[?!.]+\s*$", "", plain(question)).split()
    if not words:
        return None
    first = words[0].lower()
    if first in _QUESTION_WORDS:
        lead = 2 if len(words) > 1 and words[1].lower() not in _AUXILIARIES else 1
        rest = _statement(words[lead:])
        if rest is None:
            return " ".join([first, *_swap(words[1:])]) if lead == 1 else None
        return " ".join([first, *words[1:lead], *rest])
    statement = _statement(words)
    return f"whether {' '.join(statement)}" if statement else None


def compose_selection(draft: Draft, question: str, selection: Selection, retrieved: list[str] | None = None) -> None:
    if not selection.sentences:
        clause = what_was_asked(question)
        draft.say(
            f"The policy does not say {clause}." if clause else "The policy does not say anything that answers this."
        )
        draft.say(f"To ask about it, write to {draft.catalog.company.contacts.privacy_email}.")
        return
    # The summary: the plain-language summary of the section retrieval ranked first if a chosen sentence is in
    # it, else of the likeliest sentence's section, when it has a short one; the policy's words follow.
    best = selection.sentences[max(range(len(selection.scores)), key=selection.scores.__getitem__)]
    chosen_sections = {s.section_id for s in selection.sentences}
    for section_id in [*(s for s in retrieved or [] if s in chosen_sections), best.section_id]:
        summary = draft.catalog.sections[section_id].plain_language
        if summary and all(len(s.split()) <= LONG_SENTENCE for s in sentences(summary)):
            draft.say(f"In short: {summary}", section_id)
            break
    else:
        draft.say(f"Here is what our policy says ({_count(len(selection.sentences))}):")
    for chosen in selection.sentences:
        draft.cite(chosen.section_id, chosen.text)  # the section's citation quotes its first chosen sentence
        draft.say(f"“{plain(chosen.text)}”", chosen.section_id, bullet=True)


def _count(n: int) -> str:
    return "one passage" if n == 1 else f"{n} passages"
