"""Gradio app: chat with streamed answers, sources, recent offers, and the customer's data & choices.

This module assembles the page from its parts and wires them together. Everything the page loads is served
by Candor itself (system fonts, Gradio's bundled assets, analytics off); tests/e2e drives it in Chromium,
records every request the page makes, and checks it with axe-core.
"""

from __future__ import annotations

import gradio as gr

from assistant.pipeline import Candor
from assistant.settings import Settings
from assistant.ui.agent_tab import agent_tab, tabs_for
from assistant.ui.chat_column import chat_column, wire_chat
from assistant.ui.chat_handlers import ChatHandlers, TurnWiring
from assistant.ui.side_panels import side_panels, wire_choices


def build_app(candor: Candor, settings: Settings) -> gr.Blocks:
    company = candor.catalog.company.name
    handlers = ChatHandlers(candor)
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
                chat = chat_column()
                # `turns` is bound below, before any row renders (rows render at page load).
                panels = side_panels(candor, offers, profile, handlers, lambda b, h: turns.ask(b.click, h))
            console_tab = agent_tab(candor)

        turns = TurnWiring(
            handlers,
            asked=[chat.chat, conversation, exchanges],
            state=[conversation, exchanges],
            answered=[chat.chat, chat.question, panels.sources, conversation, exchanges],
            followed=[
                panels.choices,
                chat.confirm_row,
                chat.feedback_box,
                chat.download_text,
                chat.download_button,
                chat.announcer,
                chat.feedback_status,
                chat.did_you_mean_row,
                chat.did_you_mean,
            ],
        )
        app.load(
            handlers.start,
            inputs=None,
            outputs=[conversation, panels.choices, offers, profile],
            api_visibility="private",
        )
        app.load(
            tabs_for(company), inputs=None, outputs=[tabs, chat_tab, console_tab, header], api_visibility="private"
        )
        wire_chat(chat, turns, exchanges, panels.sources)
        wire_choices(panels, turns)
        hidden_q = gr.Textbox(visible=False)
        hidden_out = gr.JSON(visible=False)
        hidden_q.submit(
            handlers.api_ask, inputs=[hidden_q, conversation], outputs=[hidden_out, conversation], api_name="ask"
        )
    # Chosen from benchmarks/results/concurrency.md: grounded answers are CPU-bound under one process's GIL, so
    # more than one at a time gains nothing; an LLM call waits on the network, so several may run at once.
    app.queue(default_concurrency_limit=1 if candor.parts.llm is None else 8)
    return app
