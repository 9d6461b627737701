"""Gathering evidence for one understood turn: the policy passages that fit its intent (and its second question).
Reads the turn the understand stage filled in; never reads the question to decide anything, composes nothing."""
