"""One embedder per engine behind the `Embedder` contract (see llm_server/rag/embeddings.py)."""
