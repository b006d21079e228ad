"""`ShopRetriever.retrieve()` latency with the dense side on Chroma vs in memory (issue 13).

Two production retrievers (`build_retriever`, hybrid) over one demo store embedded by the
offline default embedder: `DENSE_MEMORY_MAX_DOCS=0` (every dense ranking a Chroma query)
and the default (dense_memory.py). They take turns question by question (the order flips
every question) so a shared machine's load swings hit both alike. `cold`: the embedder's
query cache is cleared before each turn (the query embedding is timed too, as in a new
question); `cached`: the same question again (search, filters and fusion only). Also
counts Chroma queries per turn and checks that both return the same products and FAQ.

    .venv/bin/python bench/dense_memory_latency.py [--rounds 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from llm_server.config import Settings  # noqa: E402
from llm_server.rag.dense_memory import DenseMemory  # noqa: E402
from llm_server.rag.embeddings import build_embedder  # noqa: E402
from llm_server.rag.factory import build_retriever  # noqa: E402
from llm_server.rag.ingest import seed_demo_data  # noqa: E402
from llm_server.rag.korean import shared_tokenizer  # noqa: E402
from llm_server.rag.store import ChromaStore, connect  # noqa: E402

GOLDEN = ROOT / "bench" / "golden"
MODES = ("chroma", "memory")


def questions() -> list[str]:
    """The dev retrieval questions (products, filters, FAQ) and demo-FAQ dev questions."""
    rows = [json.loads(line) for line in (GOLDEN / "retrieval.jsonl").read_text().splitlines() if line.strip()]
    faq = [
        json.loads(line)
        for line in (GOLDEN / "demo_faq_questions_dev.jsonl").read_text().splitlines()
        if line.strip()
    ]
    return [r["q"] for r in rows] + [r["query"] for r in faq]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else 0.0


def timing(values: list[float]) -> dict:
    return {"n": len(values), "p50_ms": round(percentile(values, 0.5), 2), "p95_ms": round(percentile(values, 0.95), 2)}


class CountingStore:
    """Counts `query` calls on the store the retrievers share."""

    def __init__(self, store):
        self.calls = 0
        original = store.query

        def query(*args, **kwargs):
            self.calls += 1
            return original(*args, **kwargs)

        store.query = query


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="passes over the questions")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args(argv)
    out: dict = {"loadavg_start": os.getloadavg()}
    with tempfile.TemporaryDirectory() as workdir:
        settings = Settings(chroma_path=f"{workdir}/chroma")
        embedder = build_embedder(settings)
        store = ChromaStore(connect(settings), embedder)
        seed_demo_data(store, settings.products_collection, settings.faq_collection, settings.demo_data_dir)
        tokenizer = shared_tokenizer()
        retrievers = {
            "chroma": build_retriever(settings.model_copy(update={"dense_memory_max_docs": 0}), store, tokenizer),
            "memory": build_retriever(settings, store, tokenizer),
        }
        counter = CountingStore(store)
        texts = questions()
        out["questions"] = len(texts)
        out["collections"] = {name: store.count(name) for name in ("products", "faq", "faq__questions")}
        for retriever in retrievers.values():
            retriever.retrieve("워밍업 질문입니다")
        cold: dict[str, list[float]] = {m: [] for m in MODES}
        cached: dict[str, list[float]] = {m: [] for m in MODES}
        queries = {m: 0 for m in MODES}
        differ = 0
        for round_ in range(args.rounds):
            for i, text in enumerate(texts):
                order = MODES if (i + round_) % 2 == 0 else MODES[::-1]
                found = {}
                for mode in order:
                    embedder.cache_clear()
                    before = counter.calls
                    started = time.perf_counter()
                    result = retrievers[mode].retrieve(text)
                    cold[mode].append((time.perf_counter() - started) * 1000)
                    queries[mode] += counter.calls - before
                    started = time.perf_counter()
                    retrievers[mode].retrieve(text)
                    cached[mode].append((time.perf_counter() - started) * 1000)
                    found[mode] = ([p.sku for p in result.products], [f.id for f in result.faq])
                differ += found["chroma"] != found["memory"]
        turns = len(texts) * args.rounds
        reloads = []
        for _ in range(10):  # what a pipeline write costs the server: one whole reload
            started = time.perf_counter()
            DenseMemory(store, settings.dense_memory_max_docs).load(settings.products_collection)
            reloads.append((time.perf_counter() - started) * 1000)
        out["products_reload"] = timing(reloads)
        out["cold"] = {m: timing(cold[m]) for m in MODES}
        out["cached_embedding"] = {m: timing(cached[m]) for m in MODES}
        out["chroma_queries_per_cold_turn"] = {m: round(queries[m] / turns, 2) for m in MODES}
        out["turns_with_different_results"] = differ
    out["loadavg_end"] = os.getloadavg()
    text = json.dumps(out, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
