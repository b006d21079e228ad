"""`python -m llm_server.seed`: load the demo catalog and FAQ into the configured store."""

from __future__ import annotations

import logging

from llm_server.config import get_settings
from llm_server.rag.embeddings import build_embedder
from llm_server.rag.ingest import seed_demo_data
from llm_server.rag.store import ChromaStore, connect


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    settings = get_settings()
    store = ChromaStore(connect(settings), build_embedder(settings, threads=0))
    written = seed_demo_data(store, settings.products_collection, settings.faq_collection, settings.demo_data_dir)
    counts = {n: store.count(n) for n in (settings.products_collection, settings.faq_collection)}
    print(f"demo data: wrote {written}; collections now hold {counts}")


if __name__ == "__main__":
    main()
