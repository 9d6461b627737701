"""HTTP clients Candor owns for OpenAI-compatible services, with bounded retries.
No Candor logic: retrieval/ and llm/ build on them."""
