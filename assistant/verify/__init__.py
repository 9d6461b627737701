"""Verifying an answer against the evidence before anyone sees it.
The checks never rewrite an answer; the stage withholds one that fails them."""
