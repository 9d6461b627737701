"""A question turned into the clause an answer can say it back with: "do you keep my messages?" becomes
"whether we keep your messages", for "The policy does not say whether we keep your messages"."""

from __future__ import annotations

import re

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
    words = re.sub(r"[?!.]+\s*$", "", " ".join(question.split())).split()
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
