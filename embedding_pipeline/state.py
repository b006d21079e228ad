"""The sync watermark: the newest `updatedAt` already written, kept in the collection metadata.

`read_watermark_isolated` reads it in a child process, so the CLI process itself imports
no chromadb (nor any ML library) until it has finished with MongoDB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime

from embedding_pipeline.errors import BY_EXIT_CODE, PipelineError
from embedding_pipeline.source import iso, parse_time
from llm_server.config import Settings
from llm_server.rag.store import VectorStore

WATERMARK_KEY = "sync_watermark"
CHILD_TIMEOUT_S = 120


def read_watermark(store: VectorStore, collection: str) -> datetime | None:
    return parse_time(store.get_meta(collection, WATERMARK_KEY))


def advance_watermark(store: VectorStore, collection: str, seen: datetime | None) -> datetime | None:
    """Move the watermark forward to `seen` (never back); returns the stored value."""
    current = read_watermark(store, collection)
    if seen is None or (current is not None and seen <= current):
        return current
    store.set_meta(collection, **{WATERMARK_KEY: iso(seen)})
    return seen


def read_watermark_isolated(settings: Settings, model_name: str) -> datetime | None:
    proc = subprocess.run(
        [sys.executable, "-m", "embedding_pipeline.state", model_name],
        env={**os.environ, **settings_env(settings)},
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
    )
    try:
        reply = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise PipelineError(f"reading the sync watermark failed: {proc.stderr.strip()[-300:]}") from None
    if "error" in reply:
        raise BY_EXIT_CODE.get(reply["exit_code"], PipelineError)(reply["error"])
    return parse_time(reply["watermark"])


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment that makes a child process see the same vector store."""
    return {
        "CHROMA_PATH": settings.chroma_path,
        "CHROMA_DB_HOST": settings.chroma_db_host,
        "CHROMA_DB_PORT": str(settings.chroma_db_port),
        "PRODUCTS_COLLECTION": settings.products_collection,
        "EMBEDDING_MODEL": settings.embedding_model,
    }


def _child_main(model_name: str) -> int:
    from embedding_pipeline.target import NameOnlyEmbedder, open_store

    settings = Settings()
    try:
        store = open_store(settings, NameOnlyEmbedder(model_name), settings.products_collection)
        watermark = read_watermark(store, settings.products_collection)
    except PipelineError as exc:
        print(json.dumps({"error": exc.message, "exit_code": exc.exit_code}))
        return 0
    print(json.dumps({"watermark": iso(watermark) if watermark else None}))
    return 0


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1]))
