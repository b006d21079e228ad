"""Retrieval quality and latency vs catalog size (1k / 10k / 50k products).

    .venv/bin/python bench/retrieval_scale.py [--sizes 1000,10000,50000] [--json FILE]

Each catalog is built like bench/pipeline.py's: variants of the demo catalog (data/products.json)
with a numbered name, sku and price step, plus the demo FAQ, embedded with the server's
embedder into a fresh embedded Chroma, then searched through the server's retriever
(topic gate, filter parsing, hybrid BM25 + dense) with the 25 product questions of
bench/golden/retrieval.jsonl. A hit is a top-5 product that is the expected product or one
of its variants, so the variants are near-duplicate distractors: the figures show whether
ranking and latency hold as the index grows (BM25 statistics, HNSW recall, filter scans),
not how well a truly different catalog is searched.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pipeline import generate  # noqa: E402
from results_io import write_result  # noqa: E402

GOLDEN = ROOT / "bench" / "golden" / "retrieval.jsonl"
NOTE = ("Catalogs are variants of the 221 demo products (bench/retrieval_scale.py): a hit is the expected "
        "product or one of its variants in the top 5 of the server's retriever; 25 product questions.")


def product_questions() -> list[dict]:
    rows = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r.get("kind") == "product" and r.get("expect_skus")]


def base_sku(sku: str) -> str:
    """`BS-CT-0001-00421` (a variant made by generate()) -> `BS-CT-0001`."""
    return "-".join(str(sku).split("-")[:3])


def sku_of(product) -> str:
    return product["sku"] if isinstance(product, dict) else product.sku


def open_stack(workdir: Path):
    from llm_server.config import Settings
    from llm_server.rag import store as vector_store
    from llm_server.rag.embeddings import build_embedder

    settings = Settings(chroma_path=str(workdir / "chroma"), load_demo_data=False, voice_enabled=False)
    embedder = build_embedder(settings, threads=0)  # documents on every core, as the pipeline does
    store_class = getattr(vector_store, "ChromaStore", None) or vector_store.VectorStore
    return settings, store_class(vector_store.connect(settings), embedder)


def run_catalog(size: int, questions: list[dict], workdir: Path) -> dict:
    from llm_server.rag.factory import build_retriever
    from llm_server.rag.ingest import index_faq, index_products, read_faq_csv

    settings, store = open_stack(workdir)
    store.embedder.embed_query("warm-up")  # model load is not indexing time
    started = time.perf_counter()
    written = index_products(store, settings.products_collection, generate(size))
    index_faq(store, settings.faq_collection, read_faq_csv(ROOT / "data" / "faq.csv"))
    index_s = time.perf_counter() - started
    retriever = build_retriever(settings, store)
    retriever.retrieve("워밍업 질문입니다")
    ranks, timings = [], []
    for row in questions:
        clear = getattr(store.embedder, "cache_clear", None)
        if clear:
            clear()  # every question pays its query embedding, as a new question does
        t = time.perf_counter()
        result = retriever.retrieve(row["q"])
        timings.append((time.perf_counter() - t) * 1000)
        found = [base_sku(sku_of(p)) for p in result.products[:10]]
        expected = set(row["expect_skus"])
        ranks.append(next((i for i, sku in enumerate(found, start=1) if sku in expected), None))
    n = len(ranks) or 1
    ordered = sorted(timings)
    return {
        "products": size, "indexed": written, "index_s": round(index_s, 1),
        "index_products_per_s": round(written / index_s, 1) if index_s else None,
        "questions": len(ranks),
        "hit@1": round(sum(r == 1 for r in ranks) / n, 3),
        "hit@5": round(sum(1 for r in ranks if r and r <= 5) / n, 3),
        "mrr@10": round(sum(1 / r for r in ranks if r) / n, 3),
        "retrieve_p50_ms": round(ordered[len(ordered) // 2], 1),
        "retrieve_p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--json", dest="json_path", help="default bench/results/retrieval_scale.json")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    questions = product_questions()
    catalogs = []
    for size in (int(s) for s in args.sizes.split(",") if s):
        with tempfile.TemporaryDirectory(prefix=f"bench-scale-{size}-") as tmp:
            catalogs.append(run_catalog(size, questions, Path(tmp)))
        c = catalogs[-1]
        print(f"{size:>6} products: indexed in {c['index_s']} s ({c['index_products_per_s']}/s), hit@5 {c['hit@5']}, "
              f"MRR@10 {c['mrr@10']}, retrieve p50/p95 {c['retrieve_p50_ms']}/{c['retrieve_p95_ms']} ms", flush=True)
    path = write_result("retrieval_scale", {"note": NOTE, "catalogs": catalogs}, args.json_path)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
