"""The browser UI: renders what the assistant says; holds no business logic."""
