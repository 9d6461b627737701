"""How the page looks: a theme and styles with system fonts only, reaching WCAG AA contrast light and dark."""

from __future__ import annotations

import gradio as gr

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
