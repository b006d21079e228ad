"""Retrieval evaluation on the golden set (and on the real SmartStore FAQ when present).

    .venv/bin/python bench/retrieval_eval.py [--smartstore-limit 300] [--json out.json]

Indexes the demo catalog + FAQ into a temporary Chroma (real MiniLM embedder, real Kiwi)
and prints, per retriever (dense, bm25, hybrid): hit@1, hit@5 and MRR@10 on the golden
FAQ and product questions; filter parsing accuracy and filter precision (share of
returned products that satisfy the parsed filters); topic-gate accuracy; and retrieval
p50/p95 latency of `ShopRetriever.retrieve`. When ../shared/data/smartstore_faq.csv
exists it also indexes those 2,717 real FAQ entries into a temporary collection and
reports hit@k and latency on queries derived from them (the question without its
`[category]` prefix).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from llm_server.config import Settings  # noqa: E402
from llm_server.rag import store as vector_store  # noqa: E402
from llm_server.rag.embeddings import build_embedder  # noqa: E402
from llm_server.rag.factory import build_searcher  # noqa: E402
from llm_server.rag.filters import chroma_where, parse_query, product_satisfies  # noqa: E402
from llm_server.rag.ingest import index_faq, read_faq_csv, seed_demo_data  # noqa: E402
from llm_server.rag.korean import shared_tokenizer  # noqa: E402
from llm_server.rag.lexical import BM25Searcher  # noqa: E402
from llm_server.rag.retriever import Collections, DenseSearcher, ShopRetriever  # noqa: E402
from llm_server.rag.topic import TopicGate  # noqa: E402

GOLDEN = ROOT / "bench" / "golden" / "retrieval.jsonl"
SMARTSTORE = ROOT.parent / "shared" / "data" / "smartstore_faq.csv"
MODES = ("dense", "bm25", "hybrid")
EXPECTED_INTENT = {"on": "shop", "off": "off_topic", "greeting": "greeting", "thanks": "thanks"}


def load_golden(path: Path = GOLDEN) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return (
        ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else 0.0
    )


def rank_of(found: list[str], expected: set[str]) -> int | None:
    return next((i for i, item in enumerate(found, start=1) if item in expected), None)


def ranking_metrics(ranks: list[int | None]) -> dict:
    n = len(ranks) or 1
    return {
        "n": len(ranks),
        "hit@1": round(sum(1 for r in ranks if r == 1) / n, 3),
        "hit@5": round(sum(1 for r in ranks if r and r <= 5) / n, 3),
        "mrr@10": round(sum(1 / r for r in ranks if r and r <= 10) / n, 3),
    }


# --- the stack ---
class Stack:
    def __init__(self, store, collections: Collections, threshold: float):
        tokenizer = shared_tokenizer()
        self.lexical = BM25Searcher(store, collections, tokenizer)
        self.lexical.build()
        self.dense = DenseSearcher(store, collections)
        self.searchers = {mode: build_searcher(mode, self.dense, self.lexical) for mode in MODES}
        gate = TopicGate(tokenizer, self.lexical, threshold)
        self.retrievers = {
            mode: ShopRetriever(searcher, lexical=self.lexical, gate=gate)
            for mode, searcher in self.searchers.items()
        }


def open_store(workdir: str):
    settings = Settings(chroma_path=f"{workdir}/chroma")
    return settings, vector_store.VectorStore(vector_store.connect(settings), build_embedder(settings, threads=0))


# --- golden-set measurements ---
def eval_ranking(stack: Stack, rows: list[dict]) -> dict:
    results = {}
    for mode, searcher in stack.searchers.items():
        faq_ranks, product_ranks = [], []
        for row in rows:
            if row["kind"] == "faq":
                found = [f["question"] for f in searcher.search_faq(row["q"], 10)]
                faq_ranks.append(rank_of(found, {row["expect_faq"]}))
            elif row["kind"] == "product":
                where = chroma_where(parse_query(row["q"]).filters)
                found = [p["sku"] for p in searcher.search_products(row["q"], 10, where)]
                product_ranks.append(rank_of(found, set(row["expect_skus"])))
        results[mode] = {
            "faq": ranking_metrics(faq_ranks),
            "products": ranking_metrics(product_ranks),
            "all": ranking_metrics(faq_ranks + product_ranks),
        }
    return results


def eval_filters(stack: Stack, rows: list[dict]) -> dict:
    rows = [r for r in rows if r["kind"] == "filter"]
    parsed_ok = sum(1 for r in rows if parse_query(r["q"]).filters == r["filters"])
    out = {"n": len(rows), "parse_accuracy": round(parsed_ok / (len(rows) or 1), 3)}
    for mode, retriever in stack.retrievers.items():
        returned = satisfied = alternatives = 0
        for row in rows:
            result = retriever.retrieve(row["q"])
            if result.alternatives:
                alternatives += 1
                continue
            returned += len(result.products)
            satisfied += sum(1 for p in result.products if product_satisfies(result.filters, p))
        out[mode] = {
            "precision": round(satisfied / returned, 3) if returned else None,
            "products": returned,
            "alternatives_answers": alternatives,
        }
    return out


def eval_topic(stack: Stack, rows: list[dict]) -> dict:
    rows = [r for r in rows if r["kind"] == "topic"]
    retriever = stack.retrievers["hybrid"]
    wrong = []
    for row in rows:
        intent = retriever.retrieve(row["q"]).intent
        if intent != EXPECTED_INTENT[row["topic"]]:
            wrong.append({"q": row["q"], "expected": row["topic"], "got": intent})
    return {"n": len(rows), "accuracy": round(1 - len(wrong) / (len(rows) or 1), 3), "wrong": wrong}


def eval_latency(stack: Stack, rows: list[dict]) -> dict:
    """One cold turn per golden question (each distinct text embeds once, as in production)."""
    out = {}
    for mode, retriever in stack.retrievers.items():
        stack.dense._cache.clear()
        retriever.retrieve("워밍업 질문입니다")
        timings = []
        for row in rows:
            started = time.perf_counter()
            retriever.retrieve(row["q"])
            timings.append((time.perf_counter() - started) * 1000)
        out[mode] = {
            "n": len(timings),
            "p50_ms": round(percentile(timings, 0.5), 1),
            "p95_ms": round(percentile(timings, 0.95), 1),
        }
    out["embed_query"] = _embed_latency(stack, rows)
    return out


def _embed_latency(stack: Stack, rows: list[dict]) -> dict:
    timings = []
    for row in rows[:60]:
        started = time.perf_counter()
        stack.dense.store.embedder.embed_query(row["q"] + " ")
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": round(percentile(timings, 0.5), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
    }


# --- SmartStore FAQ (real third-party data, read in place, never copied) ---
def smartstore_query(question: str) -> str:
    return re.sub(r"^\s*\[[^\]]*\]\s*", "", question).strip()


def eval_smartstore(store, limit: int, threshold: float) -> dict | None:
    if not SMARTSTORE.exists():
        return None
    entries = read_faq_csv(SMARTSTORE)
    started = time.perf_counter()
    index_faq(store, "smartstore_faq", entries)
    ingest_s = time.perf_counter() - started
    stack = Stack(store, Collections(products="products", faq="smartstore_faq"), threshold)
    sample = random.Random(7).sample(entries, min(limit, len(entries)))
    out = {"entries": len(entries), "ingest_s": round(ingest_s, 1), "queries": len(sample)}
    for mode, searcher in stack.searchers.items():
        ranks, timings = [], []
        for entry in sample:
            started = time.perf_counter()
            found = [
                f["question"] for f in searcher.search_faq(smartstore_query(entry["question"]), 10)
            ]
            timings.append((time.perf_counter() - started) * 1000)
            ranks.append(rank_of(found, {entry["question"]}))
        out[mode] = {
            **ranking_metrics(ranks),
            "p50_ms": round(percentile(timings, 0.5), 1),
            "p95_ms": round(percentile(timings, 0.95), 1),
        }
    return out


# --- report ---
def report(results: dict) -> str:
    lines = [
        "| retriever | FAQ hit@1 | FAQ hit@5 | FAQ MRR | product hit@1 | product hit@5 | product MRR | all hit@5 | all MRR |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for mode in MODES:
        r = results["ranking"][mode]
        lines.append(
            f"| {mode} | {r['faq']['hit@1']} | {r['faq']['hit@5']} | {r['faq']['mrr@10']} | {r['products']['hit@1']} | "
            f"{r['products']['hit@5']} | {r['products']['mrr@10']} | {r['all']['hit@5']} | {r['all']['mrr@10']} |"
        )
    f = results["filters"]
    lines += ["", f"filters: {f['n']} questions, parse accuracy {f['parse_accuracy']}"]
    lines += [
        f"  {m}: precision {f[m]['precision']} over {f[m]['products']} products ({f[m]['alternatives_answers']} answers were marked alternatives)"
        for m in MODES
    ]
    t = results["topic"]
    lines += [
        "",
        f"topic gate: accuracy {t['accuracy']} on {t['n']} labelled questions; wrong: {t['wrong']}",
    ]
    lines += ["", "retrieve() latency, one cold turn per golden question:"]
    lines += [
        f"  {m}: p50 {results['latency'][m]['p50_ms']} ms, p95 {results['latency'][m]['p95_ms']} ms"
        for m in MODES
    ]
    lines.append(
        f"  embed_query alone: {results['latency']['embed_query']} (torch threads: {results['torch_threads']})"
    )
    s = results.get("smartstore", "not run")
    if s == "not run":
        lines += ["", "smartstore: not run (--smartstore-limit 0)"]
    elif s is None:
        lines += ["", f"smartstore: skipped ({SMARTSTORE} not found)"]
    else:
        lines += [
            "",
            f"smartstore FAQ: {s['entries']} entries indexed in {s['ingest_s']} s; {s['queries']} queries",
        ]
        lines += [
            f"  {m}: hit@1 {s[m]['hit@1']}, hit@5 {s[m]['hit@5']}, MRR {s[m]['mrr@10']}, search_faq p50 {s[m]['p50_ms']} ms, p95 {s[m]['p95_ms']} ms"
            for m in MODES
        ]
    return "\n".join(lines)


def _torch_threads() -> int:
    import torch

    return torch.get_num_threads()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--smartstore-limit",
        type=int,
        default=300,
        help="queries sampled from the SmartStore FAQ (0: skip)",
    )
    parser.add_argument("--threshold", type=float, default=Settings().topic_gate_threshold)
    parser.add_argument("--json", type=Path, help="also write the numbers as JSON")
    parser.add_argument(
        "--torch-threads", type=int, default=0, help="torch intra-op threads (0: default)"
    )
    parser.add_argument(
        "--workdir", help="keep the index here between runs (default: a temporary directory)"
    )
    args = parser.parse_args(argv)
    rows = load_golden()
    if args.torch_threads:
        import torch

        torch.set_num_threads(args.torch_threads)
    with tempfile.TemporaryDirectory() as scratch:
        _settings, store = open_store(args.workdir or scratch)
        seed_demo_data(store, "products", "faq", ROOT / "data")
        stack = Stack(store, Collections(), args.threshold)
        results = {
            "ranking": eval_ranking(stack, rows),
            "filters": eval_filters(stack, rows),
            "topic": eval_topic(stack, rows),
            "latency": eval_latency(stack, rows),
        }
        if args.smartstore_limit > 0:
            results["smartstore"] = eval_smartstore(store, args.smartstore_limit, args.threshold)
    results["torch_threads"] = _torch_threads()
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
