"""The answer prompt: prompts/guardrails.v1.md plus prompts/answer.v1.md, as a LangChain chat template.

answer.v1.md has two parts, marked `<!-- system -->` and `<!-- user -->`; the system message is the guardrail
rules followed by the answer instructions, the user message carries the evidence and the redacted question.
Every variable must be given: a missing one is an error, never a silent blank.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage
from langchain_core.prompts import ChatPromptTemplate

from assistant.llm.templates import TemplateError, load_prompt
from assistant.retrieval.tokenizer import count_tokens

SYSTEM_MARK = "<!-- system -->"
USER_MARK = "<!-- user -->"
ANSWER_PROMPT = "answer.v1"
GUARDRAILS_PROMPT = "guardrails.v1"
# Chat formatting costs a few tokens per message (role, separators) and a few to start the reply.
PER_MESSAGE_TOKENS = 4
REPLY_PRIMING_TOKENS = 3
# Where the evidence block joins the text around it, tokens can split differently than in the scaffold alone.
JOIN_SLACK_TOKENS = 4


@dataclass(frozen=True)
class AnswerPrompt:
    version: str
    system_template: str
    user_template: str

    @property
    def variables(self) -> set[str]:
        return set(self.chat_template().input_variables)

    @cached_property
    def _template(self) -> ChatPromptTemplate:
        return ChatPromptTemplate.from_messages([("system", self.system_template), ("human", self.user_template)])

    def chat_template(self) -> ChatPromptTemplate:
        return self._template

    def messages(self, **values: Any) -> list[BaseMessage]:
        missing = self.variables - values.keys()
        if missing:
            raise TemplateError(f"{self.version} needs {', '.join(sorted(missing))}")
        return self.chat_template().format_messages(**values)

    def prompt_tokens(self, company: str, evidence: str, question: str) -> int:
        """Tokens of the whole prompt as sent, with chat formatting."""
        messages = self.messages(company=company, evidence=evidence, question=question)
        return sum(count_tokens(str(m.content)) + PER_MESSAGE_TOKENS for m in messages) + REPLY_PRIMING_TOKENS

    def scaffold_tokens(self, company: str, question: str) -> int:
        """Everything but the evidence block, with a few tokens' slack for the joins: scaffold plus evidence
        is never less than the whole prompt."""
        return self.prompt_tokens(company, "", question) + JOIN_SLACK_TOKENS


def load_chat_prompt(prompts_dir: Path, name: str, needed: tuple[str, ...], system_prefix: str = "") -> AnswerPrompt:
    """A prompts/ file with a system and a user part, each variable in `needed` used; `system_prefix` goes
    before the system part (the guardrail rules)."""
    text = load_prompt(prompts_dir, name).text
    if SYSTEM_MARK not in text or USER_MARK not in text:
        raise TemplateError(f"{name}.md needs a {SYSTEM_MARK} part and a {USER_MARK} part")
    system, user = text.split(SYSTEM_MARK, 1)[1].split(USER_MARK, 1)
    system = f"{system_prefix}\n\n{system.strip()}" if system_prefix else system.strip()
    template = AnswerPrompt(name, system, user.strip())
    for variable in needed:
        if variable not in template.variables:
            raise TemplateError(f"{name}.md does not use {{{variable}}}")
    return template


def load_answer_prompt(
    prompts_dir: Path, answer: str = ANSWER_PROMPT, guardrails: str = GUARDRAILS_PROMPT
) -> AnswerPrompt:
    rules = load_prompt(prompts_dir, guardrails).text.strip()
    template = load_chat_prompt(prompts_dir, answer, ("company", "evidence", "question"), system_prefix=rules)
    return replace(template, version=f"{answer}+{guardrails}")
