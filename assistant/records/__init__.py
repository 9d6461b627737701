"""Records: the SQLite store built at ingest, the live append-only state, transcripts.
Reads one customer's records by key; knows nothing of questions or answers."""
