"""Input limits: what Candor will read, with a clear message for what it won't."""

from __future__ import annotations

import re
import unicodedata

from assistant.retrieval.tokenizer import count_tokens

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def input_problem(text: str, max_tokens: int, max_line_chars: int) -> str | None:
    """A message for the user when the input can't be taken as it is; None when it can."""
    if not text or not text.strip() or all(unicodedata.category(c)[0] in "ZC" for c in text):
        return "Please type a question. I can explain why you saw an offer, what data we use, and how to change it."
    if _CONTROL.search(text):
        return "Your message contains control characters I can't read. Please type it again as plain text."
    if any(len(line) > max_line_chars for line in text.splitlines()):
        return (
            f"Your message has a line longer than {max_line_chars} characters. "
            "Please shorten it to a question of a sentence or two."
        )
    tokens = count_tokens(text)
    if tokens > max_tokens:
        return (
            f"Your message is too long ({tokens} tokens; the limit is {max_tokens}). "
            "Please shorten it to a question of a sentence or two."
        )
    return None
