"""The verify stage: check the composed answer against the evidence, and withhold one that fails."""

from __future__ import annotations

import logging

from assistant.records.store import Catalog
from assistant.turn import Line, Turn
from assistant.verify.checks import verify

log = logging.getLogger("candor")


def verify_turn(turn: Turn, catalog: Catalog) -> Turn:
    answer = turn.answer
    assert answer is not None and turn.intent is not None
    answer.problems = verify(answer, catalog, turn.records)
    answer.verified = not answer.problems
    if answer.problems:
        # Never show what failed verification: say so instead, and leave the problems in the log.
        log.warning("unverified answer withheld: %s", "; ".join(answer.problems))
        contact = catalog.company.contacts.privacy_email
        answer.lines = [
            Line(
                "I can't give you an answer I can fully check against our records right now. "
                f"Please write to {contact} and we will answer you directly."
            )
        ]
        answer.citations, answer.decision_ids, answer.claims = [], [], []
    return turn
