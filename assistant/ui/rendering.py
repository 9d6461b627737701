"""Answers and the customer's records as the page shows them: Markdown and HTML text, no components.

Nothing here decides what to say: it lays out what the pipeline answered and what `views` read.
"""

from __future__ import annotations

import html

from assistant.pipeline import Candor
from assistant.turn import Answer, Conversation, render_lines
from assistant.ui import views

NO_SOURCES = "_The passages behind the last answer appear here._"


def notice_html(kind: str, title: str, text: str) -> str:
    """A line set apart from the answer (colour, border and words alike, so colour is not the only sign)."""
    return (
        f'<div class="candor-notice candor-notice-{kind}"><strong>{html.escape(title)}:</strong> '
        f"{html.escape(text)}</div>"
    )


def chat_text(answer: Answer) -> str:
    """The answer as the chat shows it: a rate limit or an LLM fallback notice stands out from the answer."""
    if answer.intent == "rate_limited":
        return notice_html("limit", "Please slow down", answer.text)
    if answer.meta.get("fallback_reason") and len(answer.lines) > 1:
        notice = notice_html("fallback", "⚠ Notice", answer.lines[0].text)
        return notice + "\n\n" + render_lines(answer.lines[1:])
    return answer.text


def announce(answers: int) -> str:
    """A live region that tells screen readers (and the browser tests) an answer has finished."""
    said = f"Answer {answers} is ready." if answers else ""
    return f'<div role="status" aria-live="polite" class="candor-sr-only">{said}</div>'


def render_sources(candor: Candor, answer: Answer | None) -> str:
    """Each citation with its quote, and the whole policy section it comes from to open."""
    if answer is None or not answer.citations:
        return NO_SOURCES
    parts = []
    for i, c in enumerate(answer.citations, 1):
        block = f"**[{i}] {c.title}**  \n`{c.section_id}`\n\n> {c.quote}"
        section = candor.catalog.sections.get(c.section_id)
        if section is not None:
            block += (
                f"\n\n<details><summary>Read the whole section [{i}]</summary>\n\n"
                f"**{section.doc_title} · {section.title}** (version {section.doc_version})\n\n{section.text}\n\n"
                "</details>"
            )
        parts.append(block)
    return "\n\n".join(parts)


def render_choices(candor: Candor, conversation: Conversation) -> str:
    """The data categories held and the consent choices, with how to change each."""
    lines = ["#### Data we hold about you"]
    lines += [
        f"- **{c.name}**: {c.description} _Source:_ {c.sources}. _Kept:_ {c.retention}"
        for c in views.categories_held(candor, conversation)
    ]
    lines += ["", "#### Your consent choices"]
    for r in views.consents(candor, conversation):
        when = f" since {r.since}, via {r.source}" if r.since != "—" else ""
        lines.append(f"- **{r.purpose}**: {r.state}{when}." + (f" Change it: {r.control}" if r.control else ""))
    return "\n".join(lines)
