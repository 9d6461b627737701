"""Gathering evidence for one turn: intent, the customer's own records, policy passages.
Only the signed-in customer's records; composes nothing."""
