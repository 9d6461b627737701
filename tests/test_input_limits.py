"""Input Candor won't read gets a clear message as an ordinary answer, never an exception.

(The served app's handling of the same inputs is left to the HTTP tests.)
"""

from __future__ import annotations

import pytest

from assistant.pipeline import Candor
from assistant.retrieval.tokenizer import count_tokens
from assistant.settings import Settings
from assistant.turn import Answer

QUESTION = "Why did I see the crash pads offer?"
EMPTY = ("type a question",)
CONTROL = ("control characters", "plain text")


def _ask(candor: Candor, text: str) -> Answer:
    return candor.ask(candor.conversation("NW-1001"), text)


def _over_token_cap(settings: Settings) -> str:
    """Many short lines, each well under the line limit, together over the token cap."""
    lines = []
    while count_tokens("\n".join(lines)) <= settings.max_input_tokens:
        lines.append(QUESTION)
    return "\n".join(lines)


def _at_token_cap(settings: Settings) -> str:
    """A question padded to exactly the token cap, on lines under the line limit: the most Candor reads."""
    text = QUESTION
    while count_tokens(text) < settings.max_input_tokens:
        line = text.rsplit("\n", 1)[-1]
        text += " please" if len(line) < settings.max_line_chars // 2 else "\nplease"
    return text


@pytest.mark.parametrize(
    ("text", "keywords"),
    [
        pytest.param("", EMPTY, id="empty"),
        pytest.param("   \n\t  \r\n ", EMPTY, id="whitespace-only"),
        pytest.param("\u200b\u200c\u200d\u2060\ufeff", EMPTY, id="zero-width-only"),
        pytest.param("\x00", EMPTY, id="nul-only"),
        pytest.param(f"{QUESTION}\x00", CONTROL, id="nul-in-question"),
        pytest.param(f"\x07{QUESTION}", CONTROL, id="bell-in-question"),
        pytest.param(f"\x1b[31m{QUESTION}\x1b[0m", CONTROL, id="ansi-colour-codes"),
    ],
)
def test_empty_blank_and_control_character_input_gets_a_clear_message(
    candor: Candor, text: str, keywords: tuple[str, ...]
) -> None:
    answer = _ask(candor, text)
    assert answer.intent == "invalid_input"
    assert all(k in answer.text.lower() for k in keywords), answer.text
    assert not answer.citations and not answer.decision_ids


def test_a_20000_character_line_is_refused_naming_the_line_limit(candor: Candor, settings: Settings) -> None:
    text = (QUESTION + " ") * (20_000 // (len(QUESTION) + 1) + 1)
    text = text[:20_000]
    assert len(text) == 20_000 and "\n" not in text
    answer = _ask(candor, text)
    assert answer.intent == "invalid_input"
    assert "line longer than" in answer.text and f"{settings.max_line_chars} characters" in answer.text
    assert "shorten" in answer.text
    assert len(answer.text) < 300  # the message, not the input echoed back
    assert not answer.citations and not answer.decision_ids


def test_a_message_over_the_token_cap_is_refused_naming_its_size_and_the_limit(
    candor: Candor, settings: Settings
) -> None:
    text = _over_token_cap(settings)
    assert all(len(line) <= settings.max_line_chars for line in text.splitlines())
    answer = _ask(candor, text)
    assert answer.intent == "invalid_input"
    assert "too long" in answer.text and "shorten" in answer.text
    assert f"({count_tokens(text)} tokens; the limit is {settings.max_input_tokens})" in answer.text
    assert not answer.citations and not answer.decision_ids


def test_a_message_exactly_at_the_token_cap_is_still_answered(candor: Candor, settings: Settings) -> None:
    text = _at_token_cap(settings)
    assert count_tokens(text) == settings.max_input_tokens
    answer = _ask(candor, text)
    assert answer.intent == "why_offer"


def test_a_short_valid_question_is_answered_normally(candor: Candor) -> None:
    answer = _ask(candor, QUESTION)
    assert answer.intent == "why_offer"
    assert answer.verified and answer.citations
    assert answer.decision_ids == ["D-966"]
    assert "20% off bouldering crash pads" in answer.text
