"""Data minimisation and purpose limitation (GDPR Art. 5(1)(b)-(c)): data held but never used, data used for a
purpose never declared for it, and sharing that no policy describes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from assistant.pack.knowledge import KnowledgePack
from assistant.practices.findings import TITLES, Citations, Finding
from assistant.practices.policy_use import PolicyReader, undescribed_use
from assistant.practices.usage import Usage

# Bases under which holding data needs no use in the offer log: the customer's contract, or the law.
_NO_USE_NEEDED = frozenset({"contract", "legal_obligation"})

# Words that name a kind of recipient rather than which one; matching on them alone would find every recipient
# "described" by any policy that says "service" or "partner".
_GENERIC = frozenset(
    "a an the our your you their its this that and or of to in on by for with without from only when per "
    "under contract service services provider providers company companies partner partners processor "
    "processors inc ltd llc gmbh plc oy b.v ag s.a law requires".split()
)
_WORD = re.compile(r"[a-z0-9][a-z0-9.&'-]*[a-z0-9]|[a-z0-9]")
_SUFFIX = re.compile(r"(?<=\w{4})(ing|ers|es|ed|s)$")


def _words(text: str) -> set[str]:
    """Lowercase words with a crude English suffix cut, so "sponsoring" meets "sponsor" and "matches" "match"."""
    return {_SUFFIX.sub("", w) for w in _WORD.findall(text.lower())}


def used_categories(pack: KnowledgePack, usage: Usage) -> set[str]:
    """Categories any decision parameter, segment criterion, membership evidence or prediction factor used."""
    used = set(usage.by_category)
    used.update(c.data_category for s in pack.segments.values() for c in s.criteria)
    used.update(e.data_category for m in pack.memberships for e in m.evidence)
    used.update(f.data_category for p in pack.predictions.values() for f in p.factors)
    return used


def unused_categories(pack: KnowledgePack, usage: Usage) -> list[Finding]:
    """Categories never used whose purposes are not all contract or legal obligation. A category that declares
    no purpose at all is reported too: nothing in the pack says why it is held."""
    used = used_categories(pack, usage)
    findings = []
    for c in pack.categories.values():
        bases = {pack.purposes[p].legal_basis for p in c.purposes}
        if c.id in used or (bases and bases <= _NO_USE_NEEDED):
            continue
        why = [p for p in c.purposes if pack.purposes[p].legal_basis not in _NO_USE_NEEDED]
        findings.append(
            Finding(
                "unused_category",
                TITLES["unused_category"],
                f"{c.name} ({c.id}) is held for {', '.join(why) or 'no declared purpose'}, but no offer decision, "
                "group or prediction in the log used it: stop collecting it, or say why it is needed.",
                {"decisions": usage.decisions},
                Citations(
                    categories=(c.id,),
                    purposes=tuple(why),
                    sections=tuple(dict.fromkeys(pack.purposes[p].policy_section for p in why)),
                ),
            )
        )
    return findings


def undeclared_purposes(pack: KnowledgePack, usage: Usage) -> list[Finding]:
    findings = []
    for (category, purpose), t in sorted(usage.undeclared.items()):
        name = pack.categories[category].name
        findings.append(
            Finding(
                "undeclared_purpose",
                TITLES["undeclared_purpose"],
                f"{t.count} decision(s) used {name} ({category}) for {purpose}, a purpose its catalog entry does "
                "not list: stop using it for this, or declare the purpose and explain it in the policy.",
                {"decisions": t.count},
                Citations.of(
                    t,
                    categories=(category,),
                    purposes=(purpose,),
                    sections=(pack.purposes[purpose].policy_section,),
                ),
            )
        )
    return findings


def beyond_consent(pack: KnowledgePack, usage: Usage) -> list[Finding]:
    """Decisions of a purpose resting on consent that used data its consent request does not name
    (`consent_covers` in purposes.yaml): consent covers what the customer was asked about, nothing more."""
    findings = []
    for (category, purpose), t in sorted(usage.beyond_consent.items()):
        p = pack.purposes[purpose]
        covered = ", ".join(pack.categories[c].name for c in p.consent_covers or []) or "no data"
        findings.append(
            Finding(
                "beyond_consent",
                TITLES["beyond_consent"],
                f"{t.count} decision(s) for {p.name} ({purpose}), which rests on consent, used "
                f"{pack.categories[category].name} ({category}), but the consent request names only: {covered}. "
                "Stop using it for this, or ask for consent that names it.",
                {"decisions": t.count},
                replace(
                    Citations.of(t, categories=(category,), purposes=(purpose,), sections=(p.policy_section,)),
                    consents=tuple(usage.beyond_consent_events.get((category, purpose), ())),
                ),
            )
        )
    return findings


def recipient_names(recipient: str) -> list[set[str]]:
    """The distinctive words of each way the recipient is named: "Acme Mail, our email service (clean-room
    provider)" gives {acme, mail}, {email} and {clean-room}. A list ("labels and publishers") names each; text
    in brackets counts whole, as it often says what is shared ("play counts per track and country")."""
    brackets = re.findall(r"\(([^)]*)\)", recipient)
    outside = re.split(r",|\band\b|\bor\b", re.sub(r"\([^)]*\)", ",", recipient))
    names = [_words(part) - _GENERIC for part in [*outside, *brackets]]
    return [n for n in names if n]


def describes(text_words: set[str], recipient: str) -> bool:
    """A section describes a recipient when it holds every distinctive word of one of the recipient's names."""
    return any(name <= text_words for name in recipient_names(recipient))


def undescribed_sharing(pack: KnowledgePack) -> list[Finding]:
    sections = [(s.section_id, _words(f"{s.title} {s.text}")) for s in pack.sections.values()]
    findings = []
    for c in pack.categories.values():
        for recipient in c.shared_with:
            if not recipient_names(recipient) or any(describes(words, recipient) for _, words in sections):
                continue
            findings.append(
                Finding(
                    "undescribed_sharing",
                    TITLES["undescribed_sharing"],
                    f"The catalog says {c.name} ({c.id}) is shared with “{recipient}”, but no policy section "
                    "names this recipient: describe the sharing in the policy, or stop it.",
                    {"sections_searched": len(sections)},
                    Citations(categories=(c.id,), purposes=tuple(c.purposes)),
                )
            )
    return findings


def minimisation_findings(pack: KnowledgePack, usage: Usage, reader: PolicyReader | None) -> Iterable[Finding]:
    yield from unused_categories(pack, usage)
    yield from undeclared_purposes(pack, usage)
    yield from beyond_consent(pack, usage)
    if reader is not None:
        yield from undescribed_use(pack, usage, reader)
    yield from undescribed_sharing(pack)
