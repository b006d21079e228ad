"""The CLI in-process (HashEmbedder) against real MongoDB (nx-27017) and embedded Chroma."""

from __future__ import annotations

import json
from datetime import timedelta

import pymongo
import pytest

from embedding_pipeline.cli import run
from embedding_pipeline.config import MongoSettings
from llm_server.config import Settings
from llm_server.rag.store import ChromaStore, VectorStore, connect
from tests.conftest import DATA_DIR, free_port
from tests.pipeline.helpers import CountingEmbedder, make_catalog, make_product


def cli(capsys, *argv: str, embedder=None) -> tuple[int, dict | str, str]:
    """Runs the CLI; returns (exit code, parsed JSON or text on stdout, stderr)."""
    code = run(list(argv), make_embedder=lambda settings: embedder or CountingEmbedder())
    out, err = capsys.readouterr()
    parsed = json.loads(out) if "--json" in argv and out.strip() else out
    return code, parsed, err


def open_store(name: str = "hash-embedder") -> VectorStore:
    return ChromaStore(connect(Settings()), CountingEmbedder(name))


@pytest.fixture
def source(mongo: MongoSettings):
    client = pymongo.MongoClient(mongo.mongo_uri, tz_aware=True)
    yield client[mongo.mongo_db][mongo.mongo_collection]
    client.close()


# --- sync ---
def test_sync_then_incremental_sync_with_the_stored_watermark(capsys, mongo, source, chroma_env):
    source.insert_many(make_catalog(40, inactive_every=10))
    code, first, _ = cli(capsys, "sync", "--json")
    assert code == 0
    assert (first["mode"], first["fetched"], first["added"], first["deleted"]) == ("initial", 40, 36, 0)
    assert first["watermark"] == "2026-01-01T00:39:00Z" and first["index_version"]

    later = make_product(0)["updatedAt"] + timedelta(days=1)
    source.update_one({"sku": "BS-T-00001"}, {"$set": {"status": "soldout", "updatedAt": later}})
    code, second, _ = cli(capsys, "sync", "--json")
    assert code == 0
    assert (second["mode"], second["since"], second["fetched"]) == ("incremental", first["watermark"], 2)
    assert (second["deleted"], second["added"] + second["updated"] + second["unchanged"]) == (1, 0)
    assert second["index_version"] != first["index_version"]
    assert open_store().count("products") == 35


def test_sync_prints_one_summary_line(capsys, mongo, source, chroma_env):
    source.insert_many(make_catalog(5))
    code, out, _ = cli(capsys, "sync", "--full")
    assert code == 0
    assert out.strip().splitlines()[-1].startswith("sync full: 5 fetched; 5 added, 0 updated, 0 unchanged, 0 deleted in ")


def test_since_and_dry_run(capsys, mongo, source, chroma_env):
    source.insert_many(make_catalog(10))
    code, result, _ = cli(capsys, "sync", "--since", "2026-01-01T00:05:00Z", "--dry-run", "--json")
    assert code == 0
    assert (result["mode"], result["fetched"], result["added"], result["dry_run"]) == ("since", 5, 5, True)
    assert open_store().count("products") == 0


def test_model_mismatch_is_a_config_error_and_full_rebuilds(capsys, mongo, source, chroma_env):
    source.insert_many(make_catalog(3))
    assert cli(capsys, "sync", embedder=CountingEmbedder("model-a"))[0] == 0
    code, _, err = cli(capsys, "sync", embedder=CountingEmbedder("model-b"))
    assert code == 2 and "model-a" in err and "model-b" in err
    code, result, _ = cli(capsys, "sync", "--full", "--json", embedder=CountingEmbedder("model-b"))
    assert code == 0 and result["added"] == 3
    assert open_store("model-b").count("products") == 3


# --- exit codes ---
def test_unreachable_mongodb_exits_3_with_one_clear_line(capsys, monkeypatch, chroma_env):
    port = free_port()
    monkeypatch.setenv("MONGO_URI", f"mongodb://app:secret@127.0.0.1:{port}")
    monkeypatch.setenv("MONGO_TIMEOUT_S", "0.5")
    code, result, err = cli(capsys, "sync", "--full", "--json")
    assert code == 3
    assert err.startswith(f"embedding-pipeline: MongoDB at mongodb://app:***@127.0.0.1:{port} did not answer within 0.5 s")
    assert len(err.strip().splitlines()) == 1 and "secret" not in err
    assert result["error"]["code"] == "unreachable"


def test_unreachable_chroma_server_exits_3(capsys, mongo, source, monkeypatch):
    monkeypatch.setenv("CHROMA_DB_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_DB_PORT", str(free_port()))
    source.insert_one(make_product(1))
    code, _, err = cli(capsys, "sync", "--full")
    assert code == 3 and "Chroma server at 127.0.0.1:" in err and "did not answer" in err


@pytest.mark.parametrize(
    ("env", "argv", "message"),
    [
        ({"MONGO_TIMEOUT_S": "soon"}, ["sync"], "MONGO_TIMEOUT_S"),
        ({"MONGO_URI": "http://nope"}, ["sync", "--full"], "MONGO_URI http://nope is not usable"),
        ({}, ["sync", "--since", "yesterday"], "--since 'yesterday' is not an ISO 8601 time"),
    ],
)
def test_configuration_errors_exit_2(capsys, monkeypatch, chroma_env, env, argv, message):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    code, _, err = cli(capsys, *argv)
    assert code == 2 and message in err


def test_bad_arguments_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(["sync", "--batch-size", "0"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit):
        run(["sync", "--full", "--since", "2026-01-01"])


# --- faq ---
def test_faq_ingests_a_csv_idempotently(capsys, chroma_env):
    path = DATA_DIR / "faq.csv"
    code, result, _ = cli(capsys, "faq", str(path), "--json")
    assert code == 0 and result["indexed"] == result["count"] == 72
    code, again, _ = cli(capsys, "faq", str(path), "--json")
    assert again["count"] == 72 and again["index_version"] != result["index_version"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title,body\n a,b\n", "lacks column(s) question, answer"),
        ("question,answer\n,\n", "has no rows with both a question and an answer"),
        (b"question,answer\n\xff\xfe,x\n", "is not UTF-8"),
    ],
)
def test_bad_faq_csv_exits_2(capsys, tmp_path, chroma_env, content, message):
    path = tmp_path / "faq.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    code, _, err = cli(capsys, "faq", str(path))
    assert code == 2 and message in err


def test_missing_faq_csv_exits_2(capsys, tmp_path, chroma_env):
    code, _, err = cli(capsys, "faq", str(tmp_path / "nope.csv"))
    assert code == 2 and "cannot read FAQ CSV" in err


# --- seed-mongo ---
def test_seed_mongo_loads_the_demo_catalog_with_bson_dates(capsys, mongo, source):
    code, result, _ = cli(capsys, "seed-mongo", "--json")
    assert code == 0 and result["seeded"] == 249
    assert cli(capsys, "seed-mongo")[0] == 0  # idempotent: upsert by sku
    assert source.count_documents({}) == 249
    assert type(source.find_one({"sku": "BS-SH-0001"})["updatedAt"]).__name__ == "datetime"
    code, result, _ = cli(capsys, "seed-mongo", "--drop", "--path", str(DATA_DIR / "products.json"), "--json")
    assert code == 0 and result["dropped"] and source.count_documents({}) == 249


def test_seed_mongo_with_a_bad_catalog_exits_2(capsys, mongo, tmp_path):
    bad = tmp_path / "products.json"
    bad.write_text('{"sku": "x"}')
    code, _, err = cli(capsys, "seed-mongo", "--path", str(bad))
    assert code == 2 and "must be a JSON array of products" in err
    code, _, err = cli(capsys, "seed-mongo", "--path", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read catalog" in err


def test_a_run_with_nothing_new_keeps_and_reports_the_watermark(capsys, mongo, source, chroma_env):
    source.insert_many(make_catalog(4))
    _, first, _ = cli(capsys, "sync", "--json")
    source.delete_one({"sku": "BS-T-00003"})  # the newest product: nothing is >= the watermark now
    code, second, _ = cli(capsys, "sync", "--json")
    assert code == 0 and second["fetched"] == 0
    assert second["watermark"] == first["watermark"] == "2026-01-01T00:03:00Z"
