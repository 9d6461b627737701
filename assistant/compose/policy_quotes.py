"""A policy question answered with the policy's own sentences: a one-line summary, then every sentence the
selector chose, quoted exactly and in policy order, each cited to its section; or, when it chose none, a plain
"The policy does not say whether …"."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.compose.builder import LONG_SENTENCE, Draft, body_sentences, plain, sentences
from assistant.retrieval.retrievers import terms
from assistant.retrieval.selector import Selection


def compose_selection(
    draft: Draft,
    clause: str | None,
    selection: Selection,
    retrieved: Sequence[str] | None = None,
    several: bool = False,
) -> None:
    """`clause` is the question as the understand stage put it ("whether we keep your data"), if it could.
    `several`: the sentences answer from several sections of one topic (each right, for "what are my rights?"):
    each is led by its section's title, and only a `retrieved` section's summary may lead, never that of
    whichever section happens to hold the likeliest sentence."""
    if not selection.sentences:
        draft.say(
            f"The policy does not say {clause}." if clause else "The policy does not say anything that answers this."
        )
        draft.say(f"To ask about it, write to {draft.catalog.company.contacts.privacy_email}.")
        return
    # The summary: the plain-language summary of the section retrieval ranked first if a chosen sentence is in
    # it, else of the likeliest sentence's section, when it has a short one; the policy's words follow.
    best = selection.sentences[max(range(len(selection.scores)), key=selection.scores.__getitem__)]
    chosen_sections = {s.section_id for s in selection.sentences}
    leads = [s for s in retrieved or [] if s in chosen_sections] + [best.section_id] * (not several)
    for section_id in leads:
        summary = draft.catalog.sections[section_id].plain_language
        if summary and all(len(s.split()) <= LONG_SENTENCE for s in sentences(summary)):
            draft.say(f"In short: {summary}", section_id)
            break
    else:
        draft.say(f"Here is what our policy says ({_count(len(selection.sentences))}):")
    said = " ".join(line.text for line in draft.lines)  # a sentence the answer already quotes is not quoted again
    for chosen in selection.sentences:
        if chosen.text in said:
            continue
        draft.cite(chosen.section_id, chosen.text)  # the section's citation quotes its first chosen sentence
        quote = f"“{plain(chosen.text)}”"
        draft.say(f"{chosen.title}: {quote}" if several else quote, chosen.section_id, bullet=True)


def _count(n: int) -> str:
    return "one passage" if n == 1 else f"{n} passages"


def quote_on(draft: Draft, section_id: str, wanted: frozenset[str], covered: set[str], most: int = 2) -> None:
    """The section's own sentences on what the question names beyond the `covered` words (those the records'
    answer already speaks to): "how long is my consent history kept", "does the sponsor get my details". The
    `most` that share most of those words, in policy order; none when no sentence shares one."""
    extra = wanted - covered
    body = body_sentences(draft.catalog.sections[section_id])
    said = " ".join(line.text for line in draft.lines)  # a sentence the answer already gives is not quoted again
    shared = {i: len(extra & set(terms(s))) for i, s in enumerate(body) if s not in said}
    best = sorted((i for i in shared if shared[i]), key=lambda i: (-shared[i], len(body[i].split()) > LONG_SENTENCE))
    for i in sorted(best[:most]):
        draft.cite(section_id, body[i])
        draft.say(f"“{body[i]}”", section_id, bullet=True)
