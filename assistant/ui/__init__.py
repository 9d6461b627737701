"""The browser UI and the agent console: renders what the pipeline answers and the views it reads.
Holds no answer logic; takes the customer from the signed-in session, never from input."""
