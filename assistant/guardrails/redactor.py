"""One redactor for every path: what the user types, evidence before a prompt, the answer before it is shown.

Detection runs on a normalised copy (look-alikes, full-width, zero-width undone); spans map back to the
original text. Overlaps go to the more certain kind: checksummed numbers before ids before phones
before dates, addresses and names.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable

from assistant.guardrails.gazetteer import Gazetteer
from assistant.guardrails.lexicons import common_words, english_given_names, everyday
from assistant.guardrails.name_lexicon import known_names, lexicon
from assistant.guardrails.names import find_names
from assistant.guardrails.ner import NameFinder
from assistant.guardrails.normalize import normalize
from assistant.guardrails.phones import find_phones
from assistant.guardrails.places import cities
from assistant.guardrails.recognizers import rules_for
from assistant.guardrails.spans import EntityType, Span
from assistant.guardrails.vault import Vault, value_key
from assistant.pack.models import Customer

_PRIORITY: dict[str, int] = {
    "CREDIT_CARD": 10, "IBAN": 10, "US_SSN": 9, "UK_NINO": 9, "EMAIL": 9, "IP_ADDRESS": 8,
    "CUSTOMER_ID": 7, "ORDER_ID": 7, "ACCOUNT_ID": 7, "PHONE": 6, "DATE_OF_BIRTH": 5,
    "STREET_ADDRESS": 4, "PERSON": 3,
}  # fmt: skip


class RedactionTimeout(Exception):
    """Redaction did not finish within its time budget; the text must not be used."""


def _check(deadline: float | None) -> None:
    if deadline is not None and time.perf_counter() > deadline:
        raise RedactionTimeout


_DIGIT = re.compile(r"\d")
_ID_WORD = re.compile(r"[\w-]+")
_ID_WORD_IN_TEXT = re.compile(r"(?<![\w-])[\w-]+(?![\w-])")


def _before_taken(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> int:
    """Where an address ends when a more certain value lies inside its tail lines ("…CM20 2SL\nEngland\nTelephone
    0844 800 1500"): at the line break or comma before that value, so the street lines stay an address."""
    inside = [s for s, e in taken if start < s < end]
    if not inside:
        return end
    cut = max(text.rfind("\n", start, min(inside)), text.rfind(",", start, min(inside)))
    return cut if cut > start else end


class Redactor:
    def __init__(
        self, directory: Iterable[Customer] | None = None, allow: Iterable[str] = (), ner: NameFinder | None = None
    ) -> None:
        """`ner`: an optional model that finds person names beside the rules (guardrails/ner.py)."""
        self._allow = {a.lower() for a in allow}
        self._ner = ner
        self._names: list[str] = []
        # A value may belong to several customers (a household's address or landline): all of them are kept, so
        # each sees it as their own.
        self._owner: dict[str, list[str]] = {}
        for c in directory or ():
            self._names.append(c.name)
            for kind, value in (
                ("PERSON", c.name),
                ("EMAIL", c.email),
                ("PHONE", c.phone),
                ("CUSTOMER_ID", c.customer_id),
                ("STREET_ADDRESS", c.postal_address),
            ):
                if value:  # phone and postal address are optional in a pack
                    self._owner.setdefault(value_key(kind, value), []).append(c.customer_id)
        self._addresses: dict[str, list[str]] = {}
        for c in directory or ():
            if c.postal_address:
                self._addresses.setdefault(" ".join(c.postal_address.lower().split()), []).append(c.customer_id)
        self._known_ids = {c.customer_id.upper() for c in directory or ()}
        # Load the name lexicons, word lists, cities and phone metadata now, so no question's time budget pays.
        lexicon(), known_names(), common_words(), everyday("word"), english_given_names(), cities()
        find_phones("+44 20 7946 0000")
        # None without a directory: no lower-case copy of each text is made for a gazetteer with nothing in it.
        self._gazetteer = Gazetteer(self._names) if self._names else None
        # A directory address is found whole: its town and country must not read as people ("Milano, Italia").
        self._known_addresses = Gazetteer(c.postal_address for c in directory or () if c.postal_address)
        # Ids made of word characters and hyphens (most packs) are found by looking each word up, at a cost
        # that does not grow with the number of customers; other formats fall back to one big pattern.
        plain = all(_ID_WORD.fullmatch(i) for i in self._known_ids)
        self._id_pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, self._known_ids)) + r")(?![\w-])", re.I)
            if self._known_ids and not plain
            else None
        )

    def analyze(self, text: str, deadline: float | None = None, model: bool = True) -> list[Span]:
        """Every personal value found, as spans of the original text, without overlaps. `model=False` leaves the
        optional NER model out: for text the company wrote (policy, grounded answers), whose people are the
        directory's, which the rules find.

        With a `deadline` (a `time.perf_counter()` value), raises `RedactionTimeout` when the work runs past
        it: a caller must then drop the text, never use it half-redacted. `ner=False` leaves out the optional
        NER model: for text Candor composed from the pack (answers, evidence), whose people the directory
        already knows, so the model's cost is paid only on what people write."""
        norm = normalize(text)
        found: list[tuple[int, int, EntityType, float]] = []
        digits = len(_DIGIT.findall(norm.text))
        lower = norm.text.lower()
        for rule in rules_for(lower, digits):
            if rule.may_match(norm.text):
                kind = rule.entity_type
                for s, e, score in rule.matches(norm.text):  # most rules find nothing: no list built for them
                    found.append((s, e, kind, score))
                _check(deadline)
        found += [(s, e, "PHONE", score) for s, e, score in find_phones(norm.text, digits)]
        _check(deadline)
        found += [(s, e, "PERSON", score) for s, e, score in find_names(norm.text, self._gazetteer)]
        found += [(s, e, "STREET_ADDRESS", 1.0) for s, e in self._known_addresses.find(lower)]
        _check(deadline)
        # The model's names come after every rule's: where they overlap, the rules' span stands (a directory
        # name keeps its owner; "Maya Cohen's" from the model must not hide "Maya Cohen" from the gazetteer).
        modelled: list[tuple[int, int, EntityType, float]] = []
        if self._ner is not None and model:
            modelled = [(s, e, "PERSON", score) for s, e, score in self._ner.find(norm.text)]
            _check(deadline)
        if self._id_pattern is not None:
            found += [(m.start(), m.end(), "CUSTOMER_ID", 1.0) for m in self._id_pattern.finditer(norm.text)]
        elif self._known_ids:
            found += [
                (m.start(), m.end(), "CUSTOMER_ID", 1.0)
                for m in _ID_WORD_IN_TEXT.finditer(norm.text)
                if m.group().upper() in self._known_ids
            ]
        found.sort(key=lambda f: (-_PRIORITY[f[2]], -(f[1] - f[0]), f[0]))
        modelled.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
        taken: list[tuple[int, int]] = []
        spans: list[Span] = []
        for start, end, kind, score in found + modelled:
            if kind == "STREET_ADDRESS":
                end = _before_taken(norm.text, start, end, taken)
            if end <= start or any(start < e and s < end for s, e in taken):
                continue
            o_start, o_end = norm.original_span(start, end)
            value = text[o_start:o_end]
            if value.lower() in self._allow or (kind == "PERSON" and self._in_public_name(value)):
                # Public text covers its place: a shorter candidate inside it ("Cedar Landing Avenue, Seattle…"
                # inside the company's "1200 Cedar Landing Avenue, …") is not redacted either.
                taken.append((start, end))
                continue
            taken.append((start, end))
            spans.append(Span(o_start, o_end, kind, value, score))
        return sorted(spans)

    def allow(self, values: Iterable[str]) -> None:
        """Leave these readable too (public text found after the directory was indexed)."""
        self._allow |= {v.lower() for v in values}

    def _in_public_name(self, value: str) -> bool:
        """A "name" that is part of a name the pack publishes (a sponsor, a recipient, a programme) is not a person."""
        low = " ".join(value.lower().split())
        return any(re.search(rf"(?<!\w){re.escape(low)}(?!\w)", a) for a in self._allow)

    def owner_of(self, span: Span, asker: str | None = None) -> str | None:
        """Which customer a value belongs to, when the directory knows it: the `asker`, when it is theirs too."""
        owners = self.owners_of(span)
        return asker if asker in owners else (owners[0] if owners else None)

    def owners_of(self, span: Span) -> list[str]:
        text = span.text.rstrip(".,;:") if span.entity_type == "STREET_ADDRESS" else span.text  # "…Baker St."
        owners = self._owner.get(value_key(span.entity_type, normalize(text).text), [])
        if not owners and span.entity_type == "PHONE":
            digits = re.sub(r"\D", "", span.text)[-9:]
            owners = next((o for k, o in self._owner.items() if k.startswith("PHONE:") and k.endswith(digits)), [])
        if not owners and span.entity_type == "STREET_ADDRESS":
            # An address is often written without its country: match the directory's by its start.
            typed = " ".join(normalize(text).text.lower().split())
            owners = next((o for a, o in self._addresses.items() if len(typed) >= 12 and a.startswith(typed)), [])
        return owners

    def names_someone(self, text: str) -> bool:
        """Whether the text carries any customer's personal data that the directory knows."""
        return any(self.owner_of(span) is not None for span in self.analyze(text, model=False))

    def redact(self, text: str, vault: Vault, deadline: float | None = None, model: bool = True) -> str:
        """Replace every span with its conversation-stable placeholder (see `analyze` for `deadline`, `model`)."""
        out: list[str] = []
        last = 0
        for span in self.analyze(text, deadline, model):
            out.append(text[last : span.start])
            owner = self.owner_of(span, vault.owner_id)
            out.append(vault.placeholder(span.entity_type, normalize(span.text).text, owner))
            last = span.end
        out.append(text[last:])
        return "".join(out)
