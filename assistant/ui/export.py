"""The customer's own download of their conversation: every question and answer, with the sources cited."""

from __future__ import annotations

import time
from collections.abc import Sequence

from assistant.ui.feedback import Exchange

# Builds the download in the browser from the text the server prepared: the file never touches the disk.
DOWNLOAD_JS = """
(text) => {
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], {type: "text/markdown;charset=utf-8"}));
  link.download = `candor-conversation-${stamp}.md`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  return [];
}
"""


def conversation_markdown(company: str, exchanges: Sequence[Exchange], generated_at: str | None = None) -> str:
    """A Markdown document of the conversation. Answers keep their [n] marks; each is followed by its sources."""
    when = generated_at or time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    out = [
        f"# Your conversation with Candor · {company}",
        "",
        f"Downloaded {when}. Numbers in square brackets refer to the sources listed under each answer.",
    ]
    if not exchanges:
        out += ["", "_No questions asked yet._"]
    for n, exchange in enumerate(exchanges, 1):
        out += [
            "",
            "---",
            "",
            f"## {n}. You asked ({exchange.at})",
            "",
            exchange.question,
            "",
            "### Candor answered",
            "",
        ]
        out.append(exchange.answer.text)
        if exchange.answer.citations:
            out += ["", "#### Sources", ""]
            for i, c in enumerate(exchange.answer.citations, 1):
                out.append(f"{i}. **{c.title}** (`{c.section_id}`): “{c.quote}”")
    return "\n".join(out) + "\n"
