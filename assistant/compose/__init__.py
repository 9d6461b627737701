"""Composing: one composer per intent turns a turn's evidence into an answer, every sentence from the records
and the catalog with the citations it rests on. Writes no record and reads nothing but the turn and catalog."""
