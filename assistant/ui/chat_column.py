"""The chat column: the conversation, the question box, the confirm buttons, suggested questions, the rating
of the last answer and the download, with the events that start from them."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from assistant.ui.chat_handlers import TurnWiring
from assistant.ui.export import DOWNLOAD_JS
from assistant.ui.feedback import Rating
from assistant.ui.rendering import announce

SUGGESTED = [
    "Why did I see my most recent offer?",
    "What data do you have about me, and what do you use it for?",
    "What have I agreed to?",
    "How do I stop personalised offers?",
    "Do you sell or share my data?",
]


@dataclass(frozen=True)
class ChatColumn:
    chat: gr.Chatbot
    question: gr.Textbox
    confirm_row: gr.Row
    confirm_button: gr.Button
    cancel_button: gr.Button
    did_you_mean_row: gr.Row
    did_you_mean: gr.Button
    suggested: list[gr.Button]
    feedback_box: gr.Column
    feedback_reason: gr.Textbox
    helpful_button: gr.Button
    unhelpful_button: gr.Button
    feedback_status: gr.Markdown
    download_text: gr.Textbox
    announcer: gr.Markdown
    download_button: gr.Button


def chat_column() -> ChatColumn:
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
        # The other close reading of the last question, one click away (the answer follows the likelier one).
        with gr.Row(visible=False, elem_id="candor-did-you-mean") as did_you_mean_row:
            gr.Markdown("**Did you mean…?**")
            did_you_mean = gr.Button("", size="sm", variant="secondary", min_width=200)
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
                unhelpful_button = gr.Button("Not helpful", size="sm", elem_id="candor-not-helpful", min_width=120)
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
    return ChatColumn(
        chat,
        question,
        confirm_row,
        confirm_button,
        cancel_button,
        did_you_mean_row,
        did_you_mean,
        suggested,
        feedback_box,
        feedback_reason,
        helpful_button,
        unhelpful_button,
        feedback_status,
        download_text,
        announcer,
        download_button,
    )


def wire_chat(column: ChatColumn, turns: TurnWiring, exchanges: gr.State, sources: gr.Markdown) -> None:
    """Asking (the public `/chat` endpoint), confirming, suggestions, ratings, the download and clearing."""
    handlers = turns.handlers
    turns.ask(column.question.submit, handlers.respond, column.question, api_name="chat")
    for button, reply in ((column.confirm_button, "yes"), (column.cancel_button, "no")):
        turns.ask(button.click, handlers.send(reply))
    for button in [*column.suggested, column.did_you_mean]:
        turns.ask(button.click, handlers.respond, button)
    ratings: list[tuple[gr.Button, Rating]] = [
        (column.helpful_button, "helpful"),
        (column.unhelpful_button, "not_helpful"),
    ]
    for button, rating in ratings:
        button.click(
            handlers.rate(rating),
            inputs=[column.feedback_reason, *turns.state],
            outputs=[column.feedback_status, column.feedback_reason],
            api_visibility="private",
        )
    column.download_button.click(None, inputs=column.download_text, js=DOWNLOAD_JS, api_visibility="private")
    column.chat.clear(
        handlers.cleared,
        inputs=None,
        outputs=[
            exchanges,
            sources,
            column.feedback_box,
            column.download_text,
            column.download_button,
            column.feedback_status,
            column.announcer,
        ],
        api_visibility="private",
    )
