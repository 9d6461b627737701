"""LLM mode's router for close calls (`CANDOR_LLM_ROUTER=close`): the chat model picks between the
classifier's two close readings of a question. `understand/routing.py` asks it and validates its choice; here
the model is asked twice, briefly, with the options in both orders, and anything but the same pick both times
(a model that always says "1", an unreadable reply, a timeout, an error) is None, so the classifier's
reading stands and the turn goes on.

The prompt is `prompts/route.v1.md`; a local llama.cpp server is held to the option numbers by a grammar.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.llm.call import content_text
from assistant.llm.prompt import load_chat_prompt
from assistant.turn import Intent
from assistant.understand.routing import MEANINGS

log = logging.getLogger("candor.llm")

ROUTE_PROMPT = "route.v1"
# A number, and room for a model that writes "1." or "Option 1".
ROUTE_TOKENS = 4
_DIGIT = re.compile(r"\b([1-9])\b")


class LLMRouter:
    def __init__(self, chat_model: Any, prompts_dir: Path, *, grammar: bool = False) -> None:
        self.prompt = load_chat_prompt(prompts_dir, ROUTE_PROMPT, ("question", "options"))
        self.grammar = grammar
        self.chat_model = chat_model

    def choose(self, question: str, candidates: Sequence[Intent]) -> Intent | None:
        """The model's pick, if it is the same with the options in either order (small models lean to the
        first option whatever it says)."""
        first = self.pick(question, list(candidates))
        if first is None:
            return None
        again = self.pick(question, list(reversed(candidates)))
        if again != first:
            log.info("intent router changed its pick with the order of the options: keeping the classifier's")
            return None
        return first

    def pick(self, question: str, candidates: list[Intent]) -> Intent | None:
        """One ask, with the options in the order given."""
        options = "\n".join(f"{i}. {MEANINGS[c]}" for i, c in enumerate(candidates, 1))
        messages = self.prompt.messages(question=question, options=options)
        kwargs: dict[str, Any] = {"max_tokens": ROUTE_TOKENS, "temperature": 0}
        if self.grammar:  # llama.cpp's server only: OpenAI rejects unknown request fields
            digits = " | ".join(f'"{i}"' for i in range(1, len(candidates) + 1))
            kwargs["extra_body"] = {"grammar": f"root ::= {digits}"}
        try:
            reply = content_text(self.chat_model.bind(**kwargs).invoke(messages).content)
        except Exception as exc:  # the model is optional here: any fault keeps the classifier's reading
            log.warning("intent router unavailable, keeping the classifier's reading: %s", type(exc).__name__)
            return None
        picked = _DIGIT.search(reply)
        if picked is None or not 1 <= int(picked.group(1)) <= len(candidates):
            log.info("intent router gave no usable choice: %r", reply[:40])
            return None
        return candidates[int(picked.group(1)) - 1]
