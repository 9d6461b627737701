"""The redact stage: a question in, the same question with personal data replaced, and the guard's
verdict (injection, another customer, too long). Uses guardrails/; never answers."""
