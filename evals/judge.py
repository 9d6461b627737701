"""Optional LLM-as-judge: faithfulness and helpfulness, reported apart from the deterministic score.

Used only when asked for (`candor eval --judge`) and when OPENAI_API_KEY is set and the `openai` package is
installed; otherwise it is skipped with a note. Nothing else in the eval needs it, and the tests only run it
with a fake client. The judge sees the question, the records the answer should rest on (the case's expected
facts and the text of the cited sections) and the answer: with a real pack that is personal data, so use it
only on synthetic packs or where sending them to the API provider is allowed.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from typing import Any

from assistant.pack.knowledge import KnowledgePack

DEFAULT_MODEL = "gpt-4o-mini"
MODEL_ENV = "CANDOR_EVAL_JUDGE_MODEL"
SECTION_CHARS = 1500

SYSTEM = """You grade answers from a privacy assistant that explains to a retailer's customer how their data
drove the offers they saw. You are given the customer's question, the records the answer must rest on, the
policy sections it cites, and the answer. Grade two things from 1 (worst) to 5 (best):

faithfulness: every statement in the answer is supported by the records or the cited sections; nothing is
invented, exaggerated or attributed to the customer that the records do not show.
helpfulness: the answer addresses what the customer asked, in plain words, and tells them what they can do
next (a setting, a link, a contact) where that matters. A polite refusal of a question the assistant must not
answer (another customer's data, an unrelated topic) is helpful.

Reply with one JSON object only: {"faithfulness": <1-5>, "helpfulness": <1-5>, "reason": "<one sentence>"}"""


def _scale(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return round(min(max((number - 1.0) / 4.0, 0.0), 1.0), 4)


def parse_verdict(text: str) -> dict[str, Any]:
    """The judge's JSON reply, tolerating code fences and text around it; scores scaled to [0, 1]."""
    match = re.search(r"\{.*\}", text, re.S)
    if not match:
        return {"error": f"no JSON in the judge's reply: {text[:120]!r}"}
    try:
        data = json.loads(match[0])
    except json.JSONDecodeError as exc:
        return {"error": f"bad JSON from the judge: {exc}"}
    return {
        "faithfulness": _scale(data.get("faithfulness")),
        "helpfulness": _scale(data.get("helpfulness")),
        "reason": str(data.get("reason", ""))[:500],
    }


def judge_prompt(case: Mapping[str, Any], answer: Mapping[str, Any], pack: KnowledgePack) -> str:
    sections = []
    for c in answer.get("citations") or []:
        section = pack.sections.get(str(c.get("section_id")))
        if section is not None:
            sections.append(f"[{section.section_id}] {section.title}\n{section.text[:SECTION_CHARS]}")
    return (
        f"QUESTION (asked by customer {case['customer_id']}):\n{case['question']}\n\n"
        f"RECORDS THE ANSWER SHOULD REST ON (expected facts, JSON):\n"
        f"{json.dumps(case.get('expected', {}), ensure_ascii=False, indent=1)}\n\n"
        f"CITED POLICY SECTIONS:\n{chr(10).join(sections) or '(none)'}\n\n"
        f"ANSWER:\n{answer.get('answer') or ''}"
    )


class Judge:
    """Grades answers with a chat-completions client (the `openai` package's, or any object shaped like it)."""

    def __init__(self, client: Any, model: str = DEFAULT_MODEL, note: str = "") -> None:
        self.client = client
        self.model = model
        self.note = note or f"LLM judge: {model}"

    def judge(self, case: Mapping[str, Any], answer: Mapping[str, Any], pack: KnowledgePack) -> dict[str, Any]:
        try:
            response = self.client.chat.completions.create(
                model=self.model,
                temperature=0,
                messages=[
                    {"role": "system", "content": SYSTEM},
                    {"role": "user", "content": judge_prompt(case, answer, pack)},
                ],
            )
            text = response.choices[0].message.content or ""
        except Exception as exc:  # the judge is optional: a failed call is reported, never fatal
            return {"error": f"{type(exc).__name__}: {exc}"}
        return parse_verdict(str(text))

    def summary(self, results: list[dict[str, Any]]) -> dict[str, Any]:
        verdicts = [r["judge"] for r in results if isinstance(r.get("judge"), dict)]
        ok = [v for v in verdicts if "error" not in v]

        def avg(key: str) -> float | None:
            values = [float(v[key]) for v in ok if v.get(key) is not None]
            return round(sum(values) / len(values), 4) if values else None

        return {
            "status": "ran",
            "model": self.model,
            "note": self.note,
            "n": len(ok),
            "errors": len(verdicts) - len(ok),
            "faithfulness": avg("faithfulness"),
            "helpfulness": avg("helpfulness"),
        }


def make_judge(env: Mapping[str, str] | None = None) -> tuple[Judge | None, str]:
    """A judge when a key is set and `openai` is installed; else None and the reason it was skipped."""
    env = os.environ if env is None else env
    if not env.get("OPENAI_API_KEY"):
        return None, "LLM judge skipped: OPENAI_API_KEY is not set"
    try:
        import openai
    except ImportError:
        return None, "LLM judge skipped: the openai package is not installed (pip install openai)"
    model = env.get(MODEL_ENV) or DEFAULT_MODEL
    return Judge(openai.OpenAI(api_key=env["OPENAI_API_KEY"]), model), f"LLM judge: {model}"
