"""The browser UI and the agent console: renders what the pipeline answers and the views it reads.
Holds no answer logic; takes the customer from the signed-in session, never from input."""

import os

# Off before any module here imports Gradio: the page must load nothing from outside.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
