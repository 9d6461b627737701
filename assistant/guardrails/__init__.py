"""Guardrails: PII redaction with a per-conversation vault, input limits, injection and isolation checks."""
