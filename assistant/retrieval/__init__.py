"""Retrieval: policy text into chunks, embeddings and an index, and back as passages for a question.
Owns the vector index and BM25; never reads customer records."""
