"""The eval dataset's cases, derived from a knowledge pack's own records: one module per question family, each
stating the facts a transparent answer gives. Reads the pack only; never imports Candor's answering code."""
