"""Checks of the written sample (knowledge/generate.py --check): its cross-references to the pack's YAML files and
policies, and its own conventions (ids, order, counts, consents, weights, the deliberate flaws). Reads; never writes."""
