"""Understanding a question: its intent, the offer or decision it names, a consent change it asks for.
Reads the customer's records to resolve references; never writes an answer."""
