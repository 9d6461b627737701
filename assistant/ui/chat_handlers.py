"""The chat's handlers: a question in, its answer streamed out, then the panels, rating and download after it.

Every handler takes the customer from the signed-in request, never from input, and the pipeline decides
every answer: the handlers pace it, keep the exchange for rating and download, and hand the page its text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.pipeline import Candor, UnknownCustomer
from assistant.turn import Answer, Conversation
from assistant.ui import views
from assistant.ui.export import conversation_markdown
from assistant.ui.feedback import Exchange, FeedbackLog, Rating
from assistant.ui.rendering import NO_SOURCES, announce, chat_text, render_choices, render_sources

# A grounded answer is ready at once; it is shown in short steps, as a model's would be, so the reader
# sees it arrive rather than jump in (about 0.5 s for a long answer).
STREAM_PACE_SECONDS = 0.03

Handler = Callable[..., Iterator[Any]]


class ChatHandlers:
    """The handlers the chat's events call, for one app (its pipeline, feedback log and streaming pace)."""

    def __init__(self, candor: Candor) -> None:
        self.candor = candor
        self.company = candor.catalog.company.name
        self.feedback = FeedbackLog(candor.storage.log("feedback"))
        self.pace = STREAM_PACE_SECONDS if candor.parts.llm is None else 0.0

    def signed_in(self, conversation: Conversation | None, request: gr.Request) -> Conversation | None:
        """The session's conversation, always for the signed-in user and no one else."""
        user = request.username or ""
        if conversation is not None and conversation.customer_id == user:
            return conversation
        try:
            return self.candor.conversation(user)
        except UnknownCustomer:
            return None

    def start(
        self, request: gr.Request
    ) -> tuple[Conversation | None, str, list[views.OfferRow], list[views.ProfileRow]]:
        conversation = self.signed_in(None, request)
        if conversation is None:
            return None, "_Not signed in._", [], []
        return (
            conversation,
            render_choices(self.candor, conversation),
            views.recent_offers(self.candor, conversation),
            views.profile(self.candor, conversation),
        )

    def respond(
        self,
        question: str,
        history: list[dict[str, Any]],
        conversation: Conversation | None,
        exchanges: list[Exchange] | None,
        request: gr.Request,
        decision_id: str | None = None,
        subject: str | None = None,
    ) -> Iterator[tuple[Any, ...]]:
        question = (question or "").strip()
        exchanges = list(exchanges or [])
        conversation = self.signed_in(conversation, request)
        if conversation is None or not question:
            yield history, "", gr.skip(), conversation, exchanges
            return
        history = [*history, {"role": "user", "content": question}, {"role": "assistant", "content": ""}]
        for piece in self.candor.ask_stream(conversation, question, decision_id=decision_id, subject=subject):
            if isinstance(piece, Answer):
                if piece.intent == "rate_limited":
                    gr.Warning(piece.text, title="Please slow down")
                history[-1]["content"] = chat_text(piece)
                exchanges.append(Exchange(question, piece))
                yield history, "", render_sources(self.candor, piece), conversation, exchanges
            else:
                history[-1]["content"] = piece
                yield history, "", gr.skip(), conversation, exchanges
                if self.pace:
                    time.sleep(self.pace)

    def why_offer(self, row: views.OfferRow) -> Handler:
        def ask_about(history: Any, conv: Any, exchanges: Any, request: gr.Request) -> Iterator[Any]:
            question = f"Why am I seeing “{row.title}” ({row.when})?"
            yield from self.respond(question, history, conv, exchanges, request, row.decision_id)

        return ask_about

    def why_profile(self, row: views.ProfileRow) -> Handler:
        def ask_about(history: Any, conv: Any, exchanges: Any, request: gr.Request) -> Iterator[Any]:
            yield from self.respond(row.question, history, conv, exchanges, request, subject=row.subject)

        return ask_about

    def send(self, reply: str) -> Handler:
        def sender(history: Any, conv: Any, exchanges: Any, request: gr.Request) -> Iterator[Any]:
            yield from self.respond(reply, history, conv, exchanges, request)

        return sender

    def ask_change(self, verb: str) -> Handler:
        def asker(name: str | None, history: Any, conv: Any, exchanges: Any, request: gr.Request) -> Iterator[Any]:
            if not name:
                gr.Warning("Choose a purpose in “Change a consent choice” first.")
            yield from self.respond(f"Please {verb} {name}" if name else "", history, conv, exchanges, request)

        return asker

    def after_turn(self, conversation: Conversation | None, exchanges: list[Exchange] | None) -> tuple[Any, ...]:
        """What follows an answer: the choices panel, the confirm buttons, feedback and the download."""
        exchanges = exchanges or []
        if conversation is None:
            return (gr.skip(),) * 9
        pending = conversation.pending_change is not None
        offered = exchanges[-1].answer.choices[:1] if exchanges else []
        return (
            render_choices(self.candor, conversation),
            gr.Row(visible=pending),
            gr.Column(visible=bool(exchanges)),
            conversation_markdown(self.company, exchanges),
            gr.Button(interactive=bool(exchanges)),
            announce(len(exchanges)),
            "",  # a thank-you for rating the previous answer no longer applies
            gr.Row(visible=bool(offered)),
            gr.Button(value=offered[0] if offered else "", visible=bool(offered)),
        )

    @staticmethod
    def cleared() -> tuple[Any, ...]:
        """A cleared chat: no exchanges, sources, rating or download."""
        return [], NO_SOURCES, gr.Column(visible=False), "", gr.Button(interactive=False), "", announce(0)

    def rate(self, rating: Rating) -> Callable[..., tuple[str, str]]:
        def rater(
            reason: str, conversation: Conversation | None, exchanges: list[Exchange] | None, request: gr.Request
        ) -> tuple[str, str]:
            conversation = self.signed_in(conversation, request)
            if conversation is None or not exchanges:
                return "Ask a question first, then rate the answer.", reason
            self.feedback.record(self.candor, conversation, exchanges[-1], rating, reason or "")
            said = "helpful" if rating == "helpful" else "not helpful"
            return f"Thank you. We saved “{said}” for the last answer, with personal details removed.", ""

        return rater

    def api_ask(
        self, question: str, conversation: Conversation | None, request: gr.Request
    ) -> tuple[dict[str, Any], Conversation | None]:
        """The `/ask` endpoint for scripts: the whole answer as JSON, at once."""
        conversation = self.signed_in(conversation, request)
        if conversation is None:
            return {"error": "not signed in"}, None
        return self.candor.ask(conversation, question).as_dict(), conversation


@dataclass(frozen=True)
class TurnWiring:
    """Every way of asking (typing, a suggested question, a "Why?" button, a consent button) runs one turn
    into the same outputs, then what follows a turn."""

    handlers: ChatHandlers
    asked: Sequence[Any]  # the chat and the session's states, after any input the trigger adds
    state: Sequence[Any]  # the session's conversation and exchanges
    answered: Sequence[Any]
    followed: Sequence[Any]

    def ask(self, trigger: Callable[..., Any], handler: Callable[..., Any], *inputs: Any, api_name: str = "") -> None:
        visibility: dict[str, str] = {"api_name": api_name} if api_name else {"api_visibility": "private"}
        trigger(handler, inputs=[*inputs, *self.asked], outputs=list(self.answered), **visibility).then(
            self.handlers.after_turn, inputs=list(self.state), outputs=list(self.followed), api_visibility="private"
        )
