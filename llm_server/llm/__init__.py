"""LLM backends behind one contract (`LLMBackend`), chosen once at startup."""
