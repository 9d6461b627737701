"""Verifying an answer against the evidence before anyone sees it.
Checks only; never rewrites an answer."""
