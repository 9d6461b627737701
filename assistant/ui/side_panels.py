"""The column beside the chat: Sources, the customer's recent offers and profile with a "Why?" button each,
and their data & consent choices with buttons that ask to change one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from assistant.pipeline import Candor
from assistant.ui import views
from assistant.ui.chat_handlers import ChatHandlers, Handler, TurnWiring
from assistant.ui.rendering import NO_SOURCES

# Wires a button to a chat turn. The rows render at page load, after the whole page (and its wiring) exists.
AskButton = Callable[[gr.Button, Handler], None]

# The two panels render in worker threads and each registers its buttons' events on the page's shared blocks,
# which Gradio does not lock: run together, one can fail with "dictionary changed size during iteration" and
# leave its buttons unwired (gradio-app/gradio#9410). One at a time, across sessions too.
_RENDER_ONE_AT_A_TIME = {"concurrency_id": "candor-side-panels", "concurrency_limit": 1}


@dataclass(frozen=True)
class SidePanels:
    sources: gr.Markdown
    choices: gr.Markdown
    purpose_pick: gr.Dropdown
    withdraw_button: gr.Button
    grant_button: gr.Button


@dataclass(frozen=True)
class WhyRow:
    text: str  # Markdown
    label: str
    elem_id: str
    handler: Handler


def why_rows(empty: str, rows: list[WhyRow], ask: AskButton) -> None:
    """One panel row per record, with a button that asks about it; `empty` when there is none."""
    if not rows:
        gr.Markdown(empty)
    for row in rows:
        with gr.Row(variant="panel"):
            gr.Markdown(row.text)
            ask(gr.Button(row.label, size="sm", elem_id=row.elem_id), row.handler)


def side_panels(
    candor: Candor, offers: gr.State, profile: gr.State, handlers: ChatHandlers, ask: AskButton
) -> SidePanels:
    with gr.Column(scale=2, min_width=300):
        with gr.Accordion("Sources", open=True):
            sources = gr.Markdown(NO_SOURCES, elem_id="candor-sources")
        with gr.Accordion("Your recent offers", open=True), gr.Column(elem_id="offers-list"):

            @gr.render(inputs=[offers], **_RENDER_ONE_AT_A_TIME)
            def _offers(rows: list[views.OfferRow]) -> None:
                why_rows(
                    "_No offers on record._",
                    [
                        WhyRow(
                            f"**{row.title}**  \n{row.where}, {row.when}"
                            + (f" · sponsored by {row.sponsor}" if row.sponsor else ""),
                            "Why am I seeing this?",
                            f"why-{row.decision_id}",
                            handlers.why_offer(row),
                        )
                        for row in rows
                    ],
                    ask,
                )

        with gr.Accordion("Your data & choices", open=False, elem_id="candor-choices"):
            choices = gr.Markdown()
            with gr.Row():
                purpose_pick = gr.Dropdown(
                    [p.name for p in views.consent_purposes(candor)],
                    label="Change a consent choice",
                    scale=2,
                    min_width=200,
                )
                withdraw_button = gr.Button("Withdraw consent", size="sm", scale=1, min_width=120)
                grant_button = gr.Button("Give consent", size="sm", scale=1, min_width=120)
            gr.Markdown("#### Your profile")

            @gr.render(inputs=[profile], **_RENDER_ONE_AT_A_TIME)
            def _profile(rows: list[views.ProfileRow]) -> None:
                why_rows(
                    "_No groups or predictions on record._",
                    [
                        WhyRow(
                            f"**{row.title}**  \n{row.detail}",
                            "Why?",
                            f"why-{row.subject.replace(':', '-')}",
                            handlers.why_profile(row),
                        )
                        for row in rows
                    ],
                    ask,
                )

    return SidePanels(sources, choices, purpose_pick, withdraw_button, grant_button)


def wire_choices(panels: SidePanels, turns: TurnWiring) -> None:
    """The consent buttons ask in words, as the customer would: the pipeline understands and confirms."""
    for button, verb in (
        (panels.withdraw_button, "withdraw my consent to"),
        (panels.grant_button, "give my consent to"),
    ):
        turns.ask(button.click, turns.handlers.ask_change(verb), panels.purpose_pick)
