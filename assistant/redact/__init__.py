"""The redact stage: a question in, the same question with personal data replaced, and the guard's
verdict (injection, another customer, too long) (`guard.py`); and what the published policy makes public,
and which of its sections are never quoted (`public.py`). Uses guardrails/; never answers."""
