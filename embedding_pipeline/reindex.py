"""`embedding-pipeline reindex`: re-embed a collection with the configured embedder.

The documents and metadata are read from the collection itself (no MongoDB, no CSV), so
products and FAQ entries rebuild alike. Readers are never left without an index:

1. build `<name>__reindex` beside the live collection, batch by batch (progress bar);
2. copy the live collection's own metadata (sync watermark...) and check the count;
3. swap: rename the live one to `<name>__previous`, the new one to `<name>`, then drop
   the previous one (or keep it with --keep-previous, to roll back by renaming).

Until the swap, servers keep answering from the old collection. A server holding the old
collection notices the swap on its next query (the store reopens a collection that
another process replaced). With the same embedder (a re-embed after changing
EMBEDDING_MAX_TOKENS, say) it goes on without a gap; after a model change it answers
503 `embedding_model_mismatch` until it is restarted with the new EMBEDDING_MODEL,
which is why the deployment order is: reindex, then roll the servers (docs/pipeline.md).
A failed or interrupted build drops `<name>__reindex` and leaves the live one untouched.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

from embedding_pipeline.errors import ConfigError

log = logging.getLogger(__name__)
BUILDING_SUFFIX = "__reindex"
PREVIOUS_SUFFIX = "__previous"
#: Collection metadata a rebuild sets itself rather than copies.
MODEL_KEY = "embedding_model"
VERSION_KEY = "index_version"
OnProgress = Callable[[int], None]


@dataclass
class ReindexResult:
    collection: str
    documents: int
    from_model: str
    to_model: str
    seconds: float
    swapped: bool
    kept_previous: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def built_with(store, name: str) -> str:
    """The model a collection records, read without the store's model check."""
    collection = store.client.get_collection(name)
    return str((collection.metadata or {}).get(MODEL_KEY) or "")


def reindex(
    store,
    name: str,
    batch_size: int = 64,
    on_progress: OnProgress | None = None,
    keep_previous: bool = False,
    force: bool = False,
) -> ReindexResult:
    """Rebuild collection `name` of `store` (a ChromaStore) with `store.embedder`."""
    if not exists(store, name):
        raise ConfigError(f"collection '{name}' does not exist; nothing to re-index")
    started = time.monotonic()
    source_model, target_model = built_with(store, name), store.embedder.name
    if source_model == target_model and not force:
        count = store.client.get_collection(name).count()
        return ReindexResult(name, count, source_model, target_model, 0.0, swapped=False)
    building = name + BUILDING_SUFFIX
    store.drop(building)  # left over by a killed run
    try:
        written = _build(store, name, building, batch_size, on_progress)
    except BaseException:
        store.drop(building)
        raise
    previous = swap(store, name, building, keep_previous)
    return ReindexResult(
        name, written, source_model, target_model, round(time.monotonic() - started, 3),
        swapped=True, kept_previous=previous,
    )


def _build(store, name: str, building: str, batch_size: int, on_progress: OnProgress | None) -> int:
    source = store.client.get_collection(name)
    written = 0
    for ids, documents, metadatas in pages(source, batch_size):
        metadatas = [{**m, MODEL_KEY: store.embedder.name} for m in metadatas]
        store.upsert(building, ids=ids, documents=documents, metadatas=metadatas)
        written += len(ids)
        if on_progress:
            on_progress(len(ids))
    if store.client.get_collection(building).count() != source.count():
        raise ConfigError(
            f"'{name}' changed while it was re-indexed ({source.count()} documents now, "
            f"{written} copied); run reindex again when no sync is writing"
        )
    carried = {
        k: v for k, v in (source.metadata or {}).items()
        if not k.startswith("hnsw:") and k not in (MODEL_KEY, VERSION_KEY)
    }
    store.bump_version(building, **carried)
    return written


def pages(collection, size: int) -> Iterator[tuple[list[str], list[str], list[dict]]]:
    """(ids, documents, metadatas) of a raw Chroma collection, `size` at a time."""
    offset = 0
    while True:
        page = collection.get(limit=size, offset=offset, include=["documents", "metadatas"])
        if not page["ids"]:
            return
        yield (
            list(page["ids"]),
            [d or "" for d in page["documents"]],
            [dict(m or {}) for m in page["metadatas"]],
        )
        offset += len(page["ids"])


def swap(store, name: str, building: str, keep_previous: bool) -> str | None:
    """Put `building` in the place of `name`; returns the kept previous name, if kept."""
    previous = name + PREVIOUS_SUFFIX
    store.drop(previous)
    _rename(store, name, previous)
    try:
        _rename_into_place(store, building, name)
    except BaseException:
        if not exists(store, name):
            _rename(store, previous, name)  # put the live collection back
        raise
    if keep_previous:
        return previous
    store.drop(previous)
    return None


def _rename(store, old: str, new: str) -> None:
    store.client.get_collection(old).modify(name=new)
    _forget(store, old, new)


def _rename_into_place(store, building: str, name: str, attempts: int = 5) -> None:
    """Between the two renames a reader opening `name` may create it empty (get-or-create):
    such an empty squatter is dropped and the rename retried."""
    for _ in range(attempts):
        try:
            _rename(store, building, name)
            return
        except Exception:  # noqa: BLE001 - Chroma reports a taken name with several types
            if not exists(store, name) or store.client.get_collection(name).count():
                raise
            log.warning("an empty '%s' appeared during the swap; replacing it", name)
            store.drop(name)
    _rename(store, building, name)


def exists(store, name: str) -> bool:
    return name in {getattr(c, "name", c) for c in store.client.list_collections()}


def _forget(store, *names: str) -> None:
    cached = getattr(store, "_collections", None)
    for name in names:
        if cached is not None:
            cached.pop(name, None)
