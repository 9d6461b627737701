"""Composing: one composer per intent turns a turn's parsed Request and evidence into an answer, every sentence
from the records and the catalog with the citations it rests on. Never reads the question's text."""
