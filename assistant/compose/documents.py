""" "Do you have a privacy policy I can read?", "what version is the notice?": the pack's policy documents, each
with its version and the date it took effect, cited to its opening section."""

from __future__ import annotations

from assistant.compose.builder import Draft


def policy_documents(draft: Draft) -> bool:
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
    return True
