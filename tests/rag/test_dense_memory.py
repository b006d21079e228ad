"""The in-memory dense search (dense_memory.py) returns what a Chroma query returns.

Every comparison asks the real Chroma (`store.query`) and the mirror the same question
over the demo catalog, FAQ and FAQ-question collections: same ids in the same order
(equal similarities may come in either order from Chroma: compared as groups), the same
similarity within 1e-5, with and without filters, and after another client writes.
"""

from __future__ import annotations

import itertools
import json

import pytest

from llm_server.config import Settings
from llm_server.protocol import Filters
from llm_server.rag.dense_memory import DenseMemory, where_accepts
from llm_server.rag.factory import build_retriever
from llm_server.rag.filters import parse_query
from llm_server.rag.ingest import index_products
from llm_server.rag.questions import QuestionMirror, question_collection
from llm_server.rag.retriever import DenseSearcher
from llm_server.rag.store import ChromaStore, chroma_where
from tests.conftest import DATA_DIR
from tests.fakes import HashEmbedder
from tests.rag.conftest import chroma_client, seeded_store

TOLERANCE = 1e-5
QUESTIONS = [
    "린넨 셔츠", "여름에 입기 좋은 시원한 원피스", "따뜻한 겨울 코트 추천", "검정 청바지", "흰색 반팔 티셔츠",
    "캔버스 백팩", "출근용 슬랙스", "니트 가디건", "배송비는 얼마인가요?", "교환 반품 방법",
    "How long does delivery take?", "세탁기로 빨아도 되나요", "3만원 이하 원피스", "5만원대 자켓",
    "L 사이즈 재고 있는 바지", "허리 30 청바지", "제일 싼 티셔츠", "프리사이즈 가방", "2만원 이상 니트",
    "XL 셔츠 3만원 이하", "", "ㅋㅋ", "아우터 10만원대",
]
#: Filters the parser does not produce from one question (exclusions, several categories).
EXTRA_FILTERS = [
    Filters(exclude_colors=("블랙",)),
    Filters(exclude_colors=("화이트", "블랙"), categories=("티셔츠",)),
    Filters(colors=("네이비", "베이지")),
    Filters(categories=("상의", "하의"), sizes=("M", "32"), in_stock=True),
    Filters(exclude_skus=("BS-BG-0001", "BS-TS-0001"), price_min=10000, price_max=60000),
    Filters(price_min=49000, price_max=49000),
    Filters(categories=("없는범주",)),
]


def demo_filters() -> list[Filters | None]:
    parsed = [parse_query(q).filters for q in QUESTIONS]
    return [None, *[f for f in parsed if chroma_where(f) is not None], *EXTRA_FILTERS]


def assert_same_hits(chroma, memory, context="", everything=None):
    """Same hits; when the last group of equal similarities was cut at `n`, Chroma may
    have kept other members of it: those must be ties in `everything` (the full ranking)."""
    assert memory is not None, context
    assert len(memory) == len(chroma), context
    for got, want in zip(memory, chroma, strict=True):
        assert got.similarity == pytest.approx(want.similarity, abs=TOLERANCE), context
    mine, theirs = _groups(memory), _groups(chroma)
    if everything is not None and len(everything) > len(memory) and mine:
        full = {h.id: h.similarity for h in everything}
        cut = memory[-1].similarity
        for hit in _ordered_groups(chroma)[-1]:
            assert full[hit.id] == pytest.approx(cut, abs=1e-6), context
        mine, theirs = mine[:-1], theirs[:-1]
    assert mine == theirs, context
    kept = {i for group in mine for i in group}
    metadata = {h.id: h.metadata for h in chroma if h.id in kept}
    assert {h.id: h.metadata for h in memory if h.id in kept} == metadata, context
    # equal similarities come by id
    assert [(-h.similarity, h.id) for h in memory] == sorted((-h.similarity, h.id) for h in memory), context


def _ordered_groups(hits):
    groups, current = [], []
    for hit in hits:
        if current and abs(current[-1].similarity - hit.similarity) > 1e-6:
            groups.append(current)
            current = []
        current.append(hit)
    return [*groups, current] if current else groups


def _groups(hits):
    return [sorted(h.id for h in group) for group in _ordered_groups(hits)]


def compare_collection(store, memory, name, texts, filter_sets=(None,), n=20):
    compared = nonempty = 0
    for text, filters in itertools.product(texts, filter_sets):
        vector = store.embedder.embed_query(text)
        chroma = store.query(name, vector, n, filters)
        everything = memory.query(name, vector, 100_000, filters)
        assert_same_hits(chroma, memory.query(name, vector, n, filters), f"{name} {text!r} {filters}", everything)
        compared += 1
        nonempty += bool(chroma)
    return compared, nonempty


@pytest.fixture(scope="module")
def hash_store(tmp_path_factory):
    store = seeded_store(tmp_path_factory.mktemp("dense-memory"), HashEmbedder())
    QuestionMirror(store, "faq").refresh(force=True)
    return store


def test_products_match_chroma_with_and_without_filters(hash_store):
    memory = DenseMemory(hash_store, max_docs=50_000)
    filter_sets = demo_filters()
    assert len(filter_sets) >= 15
    compared, nonempty = compare_collection(hash_store, memory, "products", QUESTIONS, filter_sets)
    assert compared == len(QUESTIONS) * len(filter_sets)
    assert nonempty > compared * 0.6  # the filters leave products to compare
    # deeper than the searchers ask and deeper than the catalog
    compare_collection(hash_store, memory, "products", QUESTIONS[:3], [None, Filters(in_stock=True)], n=400)


def test_faq_and_question_collections_match_chroma(hash_store):
    memory = DenseMemory(hash_store, max_docs=50_000)
    faq_questions = [h.metadata["question"] for h in hash_store.iter_all("faq", documents=False)]
    assert len(faq_questions) > 50
    texts = QUESTIONS + faq_questions[::3]
    compare_collection(hash_store, memory, "faq", texts)
    compare_collection(hash_store, memory, question_collection("faq"), texts, n=5)


def test_where_is_chromas_not_filters_matches(hash_store):
    """Excluding a colour: Chroma's clause reads the first colour only, Filters.matches
    every colour; the mirror must follow Chroma (it serves Chroma's callers)."""
    metas = [h.metadata for h in hash_store.iter_all("products", documents=False)]
    exclude = Filters(exclude_colors=("블랙",))
    where = chroma_where(exclude)
    kept = {m["sku"] for m in metas if where_accepts(where, m)}
    assert kept == {h.metadata["sku"] for h in hash_store.get("products", filters=exclude, documents=False)}
    assert where_accepts(None, metas[0]) and not where_accepts({"price": {"$gte": "1"}}, metas[0])
    assert not where_accepts({"in_stock": 1}, {**metas[0], "in_stock": True})


def test_the_mirror_picks_up_another_clients_writes(tmp_path):
    store = seeded_store(tmp_path / "chroma", HashEmbedder())
    clock = [0.0]
    memory = DenseMemory(store, max_docs=50_000, refresh_interval_s=2.0, clock=lambda: clock[0])
    query = store.embedder.embed_query("린넨 오버핏 셔츠 아이보리")
    assert "T-NEW-1" not in {h.id for h in memory.query("products", query, 5)}

    pipeline = ChromaStore(chroma_client(tmp_path / "chroma"), HashEmbedder())  # as the pipeline opens it
    demo = json.loads((DATA_DIR / "products.json").read_text())
    new = {**demo[0], "sku": "T-NEW-1", "name": "린넨 오버핏 셔츠 (아이보리)", "category": ["상의", "셔츠"],
           "description": "린넨 오버핏 셔츠 아이보리", "stock": {"M": 3}}
    removed = demo[1]["sku"]
    index_products(pipeline, "products", [new])
    pipeline.delete("products", [removed])
    pipeline.bump_version("products")

    clock[0] = 1.0  # within the throttle: still the old snapshot
    assert "T-NEW-1" not in {h.id for h in memory.query("products", query, 5)}
    clock[0] = 3.0
    hits = memory.query("products", query, 5)
    assert hits[0].id == "T-NEW-1"
    assert_same_hits(store.query("products", query, 5), hits)
    everything = memory.query("products", query, 1000)
    assert removed not in {h.id for h in everything}
    assert len(everything) == store.count("products")
    compare_collection(store, memory, "products", QUESTIONS[:8], [None, Filters(sizes=("M",))])


def test_an_empty_collection_then_its_first_products(empty_store, tmp_path):
    memory = DenseMemory(empty_store, max_docs=50_000, refresh_interval_s=0)
    vector = empty_store.embedder.embed_query("셔츠")
    assert memory.query("products", vector, 5) == [] == empty_store.query("products", vector, 5)
    demo = json.loads((DATA_DIR / "products.json").read_text())[:30]
    index_products(ChromaStore(chroma_client(tmp_path / "chroma"), HashEmbedder()), "products", demo)
    assert_same_hits(empty_store.query("products", vector, 5), memory.query("products", vector, 5))


def test_large_collections_and_off_ask_chroma(hash_store):
    vector = hash_store.embedder.embed_query("린넨 셔츠")
    small = DenseMemory(hash_store, max_docs=10)
    assert small.query("products", vector, 5) is None
    assert DenseMemory(hash_store, max_docs=0).query("products", vector, 5) is None
    searcher = DenseSearcher(hash_store, memory=small)
    direct = DenseSearcher(hash_store)
    assert [p.sku for p in searcher.search_products("린넨 셔츠", 5)] == [
        p.sku for p in direct.search_products("린넨 셔츠", 5)
    ]


def test_the_production_retriever_never_queries_chroma(hash_store, tokenizer, monkeypatch):
    retriever = build_retriever(Settings(), hash_store, tokenizer)
    dense = retriever.searcher.dense
    assert dense.memory is not None and dense.memory.enabled
    expected = {q: [p.sku for p in retriever.retrieve(q).products] for q in QUESTIONS}

    def no_query(*args, **kwargs):
        raise AssertionError("a Chroma query on a mirrored collection")

    monkeypatch.setattr(hash_store, "query", no_query)
    retriever.refresh(force=True)  # the admin's forced refresh reaches the mirror
    assert {q: [p.sku for p in retriever.retrieve(q).products] for q in QUESTIONS} == expected
    assert set(dense.memory._snapshots) == {"products", "faq", question_collection("faq")}
    off = build_retriever(Settings(dense_memory_max_docs=0), hash_store, tokenizer)
    with pytest.raises(AssertionError, match="Chroma query"):
        off.retrieve("린넨 셔츠")


@pytest.mark.slow
def test_real_embedder_rankings_match_chroma(real_store):
    QuestionMirror(real_store, "faq").refresh(force=True)
    memory = DenseMemory(real_store, max_docs=50_000)
    compared, nonempty = compare_collection(real_store, memory, "products", QUESTIONS, demo_filters())
    assert nonempty > compared * 0.6
    compare_collection(real_store, memory, "faq", QUESTIONS)
    compare_collection(real_store, memory, question_collection("faq"), QUESTIONS, n=20)


def test_a_store_without_vectors_to_read_is_asked_directly(hash_store):
    class NoVectors:
        """Delegates to the real store but cannot list its vectors."""

        def __init__(self, real):
            self.real = real

        def __getattr__(self, name):
            return getattr(self.real, name)

        def get_embeddings(self, *args, **kwargs):
            raise NotImplementedError

    memory = DenseMemory(NoVectors(hash_store), max_docs=50_000)
    assert memory.query("products", hash_store.embedder.embed_query("셔츠"), 3) is None
    assert not memory.enabled
