"""Gradio app: chat with streamed answers, sources, recent offers, and the customer's data & choices.

Everything the page loads is served by Candor itself (system fonts, Gradio's bundled assets, analytics
off); tests/e2e drives it in Chromium, records every request the page makes, and checks it with axe-core.
"""

from __future__ import annotations

import html
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from assistant.accounts.agents import AgentStore
from assistant.accounts.sessions import AGENT_PREFIX, is_agent
from assistant.pipeline import Candor, UnknownCustomer
from assistant.settings import Settings
from assistant.turn import Answer, Conversation, render_lines
from assistant.ui import console, views
from assistant.ui.export import conversation_markdown
from assistant.ui.feedback import Exchange, FeedbackLog, Rating

SUGGESTED = [
    "Why did I see my most recent offer?",
    "What data do you have about me, and what do you use it for?",
    "What have I agreed to?",
    "How do I stop personalised offers?",
    "Do you sell or share my data?",
]
# A grounded answer is ready at once; it is shown in short steps, as a model's would be, so the reader
# sees it arrive rather than jump in (about 0.5 s for a long answer).
STREAM_PACE_SECONDS = 0.03

# System fonts only: nothing is fetched from a font service. The colour overrides keep Soft's look but reach
# WCAG AA contrast, light and dark (axe-core checks both in tests/e2e): Soft's indigo-500 labels on indigo-100
# are 3.6:1 and white on its indigo-500 buttons 4.46:1; indigo-700 gives 6.3:1 and 7.9:1. Links in dark mode
# were indigo-500 on gray-800 (3.3:1); indigo-300 gives 7:1. Inputs get a border of 3:1 or more.
THEME = gr.themes.Soft(
    primary_hue="indigo", font=["system-ui", "Segoe UI", "Arial", "sans-serif"], font_mono=["monospace"]
).set(
    block_label_text_color="*primary_700",
    block_title_text_color="*primary_700",
    button_primary_background_fill="*primary_700",
    button_primary_background_fill_hover="*primary_800",
    button_primary_background_fill_dark="*primary_700",
    button_primary_background_fill_hover_dark="*primary_800",
    input_border_color="*neutral_500",
    input_border_color_dark="*neutral_400",
    link_text_color_dark="*primary_300",
    link_text_color_hover_dark="*primary_200",
    link_text_color_visited_dark="*primary_300",
    link_text_color_active_dark="*primary_200",
    input_border_width="1px",
    input_placeholder_color="*neutral_500",
)
CSS = """
#offers-list {max-height: 430px; overflow-y: auto;}
#offers-list .row {gap: 6px;}
.candor-notice {border-left: 4px solid #b45309; background: #fffbeb; color: #1f2937; padding: 0.5rem 0.75rem;
  border-radius: 6px; margin: 0 0 0.5rem 0;}
.candor-notice-limit {border-left-color: #1d4ed8; background: #eff6ff;}
.dark .candor-notice {background: #451a03; color: #fef3c7;}
.dark .candor-notice-limit {background: #172554; color: #dbeafe;}
#candor-sources details {margin: 0.25rem 0 0.75rem 0;}
#candor-sources summary {cursor: pointer; color: #3730a3; text-decoration: underline; font-weight: 600;}
.dark #candor-sources summary {color: #c7d2fe;}
#candor-sources details[open] {border-left: 3px solid #c7d2fe; padding-left: 0.6rem;}
button:focus-visible, summary:focus-visible, a:focus-visible, input:focus-visible, textarea:focus-visible,
[role="tab"]:focus-visible {outline: 3px solid #1d4ed8 !important; outline-offset: 2px;}
#candor-status:empty {display: none;}
.candor-sr-only {position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap;}
#candor-question .input-container {border: 1px solid var(--input-border-color); border-radius: 8px;
  background: var(--input-background-fill); padding: 4px;}
#candor-question .input-container:focus-within {outline: 3px solid #1d4ed8; outline-offset: 1px;}
#candor-question textarea:focus-visible {outline: none !important;}
#candor-question .submit-button {background: #4338ca; color: #ffffff; border-radius: 6px; padding: 0 1rem;
  font-weight: 600;}
#candor-question .submit-button:hover {background: #3730a3;}
/* Narrow screens get the width back from Gradio's 32px side padding (its custom-CSS loader drops @media
   rules outside its container, so the padding scales with the viewport instead). */
.main.app {padding-left: clamp(6px, 2.5vw, 32px) !important; padding-right: clamp(6px, 2.5vw, 32px) !important;}
"""
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
    said = f"Answer {answers} is ready." if answers else ""
    return f'<div role="status" aria-live="polite" class="candor-sr-only">{said}</div>'


def render_sources(candor: Candor, answer: Answer | None) -> str:
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
    feedback = FeedbackLog(candor.settings.data_dir / "feedback")
    pace = STREAM_PACE_SECONDS if candor.llm is None else 0.0

    def signed_in(conversation: Conversation | None, request: gr.Request) -> Conversation | None:
        """The session's conversation, always for the signed-in user and no one else."""
        user = request.username or ""
        if conversation is not None and conversation.customer_id == user:
            return conversation
        try:
            return candor.conversation(user)
        except UnknownCustomer:
            return None

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

    def show_tabs(request: gr.Request) -> tuple[Any, Any, Any, Any]:
        """Agents get the console (and no customer chat); customers never see the console. Both tabs start
        hidden: Gradio 6 does not hide a tab that started visible."""
        agent = is_agent(request.username)
        name = (request.username or "").removeprefix(AGENT_PREFIX)
        heading = f"## Candor · {company} · Support\nSigned in as support agent **{name}**." if agent else gr.skip()
        return (
            gr.Tabs(selected="console" if agent else "chat"),
            gr.Tab(visible=not agent),
            gr.Tab(visible=agent),
            heading,
        )

    def respond(
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
        conversation = signed_in(conversation, request)
        if conversation is None or not question:
            yield history, "", gr.skip(), conversation, exchanges
            return
        history = [*history, {"role": "user", "content": question}, {"role": "assistant", "content": ""}]
        for piece in views.stream_answer(candor, conversation, question, decision_id, subject):
            if isinstance(piece, Answer):
                if piece.intent == "rate_limited":
                    gr.Warning(piece.text, title="Please slow down")
                history[-1]["content"] = chat_text(piece)
                exchanges.append(Exchange(question, piece))
                yield history, "", render_sources(candor, piece), conversation, exchanges
            else:
                history[-1]["content"] = piece
                yield history, "", gr.skip(), conversation, exchanges
                if pace:
                    time.sleep(pace)

    Handler = Callable[..., Iterator[Any]]

    def why(row: views.OfferRow) -> Handler:
        def ask_about(history: Any, conv: Any, exchanges: Any, request: gr.Request) -> Iterator[Any]:
            question = f"Why am I seeing “{row.title}” ({row.when})?"
            yield from respond(question, history, conv, exchanges, request, row.decision_id)

        return ask_about

    def why_profile(row: views.ProfileRow) -> Handler:
        def ask_about(history: Any, conv: Any, exchanges: Any, request: gr.Request) -> Iterator[Any]:
            yield from respond(row.question, history, conv, exchanges, request, subject=row.subject)

        return ask_about

    def send(reply: str) -> Handler:
        def sender(history: Any, conv: Any, exchanges: Any, request: gr.Request) -> Iterator[Any]:
            yield from respond(reply, history, conv, exchanges, request)

        return sender

    def ask_change(verb: str) -> Handler:
        def asker(name: str | None, history: Any, conv: Any, exchanges: Any, request: gr.Request) -> Iterator[Any]:
            if not name:
                gr.Warning("Choose a purpose in “Change a consent choice” first.")
            yield from respond(f"Please {verb} {name}" if name else "", history, conv, exchanges, request)

        return asker

    def after_turn(conversation: Conversation | None, exchanges: list[Exchange] | None) -> tuple[Any, ...]:
        """What follows an answer: the choices panel, the confirm buttons, feedback and the download."""
        exchanges = exchanges or []
        if conversation is None:
            return (gr.skip(),) * 7
        pending = conversation.pending_change is not None
        return (
            render_choices(candor, conversation),
            gr.Row(visible=pending),
            gr.Column(visible=bool(exchanges)),
            conversation_markdown(company, exchanges),
            gr.Button(interactive=bool(exchanges)),
            announce(len(exchanges)),
            "",  # a thank-you for rating the previous answer no longer applies
        )

    def rate(rating: Rating) -> Callable[..., tuple[str, str]]:
        def rater(
            reason: str, conversation: Conversation | None, exchanges: list[Exchange] | None, request: gr.Request
        ) -> tuple[str, str]:
            conversation = signed_in(conversation, request)
            if conversation is None or not exchanges:
                return "Ask a question first, then rate the answer.", reason
            feedback.record(candor, conversation, exchanges[-1], rating, reason or "")
            said = "helpful" if rating == "helpful" else "not helpful"
            return f"Thank you. We saved “{said}” for the last answer, with personal details removed.", ""

        return rater

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
        exchanges = gr.State([])
        offers = gr.State([])
        profile = gr.State([])
        demo_note = " · **Demo sign-in**" if settings.demo else ""
        header = gr.Markdown(
            f"## Candor · {company}\nAsk why you see an offer, what data we use, and how to change it.{demo_note}"
        )
        with gr.Tabs() as tabs:
            with gr.Tab("Chat", id="chat", visible=False) as chat_tab, gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=300):
                    chat = gr.Chatbot(
                        label="Chat with Candor",
                        show_label=False,
                        buttons=["copy", "copy_all"],
                        height=520,
                        placeholder=(
                            "**Hello!** Ask me why you see an offer, what data we hold about you, "
                            "or how to change your choices. Try one of the suggested questions below."
                        ),
                        elem_id="candor-chat",
                    )
                    question = gr.Textbox(
                        label="Your question",
                        placeholder="Why did I see this offer?",
                        submit_btn="Ask",
                        lines=1,
                        elem_id="candor-question",
                    )
                    with gr.Row(visible=False, elem_id="candor-confirm") as confirm_row:
                        confirm_button = gr.Button("Yes, make the change", size="sm", variant="primary")
                        cancel_button = gr.Button("No, keep it", size="sm")
                    gr.Markdown("**Suggested questions**")
                    with gr.Row(elem_id="candor-suggested"):
                        suggested = [gr.Button(q, size="sm", variant="secondary", min_width=150) for q in SUGGESTED]
                    with gr.Column(visible=False, elem_id="candor-feedback") as feedback_box:
                        gr.Markdown("**Was the last answer helpful?**")
                        feedback_reason = gr.Textbox(
                            label="What was good or missing? (optional)",
                            placeholder="Leave blank to just rate the answer",
                            lines=1,
                            max_length=1000,
                            elem_id="candor-feedback-reason",
                        )
                        with gr.Row():
                            helpful_button = gr.Button("Helpful", size="sm", elem_id="candor-helpful", min_width=120)
                            unhelpful_button = gr.Button(
                                "Not helpful", size="sm", elem_id="candor-not-helpful", min_width=120
                            )
                        feedback_status = gr.Markdown(elem_id="candor-status")
                    download_text = gr.Textbox(visible=False)
                    # Tells screen readers (and the browser tests) that an answer has finished.
                    announcer = gr.Markdown(announce(0), elem_id="candor-announce")
                    download_button = gr.Button(
                        "⬇ Download this conversation with its sources",
                        size="sm",
                        interactive=False,
                        elem_id="candor-download",
                    )
                with gr.Column(scale=2, min_width=300):
                    with gr.Accordion("Sources", open=True):
                        sources = gr.Markdown(NO_SOURCES, elem_id="candor-sources")
                    with gr.Accordion("Your recent offers", open=True), gr.Column(elem_id="offers-list"):

                        @gr.render(inputs=[offers])
                        def _offers(rows: list[views.OfferRow]) -> None:
                            if not rows:
                                gr.Markdown("_No offers on record._")
                            for row in rows:
                                with gr.Row(variant="panel"):
                                    sponsor = f" · sponsored by {row.sponsor}" if row.sponsor else ""
                                    gr.Markdown(f"**{row.title}**  \n{row.where}, {row.when}{sponsor}")
                                    button = gr.Button(
                                        "Why am I seeing this?", size="sm", elem_id=f"why-{row.decision_id}"
                                    )
                                    button.click(
                                        why(row),
                                        inputs=[chat, conversation, exchanges],
                                        outputs=chat_outputs,
                                        api_visibility="private",
                                    ).then(
                                        after_turn, inputs=turn_state, outputs=after_outputs, api_visibility="private"
                                    )

                    with gr.Accordion("Your data & choices", open=False, elem_id="candor-choices"):
                        choices = gr.Markdown()
                        consent_purposes = [
                            p.name for p in candor.catalog.purposes.values() if p.legal_basis == "consent"
                        ]
                        with gr.Row():
                            purpose_pick = gr.Dropdown(
                                consent_purposes, label="Change a consent choice", scale=2, min_width=200
                            )
                            withdraw_button = gr.Button("Withdraw consent", size="sm", scale=1, min_width=120)
                            grant_button = gr.Button("Give consent", size="sm", scale=1, min_width=120)
                        gr.Markdown("#### Your profile")

                        @gr.render(inputs=[profile])
                        def _profile(rows: list[views.ProfileRow]) -> None:
                            if not rows:
                                gr.Markdown("_No groups or predictions on record._")
                            for row in rows:
                                with gr.Row(variant="panel"):
                                    gr.Markdown(f"**{row.title}**  \n{row.detail}")
                                    button = gr.Button(
                                        "Why?", size="sm", elem_id=f"why-{row.subject.replace(':', '-')}"
                                    )
                                    button.click(
                                        why_profile(row),
                                        inputs=[chat, conversation, exchanges],
                                        outputs=chat_outputs,
                                        api_visibility="private",
                                    ).then(
                                        after_turn, inputs=turn_state, outputs=after_outputs, api_visibility="private"
                                    )

            with gr.Tab("Agent console", id="console", visible=False) as console_tab:
                gr.Markdown("Look up a customer by id, email or phone. Every lookup is recorded in the audit log.")
                with gr.Row():
                    lookup_query = gr.Textbox(label="Customer id, email or phone", scale=3, elem_id="agent-query")
                    lookup_button = gr.Button("Look up", scale=1, elem_id="agent-lookup")
                looked_up = gr.Textbox(label="Customer id", interactive=False, elem_id="agent-found")
                lookup_result = gr.Markdown(elem_id="agent-result")
                agent_question = gr.Textbox(
                    label="Ask on the customer's behalf", placeholder="Why did they see this offer?"
                )
                agent_button = gr.Button("Draft a reply")
                agent_reply = gr.Textbox(label="Drafted reply with citations (paste into the ticket)", lines=12)

        chat_outputs = [chat, question, sources, conversation, exchanges]
        turn_state = [conversation, exchanges]
        after_outputs = [choices, confirm_row, feedback_box, download_text, download_button, announcer, feedback_status]

        app.load(start, inputs=None, outputs=[conversation, choices, offers, profile], api_visibility="private")
        app.load(show_tabs, inputs=None, outputs=[tabs, chat_tab, console_tab, header], api_visibility="private")
        lookup_button.click(
            agent_lookup, inputs=lookup_query, outputs=[lookup_result, looked_up], api_name="agent_lookup"
        )
        # Enter in the box looks up too (registered second: the public endpoint keeps its name).
        lookup_query.submit(
            agent_lookup, inputs=lookup_query, outputs=[lookup_result, looked_up], api_visibility="private"
        )
        agent_button.click(agent_draft, inputs=[looked_up, agent_question], outputs=agent_reply, api_name="agent_ask")
        question.submit(
            respond, inputs=[question, chat, conversation, exchanges], outputs=chat_outputs, api_name="chat"
        ).then(after_turn, inputs=turn_state, outputs=after_outputs, api_visibility="private")
        for button, reply in ((confirm_button, "yes"), (cancel_button, "no")):
            button.click(
                send(reply), inputs=[chat, conversation, exchanges], outputs=chat_outputs, api_visibility="private"
            ).then(after_turn, inputs=turn_state, outputs=after_outputs, api_visibility="private")
        for button, verb in ((withdraw_button, "withdraw my consent to"), (grant_button, "give my consent to")):
            button.click(
                ask_change(verb),
                inputs=[purpose_pick, chat, conversation, exchanges],
                outputs=chat_outputs,
                api_visibility="private",
            ).then(after_turn, inputs=turn_state, outputs=after_outputs, api_visibility="private")
        for button in suggested:
            button.click(
                respond, inputs=[button, chat, conversation, exchanges], outputs=chat_outputs, api_visibility="private"
            ).then(after_turn, inputs=turn_state, outputs=after_outputs, api_visibility="private")
        ratings: list[tuple[gr.Button, Rating]] = [(helpful_button, "helpful"), (unhelpful_button, "not_helpful")]
        for button, rating in ratings:
            button.click(
                rate(rating),
                inputs=[feedback_reason, conversation, exchanges],
                outputs=[feedback_status, feedback_reason],
                api_visibility="private",
            )
        download_button.click(None, inputs=download_text, js=DOWNLOAD_JS, api_visibility="private")
        chat.clear(
            lambda: ([], NO_SOURCES, gr.Column(visible=False), "", gr.Button(interactive=False), "", announce(0)),
            inputs=None,
            outputs=[exchanges, sources, feedback_box, download_text, download_button, feedback_status, announcer],
            api_visibility="private",
        )
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
