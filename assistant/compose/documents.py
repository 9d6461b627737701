""" "Do you have a privacy policy I can read?", "what version is the notice?": the pack's policy documents, each
with its version and the date it took effect, cited to its opening section; asked what changed, each document's
own sentence on its version ("Version 3.1 … adds that we honour Global Privacy Control signals")."""

from __future__ import annotations

import re

from assistant.compose.builder import Draft, body_sentences

# "what's different from the previous one?", "what changed", "what did it replace" (as `terms` gives the words;
# "new" and "last" are left out: "I am new here, where is your policy?").
_CHANGE = frozenset(
    "change changed changes different difference differ previou previous update updated updates replace replaced "
    "replaces earlier older".split()
)


def policy_documents(draft: Draft, words: frozenset[str] = frozenset()) -> bool:
    """Says which policy documents the company publishes; False, saying nothing, when the pack has none."""
    catalog = draft.catalog
    first: dict[str, str] = {}
    for section in catalog.sections.values():
        first.setdefault(section.doc_id, section.section_id)
    documents = [d for d in catalog.policies.values() if d.doc_id in first]
    if not documents:
        return False
    draft.say(f"We publish {len(documents)} privacy document{'s' * (len(documents) > 1)}:")
    for doc in documents:
        when = doc.effective_date
        since = f", in effect since {when.day} {when:%B %Y}" if when else ""
        draft.say(f"{doc.title}, version {doc.version}{since}.", first[doc.doc_id], bullet=True)
    if words & _CHANGE:
        for doc in documents:
            _version_said(draft, doc.doc_id, doc.version)
    return True


def _version_said(draft: Draft, doc_id: str, version: str) -> None:
    """The document's first sentence naming its own version as a version ("Version 5.1 replaces version 5.0 …"),
    quoted and cited, when it has one beyond its heading."""
    named = re.compile(rf"\bversion {re.escape(version)}\b", re.I)
    for section_id, section in draft.catalog.sections.items():
        if section.doc_id != doc_id or section_id in draft.catalog.blocked:
            continue
        said = next((s for s in body_sentences(section) if named.search(s)), None)
        if said is not None:
            draft.cite(section_id, said)
            draft.say(f"“{said}”", section_id, bullet=True)
            return
