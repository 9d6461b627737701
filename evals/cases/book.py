"""The cases being written: their ids per family, conversations, the typo pass, and the pools of customers and
decisions the families draw from, all from one seeded random generator in a fixed order."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from assistant.pack.knowledge import KnowledgePack
from assistant.pack.models import Decision
from evals.cases.phrasing import add_typo
from evals.cases.plan import TYPO_FAMILIES, TYPO_RATE
from evals.cases.view import PackView


class CaseBook:
    """The dataset in progress: every family adds its cases here, in the order build_cases calls them."""

    def __init__(self, pack: KnowledgePack, seed: int) -> None:
        self.view = PackView.of(pack)
        self.pack = pack
        self.rng = random.Random(seed)
        self.cases: list[dict[str, Any]] = []
        self.counters: Counter[str] = Counter()
        self.conversations = 0

    def add(
        self,
        family: str,
        customer: str,
        question: str,
        intent: str,
        expected: dict[str, Any],
        tags: list[str] | None = None,
        conversation: tuple[str, int] | None = None,
        ask_decision_id: str | None = None,
        ask_subject: str | None = None,
    ) -> dict[str, Any]:
        tags = list(tags or [])
        if family in TYPO_FAMILIES and self.rng.random() < TYPO_RATE:
            changed = add_typo(question, self.rng)
            if changed != question:
                question, tags = changed, [*tags, "typo"]
        self.counters[family] += 1
        case: dict[str, Any] = {
            "id": f"{family}-{self.counters[family]:03d}",
            "customer_id": customer,
            "question": question,
            "intent": intent,
            "family": family,
            "tags": tags,
            "conversation_id": conversation[0] if conversation else None,
            "turn": conversation[1] if conversation else 1,
            "ask_decision_id": ask_decision_id,
            "ask_subject": ask_subject,
            "expected": expected,
        }
        self.cases.append(case)
        return case

    def new_conversation(self) -> str:
        self.conversations += 1
        return f"conv-{self.conversations:03d}"

    def customers_cycle(self, with_decisions: bool = True) -> list[str]:
        pool = self.view.with_decisions() if with_decisions else list(self.view.customer_ids)
        self.rng.shuffle(pool)
        return pool

    def all_decisions(self) -> list[Decision]:
        pairs = [d for c in self.view.with_decisions() for d in self.view.decisions[c]]
        self.rng.shuffle(pairs)
        return pairs

    def newest_of(self, customer: str, offer_id: str) -> list[Decision]:
        return [d for d in self.view.decisions[customer] if d.offer_id == offer_id]

    def clarify_candidates(self, customer: str, channel: str) -> list[Decision]:
        ds = self.view.decisions[customer]
        return [d for d in ds if d.channel == channel] if channel else ds
