"""Guardrails, the library the redact stage uses: PII rules and the redactor, the per-conversation vault, input
and rate limits, injection patterns. Works on text only; knows nothing of turns, records or answers."""
