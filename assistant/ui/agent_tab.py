"""The Agent console tab: look a customer up and draft a cited reply (`console` holds the logic), and which
tab a signed-in identity sees — agents the console and no customer chat, customers never the console."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr

from assistant.accounts.sessions import AGENT_PREFIX, is_agent
from assistant.pipeline import Candor
from assistant.ui import console


def agent_tab(candor: Candor) -> gr.Tab:
    """The tab, with its two public endpoints: `/agent_lookup` and `/agent_ask`."""

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

    def agent_practices(request: gr.Request) -> str:
        try:
            return console.practices(candor, request.username)
        except console.NotAnAgent as refused:
            return str(refused)

    with gr.Tab("Agent console", id="console", visible=False) as tab:
        gr.Markdown("Look up a customer by id, email or phone. Every lookup is recorded in the audit log.")
        with gr.Row():
            lookup_query = gr.Textbox(label="Customer id, email or phone", scale=3, elem_id="agent-query")
            lookup_button = gr.Button("Look up", scale=1, elem_id="agent-lookup")
        looked_up = gr.Textbox(label="Customer id", interactive=False, elem_id="agent-found")
        lookup_result = gr.Markdown(elem_id="agent-result")
        agent_question = gr.Textbox(label="Ask on the customer's behalf", placeholder="Why did they see this offer?")
        agent_button = gr.Button("Draft a reply")
        agent_reply = gr.Textbox(label="Drafted reply with citations (paste into the ticket)", lines=12)
        with gr.Accordion("Practices: data use and exposure by group", open=False, elem_id="agent-practices"):
            practices_button = gr.Button("Show the practice audit", elem_id="agent-practices-show")
            practices_report = gr.Markdown(elem_id="agent-practices-report")

    lookup_button.click(agent_lookup, inputs=lookup_query, outputs=[lookup_result, looked_up], api_name="agent_lookup")
    # Enter in the box looks up too (registered second: the public endpoint keeps its name).
    lookup_query.submit(agent_lookup, inputs=lookup_query, outputs=[lookup_result, looked_up], api_visibility="private")
    agent_button.click(agent_draft, inputs=[looked_up, agent_question], outputs=agent_reply, api_name="agent_ask")
    practices_button.click(agent_practices, inputs=None, outputs=practices_report, api_name="agent_practices")
    return tab


def tabs_for(company: str) -> Callable[[gr.Request], tuple[Any, Any, Any, Any]]:
    """A page-load handler: the tabs (and heading) the signed-in identity sees."""

    def show_tabs(request: gr.Request) -> tuple[Any, Any, Any, Any]:
        """Both tabs start hidden: Gradio 6 does not hide a tab that started visible."""
        agent = is_agent(request.username)
        name = (request.username or "").removeprefix(AGENT_PREFIX)
        heading = f"## Candor · {company} · Support\nSigned in as support agent **{name}**." if agent else gr.skip()
        return (
            gr.Tabs(selected="console" if agent else "chat"),
            gr.Tab(visible=not agent),
            gr.Tab(visible=agent),
            heading,
        )

    return show_tabs
