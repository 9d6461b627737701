"""A question the classifier reads as one about predictions that names one of the customer's own groups: "what makes
your system think I am into football?" is answered by the group "Live football followers" that says so, while "how
sure are you that I'll open your emails?" stays a question about the model, though a group ("Customers who rarely
open our emails") shares its words."""

from __future__ import annotations

import re

from assistant.records.store import Catalog, CustomerRecords
from assistant.retrieval.retrievers import terms

# A prediction asked about as such: a score, an estimate, a likelihood, how sure, a guess.
_MODEL_ASKED = re.compile(
    r"\b(predict\w*|scor\w*|estimat\w*|\w*likel\w*|chances?|probab\w*|how sure|guess\w*|rat(e|es|ed|ing)|rank\w*)\b|"
    # What the customer will do: "why do you think I'm a cancel risk?", "…who will stop shopping with you?"
    r"\b(risk|going to|gonna|about to|cancel\w*|leav(e|ing)|quit\w*|stop (shopping|buying|using|watching|listening))\b|"
    r"\b(i'?ll|i will|we'?ll|we will)\b"
)


def group_meant(question: str, segments: tuple[str, ...], catalog: Catalog, records: CustomerRecords | None) -> bool:
    """True when the question names one of the customer's groups by a word none of their predictions' models is
    named with, and asks about no score or estimate."""
    if not segments or records is None or _MODEL_ASKED.search(question):
        return False
    asked = set(terms(question))
    modelled = {w for p in records.predictions if (m := catalog.models.get(p.model)) is not None for w in terms(m.name)}
    return any((asked & set(terms(catalog.segments[s].name))) - modelled for s in segments if s in catalog.segments)
