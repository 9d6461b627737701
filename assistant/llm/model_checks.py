"""Checks that exist because a model wrote the text: it must cite the evidence it was given and only that,
quote and link only what the evidence holds, not go round in circles, hold no raw personal data, and use
only placeholders the prompt held.

What the answer claims about the customer (decisions, data categories, signals, consent events, citations)
is checked by the verifier every answer goes through (`assistant.verify.checks.verify`), on the answer
`llm.convert.to_answer` makes of the text; nothing here repeats its rules. Problems are short, and never
carry a personal value: they go to the log and to `--json`'s fallback reason.
"""

from __future__ import annotations

import re

from assistant.guardrails.redactor import Redactor
from assistant.guardrails.vault import PLACEHOLDER
from assistant.llm.items import EvidenceItem
from assistant.llm.reading import cited_ids, fold, links, quotes, repeated_sentence
from assistant.turn import Turn

PLACEHOLDER_TOKEN = re.compile(PLACEHOLDER.pattern.replace("(", "(?:"))


def model_problems(text: str, items_used: list[EvidenceItem], turn: Turn, redactor: Redactor) -> list[str]:
    """Problems only a model's text can have (placeholders not yet restored); empty means none.

    - it cites at least one evidence id, and every id it cites was in the prompt;
    - every quoted phrase (a signal, an offer title, a policy phrase) and every web link is in the evidence or
      the question;
    - it does not say the same sentence twice (a model going round in circles);
    - no raw personal data (the redactor finds nothing beyond the company's allow-listed contacts), and no
      placeholder that stands for another customer or that the prompt never held.
    """
    if not text.strip():
        return ["the answer is empty"]
    problems: list[str] = []
    known = {i.evidence_id for i in items_used}
    cited = cited_ids(text)
    if not cited:
        problems.append("the answer cites no evidence")
    problems += [f"cites [{eid}], which was not in the prompt" for eid in cited if eid not in known]

    corpus = fold(" ".join([*(i.text for i in items_used), turn.question]))
    problems += [f"quotes {shorten(q)!r}, which is not in the evidence" for q in quotes(text) if fold(q) not in corpus]
    problems += [f"links to {shorten(u)!r}, which is not in the evidence" for u in links(text) if fold(u) not in corpus]
    if (again := repeated_sentence(text)) is not None:
        problems.append(f"repeats the sentence {shorten(again)!r}")

    problems += [
        f"contains raw personal data ({kind})" for kind in sorted({s.entity_type for s in redactor.analyze(text)})
    ]

    vault = turn.conversation.vault
    shown = set(PLACEHOLDER_TOKEN.findall(" ".join([*(i.text for i in items_used), turn.question])))
    for token in dict.fromkeys(PLACEHOLDER_TOKEN.findall(text)):
        owner = vault.owners.get(token)
        if owner is not None and owner != vault.owner_id:
            problems.append(f"uses {token}, which stands for another customer's data")
        elif token not in shown:
            problems.append(f"uses {token}, which was not in the prompt")
    return list(dict.fromkeys(problems))


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
