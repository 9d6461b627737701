"""Gradio app: chat with streamed answers, sources, recent offers, and the customer's data & choices."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from assistant import console, views
from assistant.accounts.agents import AgentStore
from assistant.accounts.sessions import is_agent
from assistant.answer import Answer
from assistant.pipeline import Candor, Conversation, UnknownCustomer
from assistant.settings import Settings

SUGGESTED = [
    "Why did I see my most recent offer?",
    "What data do you have about me, and what do you use it for?",
    "What have I agreed to?",
    "How do I stop personalised offers?",
    "Do you sell or share my data?",
]
# System fonts only: nothing is fetched from a font service.
CSS = "#offers-list {max-height: 430px; overflow-y: auto;} #offers-list .row {gap: 6px;}"
THEME = gr.themes.Soft(font=["system-ui", "Segoe UI", "Arial", "sans-serif"], font_mono=["monospace"])


def render_sources(answer: Answer | None) -> str:
    if answer is None or not answer.citations:
        return "_The passages behind the last answer appear here._"
    return "\n\n".join(
        f"**[{i}] {c.title}**  \n`{c.section_id}`\n\n> {c.quote}" for i, c in enumerate(answer.citations, 1)
    )


def render_choices(candor: Candor, conversation: Conversation) -> str:
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


def build_app(candor: Candor, settings: Settings) -> gr.Blocks:
    company = candor.catalog.company.name

    def start(request: gr.Request) -> tuple[Conversation | None, str, list[views.OfferRow], list[views.ProfileRow]]:
        conversation = signed_in(None, request)
        if conversation is None:
            return None, "_Not signed in._", [], []
        return (
            conversation,
            render_choices(candor, conversation),
            views.recent_offers(candor, conversation),
            views.profile(candor, conversation),
        )

    def signed_in(conversation: Conversation | None, request: gr.Request) -> Conversation | None:
        """The session's conversation, always for the signed-in user and no one else."""
        user = request.username or ""
        if conversation is not None and conversation.customer_id == user:
            return conversation
        try:
            return candor.conversation(user)
        except UnknownCustomer:
            return None

    def respond(
        question: str,
        history: list[dict[str, Any]],
        conversation: Conversation | None,
        request: gr.Request,
        decision_id: str | None = None,
        subject: str | None = None,
    ) -> Iterator[tuple[Any, ...]]:
        question = (question or "").strip()
        conversation = signed_in(conversation, request)
        if conversation is None or not question:
            yield history, "", gr.skip(), conversation
            return
        history = [*history, {"role": "user", "content": question}, {"role": "assistant", "content": ""}]
        for piece in views.stream_answer(candor, conversation, question, decision_id, subject):
            if isinstance(piece, Answer):
                history[-1]["content"] = piece.text
                yield history, "", render_sources(piece), conversation
            else:
                history[-1]["content"] = piece
                yield history, "", gr.skip(), conversation

    def why(row: views.OfferRow) -> Callable[..., Iterator[tuple[list[dict[str, Any]], str, str]]]:
        def ask_about(history: list[dict[str, Any]], conv: Conversation | None, request: gr.Request) -> Iterator[Any]:
            yield from respond(f"Why am I seeing “{row.title}” ({row.when})?", history, conv, request, row.decision_id)

        return ask_about

    def why_profile(row: views.ProfileRow) -> Callable[..., Iterator[tuple[list[dict[str, Any]], str, str]]]:
        def ask_about(history: list[dict[str, Any]], conv: Conversation | None, request: gr.Request) -> Iterator[Any]:
            yield from respond(row.question, history, conv, request, subject=row.subject)

        return ask_about

    def send(reply: str) -> Callable[..., Iterator[Any]]:
        def sender(history: list[dict[str, Any]], conv: Conversation | None, request: gr.Request) -> Iterator[Any]:
            yield from respond(reply, history, conv, request)

        return sender

    def ask_change(verb: str) -> Callable[..., Iterator[Any]]:
        def asker(
            name: str | None, history: list[dict[str, Any]], conv: Conversation | None, request: gr.Request
        ) -> Iterator[Any]:
            yield from respond(f"Please {verb} {name}" if name else "", history, conv, request)

        return asker

    def refresh_choices(conversation: Conversation | None) -> str:
        return render_choices(candor, conversation) if conversation is not None else gr.skip()

    def agent_lookup(query: str, request: gr.Request) -> tuple[str, str]:
        try:
            found = console.lookup(candor, request.username, query)
        except console.NotAnAgent as refused:
            return str(refused), ""
        if found is None:
            return "No customer matches that id, email or phone.", ""
        return found.summary, found.customer_id

    def agent_draft(customer_id: str, question: str, request: gr.Request) -> str:
        if not customer_id:
            return "Look up a customer first."
        try:
            return console.as_ticket_text(console.draft_reply(candor, request.username, customer_id, question))
        except console.NotAnAgent as refused:
            return str(refused)
        except LookupError:
            return "No such customer."

    def api_ask(
        question: str, conversation: Conversation | None, request: gr.Request
    ) -> tuple[dict[str, Any], Conversation | None]:
        conversation = signed_in(conversation, request)
        if conversation is None:
            return {"error": "not signed in"}, None
        return candor.ask(conversation, question).as_dict(), conversation

    with gr.Blocks(title=f"Candor — {company}") as app:
        conversation = gr.State(None)
        offers = gr.State([])
        profile = gr.State([])
        demo_note = " · **Demo sign-in**" if settings.demo else ""
        gr.Markdown(
            f"## Candor · {company}\nAsk why you see an offer, what data we use, and how to change it.{demo_note}"
        )
        with gr.Tab("Chat", id="chat"), gr.Row(equal_height=False):
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="Chat with Candor", height=520, placeholder="Ask me about your data.")
                question = gr.Textbox(
                    label="Your question", placeholder="Why did I see this offer?", submit_btn="Ask", lines=1
                )
                with gr.Row():
                    suggested = [gr.Button(q, size="sm", variant="secondary") for q in SUGGESTED]
                with gr.Row():
                    confirm_button = gr.Button("Yes, make the change", size="sm", variant="primary")
                    cancel_button = gr.Button("No, keep it", size="sm")
            with gr.Column(scale=2):
                with gr.Accordion("Sources", open=True):
                    sources = gr.Markdown(render_sources(None))
                with gr.Accordion("Your recent offers", open=True), gr.Column(elem_id="offers-list"):

                    @gr.render(inputs=[offers, conversation])
                    def _offers(rows: list[views.OfferRow], conv: Conversation | None) -> None:
                        if not rows:
                            gr.Markdown("_No offers on record._")
                        for row in rows:
                            with gr.Row(variant="panel"):
                                sponsor = f" · sponsored by {row.sponsor}" if row.sponsor else ""
                                gr.Markdown(f"**{row.title}**  \n{row.where}, {row.when}{sponsor}")
                                button = gr.Button("Why am I seeing this?", size="sm", elem_id=f"why-{row.decision_id}")
                                button.click(
                                    why(row),
                                    inputs=[chat, conversation],
                                    outputs=[chat, question, sources, conversation],
                                    api_visibility="private",
                                )

                with gr.Accordion("Your data & choices", open=False):
                    choices = gr.Markdown()
                    consent_purposes = [p.name for p in candor.catalog.purposes.values() if p.legal_basis == "consent"]
                    with gr.Row():
                        purpose_pick = gr.Dropdown(consent_purposes, label="Change a consent choice", scale=2)
                        withdraw_button = gr.Button("Withdraw consent", size="sm", scale=1)
                        grant_button = gr.Button("Give consent", size="sm", scale=1)
                    gr.Markdown("#### Your profile")

                    @gr.render(inputs=[profile])
                    def _profile(rows: list[views.ProfileRow]) -> None:
                        if not rows:
                            gr.Markdown("_No groups or predictions on record._")
                        for row in rows:
                            with gr.Row(variant="panel"):
                                gr.Markdown(f"**{row.title}**  \n{row.detail}")
                                button = gr.Button("Why?", size="sm", elem_id=f"why-{row.subject.replace(':', '-')}")
                                button.click(
                                    why_profile(row),
                                    inputs=[chat, conversation],
                                    outputs=[chat, question, sources, conversation],
                                    api_visibility="private",
                                )

        with gr.Tab("Agent console", id="console", visible=False) as console_tab:
            gr.Markdown("Look up a customer by id, email or phone. Every lookup is recorded in the audit log.")
            with gr.Row():
                lookup_query = gr.Textbox(label="Customer id, email or phone", scale=3)
                lookup_button = gr.Button("Look up", scale=1)
            looked_up = gr.Textbox(label="Customer id", interactive=False)
            lookup_result = gr.Markdown()
            agent_question = gr.Textbox(
                label="Ask on the customer's behalf", placeholder="Why did they see this offer?"
            )
            agent_button = gr.Button("Draft a reply")
            agent_reply = gr.Textbox(label="Drafted reply with citations (paste into the ticket)", lines=12)

        app.load(start, inputs=None, outputs=[conversation, choices, offers, profile], api_visibility="private")
        app.load(
            lambda request: gr.Tab(visible=is_agent(request.username)),
            inputs=None,
            outputs=console_tab,
            api_visibility="private",
        )
        lookup_button.click(
            agent_lookup, inputs=lookup_query, outputs=[lookup_result, looked_up], api_name="agent_lookup"
        )
        agent_button.click(agent_draft, inputs=[looked_up, agent_question], outputs=agent_reply, api_name="agent_ask")
        chat_outputs = [chat, question, sources, conversation]
        question.submit(respond, inputs=[question, chat, conversation], outputs=chat_outputs, api_name="chat").then(
            refresh_choices, inputs=conversation, outputs=choices, api_visibility="private"
        )
        for button, reply in ((confirm_button, "yes"), (cancel_button, "no")):
            button.click(send(reply), inputs=[chat, conversation], outputs=chat_outputs, api_visibility="private").then(
                refresh_choices, inputs=conversation, outputs=choices, api_visibility="private"
            )
        for button, verb in ((withdraw_button, "withdraw my consent to"), (grant_button, "give my consent to")):
            button.click(
                ask_change(verb),
                inputs=[purpose_pick, chat, conversation],
                outputs=chat_outputs,
                api_visibility="private",
            )
        for button in suggested:
            button.click(respond, inputs=[button, chat, conversation], outputs=chat_outputs, api_visibility="private")
        hidden_q = gr.Textbox(visible=False)
        hidden_out = gr.JSON(visible=False)
        hidden_q.submit(api_ask, inputs=[hidden_q, conversation], outputs=[hidden_out, conversation], api_name="ask")
    return app


def demo_auth(candor: Candor, settings: Settings) -> Callable[[str, str], bool]:
    """Demo sign-in: a customer id with the demo password, or "agent:<name>" with that agent's password."""
    agents = AgentStore(settings.data_dir / "agents.json")

    def check(username: str, password: str) -> bool:
        if is_agent(username):
            return agents.check(username.removeprefix("agent:"), password)
        return password == settings.demo_password and candor.store.customer_exists(username)

    return check


def launch_options(candor: Candor, settings: Settings) -> dict[str, Any]:
    """How the app is served: demo auth, local theme and styles, no footer links to outside."""
    example = candor.store.customer_ids()[0]
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "theme": THEME,
        "css": CSS,
        "auth": demo_auth(candor, settings),
        "auth_message": (
            f"DEMO sign-in. User name: a customer id such as {example}. "
            f"Password: {settings.demo_password}. Real sign-in is not enabled in this demo."
        ),
        "show_error": False,
        "footer_links": [],
    }


def serve(settings: Settings, progress: Callable[[str], None]) -> None:
    if not settings.demo:
        from assistant.ui.server import serve_signed

        serve_signed(settings, progress)
        return
    candor = Candor(settings, progress=progress)
    app = build_app(candor, settings)
    progress(f"Serving on http://{settings.host}:{settings.port} (demo sign-in password: {settings.demo_password})")
    app.launch(**launch_options(candor, settings))
