"""The incremental BM25 index: scores, updates and deletes in place."""

import math

from llm_server.rag.bm25 import BM25Index


def make_index() -> BM25Index:
    index = BM25Index()
    index.upsert("a", ["린넨", "셔츠", "여름"], {"price": 29000}, "h1")
    index.upsert("b", ["울", "코트", "겨울"], {"price": 150000}, "h2")
    index.upsert("c", ["린넨", "바지"], {"price": 45000}, "h3")
    return index


def test_ranks_the_document_with_more_query_terms_first():
    index = make_index()
    assert [doc_id for doc_id, _ in index.search(["린넨", "셔츠"], 3)] == ["a", "c"]


def test_rare_terms_weigh_more_than_common_ones():
    index = make_index()
    assert index.idf("셔츠") > index.idf("린넨")
    assert math.isclose(index.idf("셔츠"), math.log(1 + (3 - 1 + 0.5) / 1.5))


def test_accept_filters_candidates_before_ranking():
    index = make_index()
    hits = index.search(["린넨"], 5, accept=lambda doc_id: index.metadata(doc_id)["price"] > 30000)
    assert [doc_id for doc_id, _ in hits] == ["c"]


def test_upsert_replaces_and_remove_deletes_postings():
    index = make_index()
    index.upsert("a", ["면", "티셔츠"], {"price": 19000}, "h1b")
    assert [d for d, _ in index.search(["셔츠"], 5)] == []
    assert [d for d, _ in index.search(["티셔츠"], 5)] == ["a"]
    assert index.fingerprints()["a"] == "h1b"
    assert index.remove("c") and not index.remove("c")
    assert "바지" not in index.vocabulary() and len(index) == 2


def test_coverage_and_matched_share_measure_known_query_terms():
    index = make_index()
    assert index.coverage(["린넨", "셔츠"]) == 1.0
    assert index.coverage(["날씨", "주식"]) == 0.0
    assert 0 < index.matched_share(["린넨", "날씨"], "a") < 1
    assert index.matched_share(["린넨", "셔츠"], "a") == 1.0
