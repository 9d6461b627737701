"""Transparency evaluation of Candor: dataset, scorer, runner, reports and `candor eval` (see README.md)."""
