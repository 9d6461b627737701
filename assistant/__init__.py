"""Candor: plain-language, cited explanations of how customer data drives marketing offers."""

__version__ = "0.1.0"
