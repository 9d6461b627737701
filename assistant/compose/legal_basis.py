""" "What is your legal basis for …?": answered from the purposes' own records (each has exactly one legal basis),
each cited to the policy section that explains it, before what the policy's sentences add."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.compose.builder import BASIS_RIGHT, BASIS_WORDS, Draft, body_sentences, plain, sentences
from assistant.pack.models import Purpose
from assistant.records.store import CustomerRecords

# A sentence of the purpose's own section that states its basis, and for a legitimate interest, which interest
# (GDPR Art. 13(1)(d)): "Legal basis: our legitimate interest in telling customers about relevant offers."
# Also as a policy puts it in prose: "This is based on our legitimate interest in…", "These records are a legal
# obligation."
_STATES_BASIS = re.compile(
    r"\b(legal|lawful) basis\b|\brel(y|ies) on\b|\b(is|are) based on (our|your|a)\b|"
    r"\b(is|are) (a|our) (legal obligations?|legitimate interests?)\b",
    re.I,
)
# Sections titled for the legal bases as a whole, and for each basis ("Our legal bases explained", "Consent").
_OVERVIEW = re.compile(r"\b(legal|lawful) bas(is|es)\b", re.I)
_BASIS_TITLE = {
    "consent": re.compile(r"^(your )?consent$", re.I),
    "legitimate_interest": re.compile(r"^(our )?legitimate interests?$", re.I),
    "contract": re.compile(r"^(a |our |the )?contract$", re.I),
    "legal_obligation": re.compile(r"^(a )?legal obligations?$", re.I),
}
_BARE = 5  # words of a sentence that only names the basis
_MOST_NAMED = 3  # purposes answered one by one; a question naming more (or none) gets every purpose by basis


def legal_bases(draft: Draft, purposes: Sequence[str], data: Sequence[str] = ()) -> bool:
    """The legal basis of each purpose the question names; else, for the kinds of data it names ("what gives you
    the right to use my viewing history?"), of each purpose that uses them; else of every purpose, by basis.
    False, saying nothing, for a pack that lists no purposes (a policy dropped in alone): the policy answers."""
    catalog = draft.catalog
    if not catalog.purposes:
        return False
    named = [catalog.purposes[p] for p in purposes if p in catalog.purposes]
    if 0 < len(named) <= _MOST_NAMED:
        for purpose in named:
            draft.say(f"{purpose.name}: our legal basis is {BASIS_WORDS[purpose.legal_basis]}.", purpose.policy_section)
            _policy_words(draft, purpose.policy_section)
            if purpose.legal_basis in ("consent", "legitimate_interest"):
                # The basis says what the customer can do about it: withdraw, or object.
                draft.exercise(purpose.opt_out, BASIS_RIGHT[purpose.legal_basis], bullet=True)
        return True
    kinds = [catalog.categories[c] for c in data if c in catalog.categories]
    if not named and 0 < len(kinds) <= _MOST_NAMED:
        for kind in kinds:
            uses = [catalog.purposes[p] for p in kind.purposes if p in catalog.purposes]
            if not uses:
                draft.say(f"Our data catalog names no purpose that uses {kind.name.lower()}.")
                continue
            draft.say(
                f"We use {kind.name.lower()} for {len(uses)} purpose{'s' * (len(uses) > 1)}, each with its legal basis:"
            )
            for purpose in uses:
                draft.say(f"{purpose.name}: {BASIS_WORDS[purpose.legal_basis]}.", purpose.policy_section, bullet=True)
        return True
    by_basis: dict[str, list[Purpose]] = {}
    for purpose in catalog.purposes.values():
        by_basis.setdefault(purpose.legal_basis, []).append(purpose)
    overview = _titled(draft, _OVERVIEW)
    draft.say(f"Each of the {len(catalog.purposes)} purposes we use your data for has one legal basis:", *overview)
    for basis, group in by_basis.items():
        # The policy's section on that basis where it has one ("Legitimate interests"), else each purpose's.
        sections = _titled(draft, _BASIS_TITLE[basis]) or list(dict.fromkeys(p.policy_section for p in group))
        words = BASIS_WORDS[basis]
        names = ", ".join(p.name for p in group)
        draft.say(f"{words[0].upper()}{words[1:]}: {names}.", *sections, bullet=True)
    return True


def basis_explained(draft: Draft, basis: str, purposes: Sequence[str]) -> bool:
    """ "What does 'legitimate interest' mean for me?": the policy's section on that basis, if it has one, in its
    own words; the purposes that rest on it (those the question names, else all), each with the policy's sentence
    naming the interest pursued; and what the customer can do about it. False for a pack with no such purpose."""
    catalog = draft.catalog
    resting = [p for p in catalog.purposes.values() if p.legal_basis == basis]
    if not resting:
        return False
    named = [p for p in resting if p.id in purposes] or resting
    section = _titled(draft, _BASIS_TITLE[basis])
    if section:
        draft.say(f"Our policy explains it in “{catalog.sections[section[0]].title}”:", section[0])
        for said in body_sentences(catalog.sections[section[0]]):
            draft.cite(section[0], said)
            draft.say(f"“{said}”", section[0], bullet=True)
    draft.say(f"{'These rest' if len(named) > 1 else 'This rests'} on {BASIS_WORDS[basis]}:")
    for purpose in named:
        # Each with the policy's sentence naming the interest pursued (GDPR Art. 13(1)(d)), when it has one.
        interest = _basis_sentence(draft, purpose.policy_section)
        if interest is not None:
            draft.cite(purpose.policy_section, interest)
        line = f"{purpose.name}: “{interest}”" if interest else f"{purpose.name}."
        draft.say(line, purpose.policy_section, bullet=True)
    if basis == "legitimate_interest":
        # What the basis lets the customer do: object, with each control once, for the purposes it serves.
        by_control: dict[str | None, list[str]] = {}
        for purpose in named:
            by_control.setdefault(purpose.opt_out, []).append(purpose.name)
        draft.say("To object:")
        for control_id, names in by_control.items():
            draft.exercise(control_id, BASIS_RIGHT[basis], lead=f"{', '.join(names)}: use", bullet=True)
    return True


def offers_on_other_grounds(draft: Draft, records: CustomerRecords, without: Sequence[str]) -> None:
    """ "I never agreed to anything, yet you keep sending me offers": the customer's own offers that rested on no
    consent (the decision log's legal basis), by purpose, with what the policy says chooses them; said when a
    consent asked about (`without`) is not given, so "no consent" does not read as "so no offers"."""
    catalog = draft.catalog
    if not without:
        return
    counts: dict[str, int] = {}
    for d in records.decisions:
        if d.legal_basis != "consent" and d.purpose in catalog.purposes:
            counts[d.purpose] = counts.get(d.purpose, 0) + 1
    if not counts:
        return
    total = sum(counts.values())
    draft.say(f"{total} of the offers we showed you rested on no consent:")
    for purpose_id, n in counts.items():
        purpose = catalog.purposes[purpose_id]
        draft.say(
            f"{purpose.name} ({n}), on {BASIS_WORDS[purpose.legal_basis]}: {plain(purpose.description)}",
            purpose.policy_section,
            bullet=True,
        )
    # What that basis lets the customer do about them: object (a legitimate interest), each control once.
    interests = [catalog.purposes[p] for p in counts if catalog.purposes[p].legal_basis == "legitimate_interest"]
    objecting = dict.fromkeys(p.opt_out for p in interests)
    for control_id in objecting:
        draft.exercise(control_id, BASIS_RIGHT["legitimate_interest"], lead="To object to them, use")


def _policy_words(draft: Draft, section_id: str) -> None:
    """The policy's own sentence stating the basis, quoted, when the purpose's section has one."""
    said = _basis_sentence(draft, section_id)
    if said is not None:
        draft.cite(section_id, said)
        draft.say(f"Our policy says: “{said}”", section_id, bullet=True)


def _basis_sentence(draft: Draft, section_id: str) -> str | None:
    """The section's sentence stating its basis and naming the interest pursued; None for a bare "Legal basis:
    your consent.", which repeats what the answer says."""
    section = draft.catalog.sections.get(section_id)
    said = next((s for s in sentences(section.text) if _STATES_BASIS.search(s)), None) if section else None
    return said if said is not None and len(said.split()) > _BARE else None


def _titled(draft: Draft, title: re.Pattern[str]) -> list[str]:
    """The first section whose title matches, if the policy has one."""
    return next(([sid] for sid, section in draft.catalog.sections.items() if title.search(section.title)), [])
