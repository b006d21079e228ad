"""`embedding-pipeline reindex`: rebuild aside, swap, readers keep answering (real embedded Chroma)."""

from __future__ import annotations

import json

import pytest

from embedding_pipeline.cli import run
from embedding_pipeline.reindex import BUILDING_SUFFIX, PREVIOUS_SUFFIX, exists, reindex
from llm_server.config import Settings
from llm_server.errors import EmbeddingModelMismatch
from llm_server.rag.ingest import index_faq, read_faq_csv
from llm_server.rag.questions import question_collection
from llm_server.rag.store import ChromaStore, connect
from tests.conftest import DATA_DIR
from tests.pipeline.helpers import CountingEmbedder

FAQ = read_faq_csv(DATA_DIR / "faq.csv")


def store_with(name: str) -> ChromaStore:
    return ChromaStore(connect(Settings()), CountingEmbedder(name))


def cli(capsys, *argv: str, model: str) -> tuple[int, dict | str, str]:
    code = run(list(argv), make_embedder=lambda settings: CountingEmbedder(model))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if "--json" in argv and out.strip() else out), err


def collection_names(store: ChromaStore) -> set[str]:
    """Less the FAQ question collection index_faq derives (rag/questions.py)."""
    return {c.name for c in store.client.list_collections()} - {question_collection("faq")}


@pytest.fixture
def old_faq(chroma_env) -> ChromaStore:
    """The demo FAQ indexed with 'model-a', with a watermark-like metadata entry."""
    store = store_with("model-a")
    index_faq(store, "faq", FAQ)
    store.set_meta("faq", sync_watermark="2026-01-01T00:00:00Z")
    return store


def test_reindex_rebuilds_for_the_new_model_and_keeps_documents_and_metadata(capsys, old_faq):
    before = {h.id: (h.document, h.metadata["question"]) for h in old_faq.iter_all("faq")}
    old_version = old_faq.version("faq")
    code, result, err = cli(capsys, "reindex", "--json", model="model-b")
    assert code == 0, err
    [faq] = [c for c in result["collections"] if c["collection"] == "faq"]
    assert (faq["from_model"], faq["to_model"], faq["documents"], faq["swapped"]) == (
        "model-a", "model-b", len(before), True,
    )
    new = store_with("model-b")
    after = {h.id: (h.document, h.metadata["question"]) for h in new.iter_all("faq")}
    assert after == before
    assert {h.metadata["embedding_model"] for h in new.iter_all("faq")} == {"model-b"}
    assert new.get_meta("faq", "sync_watermark") == "2026-01-01T00:00:00Z"
    assert new.version("faq") not in ("", old_version)  # readers' BM25 index notices
    assert collection_names(new) == {"faq"}  # nothing left aside; no products collection made
    with pytest.raises(EmbeddingModelMismatch):
        store_with("model-a").collection("faq")


def test_reindex_of_the_faq_rebuilds_its_question_collection_for_the_new_model(capsys, old_faq):
    code, result, err = cli(capsys, "reindex", "--json", "--collection", "faq", model="model-b")
    assert code == 0, err
    [faq] = result["collections"]
    assert faq["questions"] == {"added_or_updated": len(old_faq.client.get_collection("faq").get()["ids"]), "removed": 0}
    new = store_with("model-b")
    questions = new.collection(question_collection("faq"))  # raises on a model mismatch
    assert questions.count() == new.client.get_collection("faq").count()


def test_dense_search_works_with_the_new_model_after_reindex(capsys, old_faq):
    assert cli(capsys, "reindex", model="model-b")[0] == 0
    new = store_with("model-b")
    hits = new.query("faq", new.embedder.embed_query("배송비는 얼마인가요?"), 1)
    assert hits[0].metadata["question"] == "배송비는 얼마인가요?"


def test_nothing_to_do_when_already_built_with_the_model(capsys, old_faq):
    code, out, _ = cli(capsys, "reindex", "--collection", "faq", model="model-a")
    assert code == 0 and "'faq' already built with model-a (use --force to rebuild)" in out


def test_readers_keep_answering_during_the_build_and_after_the_swap(old_faq):
    """A server holding the live collection answers from it while the new one is built,
    and (same model, e.g. after a token-budget change) right after the swap too."""
    reader = store_with("model-a")
    query = reader.embedder.embed_query("배송비는 얼마인가요?")
    during: list[str] = []

    def on_progress(_done: int) -> None:
        during.append(reader.query("faq", query, 1)[0].metadata["question"])

    result = reindex(store_with("model-a"), "faq", batch_size=10, on_progress=on_progress, force=True)
    assert result.swapped and len(during) == -(-len(FAQ) // 10)
    assert set(during) == {"배송비는 얼마인가요?"}
    assert reader.query("faq", query, 1)[0].metadata["question"] == "배송비는 얼마인가요?"
    assert reader.count("faq") == len(FAQ)


def test_a_failed_build_leaves_the_live_collection_untouched(old_faq):
    failing = ChromaStore(connect(Settings()), CountingEmbedder("model-b", fail_on_call=2))
    with pytest.raises(RuntimeError, match="embedder crashed"):
        reindex(failing, "faq", batch_size=10)
    assert collection_names(old_faq) == {"faq"}
    assert store_with("model-a").count("faq") == len(FAQ)


def test_keep_previous_leaves_the_old_collection_for_a_rollback(old_faq):
    result = reindex(store_with("model-b"), "faq", keep_previous=True)
    assert result.kept_previous == "faq" + PREVIOUS_SUFFIX
    assert collection_names(old_faq) == {"faq", "faq" + PREVIOUS_SUFFIX}
    assert store_with("model-a").count("faq" + PREVIOUS_SUFFIX) == len(FAQ)


def test_a_leftover_build_from_a_killed_run_is_replaced(old_faq):
    leftover = store_with("model-b")
    leftover.upsert("faq" + BUILDING_SUFFIX, ids=["stale"], documents=["낡은 문서"], metadatas=[{"question": "x"}])
    reindex(store_with("model-b"), "faq")
    assert not exists(leftover, "faq" + BUILDING_SUFFIX)
    assert "stale" not in {h.id for h in store_with("model-b").iter_all("faq")}


def test_reindex_of_a_missing_collection_exits_2(capsys, chroma_env):
    code, _, err = cli(capsys, "reindex", "--collection", "nope", model="model-b")
    assert code == 2 and "collection 'nope' does not exist" in err
