"""Understanding a question, once per turn: its intent, the offer or decision it names, and a parsed Request
(purposes, data, groups, models, sections, a change asked for, a second question, a close other reading).
Reads the customer's own records to resolve references; never writes an answer."""
