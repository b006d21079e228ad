"""Retrieval-augmented generation: embeddings, vector store, retrievers, prompts."""
