"""Composers turn evidence into an answer. Grounded mode builds every sentence from the records."""
