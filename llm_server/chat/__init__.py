"""The chat use case: retrieval -> answer (grounded template or LLM) -> session history."""
