"""The BM25 index follows writes made through another client (the pipeline) without rebuilding."""

import time

from llm_server.rag.ingest import index_faq, index_products
from llm_server.rag.lexical import BM25Searcher
from llm_server.rag.store import ChromaStore, VectorStore
from tests.fakes import HashEmbedder
from tests.rag.conftest import chroma_client

PRODUCT = {
    "sku": "T-LINEN-1",
    "name": "린넨 오버핏 셔츠 (아이보리)",
    "category": ["상의", "셔츠"],
    "description": "통기성이 좋은 린넨 셔츠입니다.",
    "price": 29000,
    "stock": {"M": 3, "L": 0},
    "status": "active",
}


class CountingTokenizer:
    """Wraps the real tokenizer and counts the texts it tokenizes."""

    def __init__(self, real):
        self.real = real
        self.calls = 0

    def load(self):
        self.real.load()

    def terms(self, text):
        self.calls += 1
        return self.real.terms(text)


def writer(tmp_path) -> VectorStore:
    """A second client on the same database, as the embedding pipeline would open."""
    return ChromaStore(chroma_client(tmp_path / "chroma"), HashEmbedder())


def test_build_then_add_update_delete_are_incremental(empty_store, tmp_path, tokenizer):
    index_products(
        empty_store,
        "products",
        [
            PRODUCT,
            {
                **PRODUCT,
                "sku": "T-COAT-1",
                "name": "울 코트",
                "category": ["아우터", "코트"],
                "description": "따뜻한 울 코트.",
            },
        ],
    )
    counting = CountingTokenizer(tokenizer)
    searcher = BM25Searcher(empty_store, tokenizer=counting, refresh_interval_s=0)
    searcher.build()
    assert [p.sku for p in searcher.search_products("린넨 셔츠", 5)] == ["T-LINEN-1"]

    pipeline = writer(tmp_path)
    index_products(
        pipeline,
        "products",
        [
            {
                **PRODUCT,
                "sku": "T-KNIT-1",
                "name": "캐시미어 니트",
                "category": ["상의", "니트"],
                "description": "부드러운 니트.",
            }
        ],
    )
    index_products(
        pipeline, "products", [{**PRODUCT, "description": "시원한 여름용 린넨 셔츠입니다."}]
    )
    pipeline.delete("products", ["T-COAT-1"])
    pipeline.bump_version("products")
    counting.calls = 0

    assert [p.sku for p in searcher.search_products("캐시미어 니트", 5)] == ["T-KNIT-1"]
    assert counting.calls == 2 + 1  # the new and the changed product, then the query itself
    assert searcher.search_products("울 코트", 5) == []
    assert searcher.search_products("여름용", 5)[0].sku == "T-LINEN-1"


def test_unchanged_version_costs_no_resync(empty_store, tokenizer):
    index_products(empty_store, "products", [PRODUCT])
    counting = CountingTokenizer(tokenizer)
    searcher = BM25Searcher(empty_store, tokenizer=counting, refresh_interval_s=0)
    searcher.build()
    counting.calls = 0
    for _ in range(3):
        searcher.search_products("린넨", 5)
    assert counting.calls == 3  # only the queries


def test_version_checks_are_throttled(empty_store, tmp_path, tokenizer):
    index_products(empty_store, "products", [PRODUCT])
    now = [100.0]
    searcher = BM25Searcher(
        empty_store, tokenizer=tokenizer, refresh_interval_s=2.0, clock=lambda: now[0]
    )
    searcher.build()
    new = {**PRODUCT, "sku": "T-NEW-1", "name": "모헤어 가디건", "description": "포근한 가디건."}
    index_products(writer(tmp_path), "products", [new])
    now[0] += 1.9
    assert (
        searcher.search_products("모헤어 가디건", 5) == []
    )  # within the interval: not checked yet
    now[0] += 0.2
    assert [p.sku for p in searcher.search_products("모헤어 가디건", 5)] == ["T-NEW-1"]


def test_the_running_retriever_sees_pipeline_writes_without_a_restart(
    empty_store, tmp_path, tokenizer
):
    from llm_server.config import Settings
    from llm_server.rag.factory import build_retriever

    index_products(empty_store, "products", [PRODUCT])
    retriever = build_retriever(Settings(retrieval_mode="hybrid"), empty_store, tokenizer)
    assert (
        retriever.retrieve("모헤어 가디건 추천").products[0].sku == "T-LINEN-1"
    )  # the only product
    new = {**PRODUCT, "sku": "T-NEW-1", "name": "모헤어 가디건", "description": "포근한 가디건."}
    index_products(writer(tmp_path), "products", [new])
    time.sleep(2.1)  # the production check interval
    assert retriever.retrieve("모헤어 가디건 추천").products[0].sku == "T-NEW-1"


def test_faq_csv_imports_are_picked_up(empty_store, tmp_path, tokenizer):
    searcher = BM25Searcher(empty_store, tokenizer=tokenizer, refresh_interval_s=0)
    searcher.build()
    assert searcher.search_faq("선물 포장", 3) == []
    csv_path = tmp_path / "faq.csv"
    csv_path.write_text(
        "question,answer,category\n선물 포장이 되나요?,네 2천원에 선물 포장해 드려요.,배송\n",
        encoding="utf-8",
    )
    from llm_server.rag.ingest import read_faq_csv

    index_faq(writer(tmp_path), "faq", read_faq_csv(csv_path))
    hits = searcher.search_faq("선물 포장", 3)
    assert [h.question for h in hits] == ["선물 포장이 되나요?"]
