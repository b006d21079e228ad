"""ProductSync against real MongoDB (nx-27017 + pymongo) and a real embedded Chroma."""

from __future__ import annotations

from datetime import timedelta

import pymongo
import pytest

from embedding_pipeline.source import fetch_products, parse_time
from embedding_pipeline.state import WATERMARK_KEY, read_watermark
from embedding_pipeline.sync import ProductSync, plan_batch
from llm_server.config import Settings
from llm_server.rag.documents import content_hash, is_indexable
from llm_server.rag.store import ChromaStore, VectorStore, connect
from tests.pipeline.helpers import (
    BASE_TIME,
    CountingEmbedder,
    SmallBatchClient,
    make_catalog,
    make_product,
)

NAME = "products"


@pytest.fixture
def embedder() -> CountingEmbedder:
    return CountingEmbedder()


@pytest.fixture
def store(tmp_path, embedder) -> VectorStore:
    return ChromaStore(connect(Settings(chroma_path=str(tmp_path / "chroma"))), embedder)


@pytest.fixture
def source(mongo):
    client = pymongo.MongoClient(mongo.mongo_uri, tz_aware=True)
    yield client[mongo.mongo_db][mongo.mongo_collection]
    client.close()


def indexed(store: VectorStore) -> dict[str, str]:
    return {h.id: h.metadata["content_hash"] for h in store.iter_all(NAME, documents=False)}


def expected(products: list[dict]) -> dict[str, str]:
    return {p["sku"]: content_hash(p) for p in fetch_like(products) if is_indexable(p)}


def fetch_like(products: list[dict]) -> list[dict]:
    from embedding_pipeline.source import plain_product

    return [plain_product(p) for p in products]


def sync(store, mongo, since=None, full=False, batch_size=50):
    syncer = ProductSync(store, NAME, batch_size=batch_size)
    counts = syncer.run(fetch_products(mongo, since), full=full)
    return syncer, counts


# --- planning (pure) ---
def test_plan_batch_sorts_products_into_add_update_unchanged_delete():
    new, same, changed, gone, never = (make_product(i) for i in range(5))
    gone["isDeleted"] = True
    never["status"] = "soldout"
    indexed_hashes = {same["sku"]: content_hash(same), changed["sku"]: "old", gone["sku"]: "x"}
    plan = plan_batch([new, same, changed, gone, never], indexed_hashes)
    assert [p["sku"] for p in plan.upserts] == [new["sku"], changed["sku"]]
    assert plan.deletes == [gone["sku"]]
    assert plan.counts.as_dict() == {"added": 1, "updated": 1, "unchanged": 1, "deleted": 1, "skipped": 0}


# --- full and incremental runs ---
def test_first_sync_indexes_exactly_the_active_products(store, mongo, source):
    catalog = make_catalog(120, inactive_every=7, deleted_every=11)
    source.insert_many([dict(p) for p in catalog])
    syncer, counts = sync(store, mongo)
    assert indexed(store) == expected(catalog)
    assert counts.added == len(expected(catalog)) and counts.updated == 0
    assert syncer.watermark == max(p["updatedAt"] for p in catalog)
    assert store.get_meta(NAME, WATERMARK_KEY) == "2026-01-01T01:59:00Z"
    assert store.version(NAME)


def test_second_sync_skips_unchanged_products_without_embedding(store, mongo, source, embedder):
    source.insert_many(make_catalog(60))
    sync(store, mongo)
    embedded, version = len(embedder.texts), store.version(NAME)
    _, counts = sync(store, mongo, full=True)
    assert counts.unchanged == 60 and counts.added == counts.updated == counts.deleted == 0
    assert len(embedder.texts) == embedded
    assert store.version(NAME) == version  # nothing written, nothing for readers to reload


def test_incremental_sync_reads_from_the_watermark_and_applies_changes(store, mongo, source, embedder):
    source.insert_many(make_catalog(80))
    syncer, _ = sync(store, mongo)
    later = syncer.watermark + timedelta(hours=1)
    source.update_one({"sku": "BS-T-00003"}, {"$set": {"price": 99000, "updatedAt": later}})
    source.update_one({"sku": "BS-T-00004"}, {"$set": {"isDeleted": True, "updatedAt": later}})
    source.update_one({"sku": "BS-T-00005"}, {"$set": {"status": "inactive", "updatedAt": later}})
    source.update_one({"sku": "BS-T-00006"}, {"$set": {"updatedAt": later}})  # touched, same content
    source.insert_one(make_product(500, updatedAt=later))
    embedder.texts.clear()
    syncer2, counts = sync(store, mongo, since=read_watermark(store, NAME))
    assert counts.as_dict() == {"added": 1, "updated": 1, "unchanged": 2, "deleted": 2, "skipped": 0}
    assert len(embedder.texts) == 2  # only the new and the changed product were embedded
    assert indexed(store) == expected(list(source.find({}, {"_id": 0})))
    assert store.get(NAME, ids=["BS-T-00003"])[0].metadata["price"] == 99000
    assert syncer2.watermark == later


def test_full_sync_removes_products_missing_from_mongodb(store, mongo, source):
    source.insert_many(make_catalog(30))
    sync(store, mongo)
    source.delete_many({"sku": {"$in": ["BS-T-00001", "BS-T-00002"]}})
    _, incremental = sync(store, mongo, since=read_watermark(store, NAME))
    assert incremental.deleted == 0 and "BS-T-00001" in indexed(store)  # hard deletes need --full
    _, full = sync(store, mongo, full=True)
    assert full.deleted == 2
    assert indexed(store) == expected(list(source.find({}, {"_id": 0})))


def test_watermark_never_moves_back(store, mongo, source):
    source.insert_many(make_catalog(10))
    first, _ = sync(store, mongo)
    old = BASE_TIME - timedelta(days=30)
    source.insert_one(make_product(99, createdAt=old - timedelta(days=1), updatedAt=old))
    again, counts = sync(store, mongo, since=BASE_TIME - timedelta(days=31))
    assert counts.added == 1
    assert again.watermark == first.watermark == read_watermark(store, NAME)


def test_duplicate_and_missing_skus_are_resolved(store, mongo, source):
    old = make_product(1, price=1000)
    new = make_product(1, price=2000, updatedAt=old["updatedAt"] + timedelta(minutes=5))
    nameless = make_product(2)
    del nameless["sku"]
    source.insert_many([old, new, nameless])
    _, counts = sync(store, mongo)
    assert counts.added == 1 and counts.skipped == 1
    assert store.get(NAME, ids=["BS-T-00001"])[0].metadata["price"] == 2000


def test_dry_run_reports_but_writes_nothing(store, mongo, source, embedder):
    source.insert_many(make_catalog(20))
    counts = ProductSync(store, NAME, dry_run=True).run(fetch_products(mongo), full=True)
    assert counts.added == 20
    assert store.count(NAME) == 0 and embedder.texts == []
    assert read_watermark(store, NAME) is None


# --- batches and crash safety ---
def test_batches_never_exceed_the_client_max_batch_size(tmp_path, mongo, source):
    client = SmallBatchClient(connect(Settings(chroma_path=str(tmp_path / "c"))), max_batch=7)
    store = ChromaStore(client, CountingEmbedder())
    source.insert_many(make_catalog(40, inactive_every=5))
    syncer, _ = sync(store, mongo, batch_size=100)
    source.delete_many({"sku": {"$ne": "BS-T-00000"}})
    _, counts = sync(store, mongo, full=True)  # 31 removals in one go, chunked by the store
    assert syncer.batch_size == 7 and counts.deleted == 31
    writes = [size for op, size in client.sizes if op in ("upsert", "delete")]
    assert writes and max(writes) <= 7 and ("delete", 7) in client.sizes
    assert store.count(NAME) == 1


def test_a_failed_batch_leaves_the_watermark_at_the_last_written_batch(tmp_path, mongo, source):
    catalog = make_catalog(30)
    source.insert_many([dict(p) for p in catalog])
    broken = ChromaStore(connect(Settings(chroma_path=str(tmp_path / "c"))), CountingEmbedder(fail_on_call=2))
    with pytest.raises(RuntimeError, match="embedder crashed"):
        sync(broken, mongo, batch_size=10)
    assert broken.count(NAME) == 10
    assert read_watermark(broken, NAME) == catalog[9]["updatedAt"]
    healthy = ChromaStore(broken.client, CountingEmbedder())
    _, counts = sync(healthy, mongo, since=read_watermark(healthy, NAME), batch_size=10)
    assert counts.added == 20 and counts.unchanged == 1  # the boundary product is re-read, not re-embedded
    assert indexed(healthy) == expected(catalog)


def test_source_dates_are_parsed_from_bson_and_strings():
    assert parse_time("2026-01-18T19:00:00Z") == parse_time(BASE_TIME.replace(day=18, hour=19))
    assert parse_time("not a date") is None
