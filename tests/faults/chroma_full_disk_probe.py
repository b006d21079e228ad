"""What the embedded Chroma does when its disk fills (root: mounts a tmpfs). Not a test: it
records Chroma's own behaviour, which docs/reliability.md cites; rerun it after a chromadb
upgrade to see whether `CHROMA_MIN_FREE_MB` and the store's reopen are still needed.

    .venv/bin/python -m tests.faults.chroma_full_disk_probe [--runs 4]

Each run is a child process on a fresh 8 MiB tmpfs, killed after 30 s ("HUNG": a call that
never returned, the GIL held, so only a kill from outside ends it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

SCENARIOS = {
    "compaction": "100 products, 200 KiB left, upsert 20 more; then read in-process and from a fresh process",
    "after_sqlite_full_same_engine": "0 bytes: an upsert fails; space freed; the same engine: upsert, bump, count",
    "after_sqlite_full_reopened": "the same through ChromaStore, which reopens its engine after the failure",
    "open_on_full_disk": "a new process opens the store on a disk with 0 bytes free",
}
CHILD_TIMEOUT_S = 30


def child(scenario: str, disk: Path) -> dict:
    from llm_server.config import Settings
    from llm_server.rag.documents import product_document, product_metadata
    from llm_server.rag.store import ChromaStore, connect
    from tests.fakes import HashEmbedder
    from tests.faults.disk import SmallDisk
    from tests.pipeline.helpers import make_catalog

    path, products = disk / "chroma", make_catalog(200)
    space = SmallDisk(disk, 8)  # already mounted by the parent: only fill/free are used
    store = ChromaStore(connect(Settings(chroma_path=str(path))), HashEmbedder())

    def upsert(batch, target=None):
        (target or store).upsert(
            "products", [p["sku"] for p in batch], [product_document(p) for p in batch],
            [product_metadata(p, "hash-embedder") for p in batch],
        )

    def attempt(operation) -> str:
        try:
            result = operation()
            return f"ok {result}" if result is not None else "ok"
        except Exception as exc:  # noqa: BLE001 - recorded, not handled
            return f"{type(exc).__name__}: {str(getattr(exc, 'detail', exc))[:120]}"

    upsert(products[:100])
    found: dict[str, str] = {}
    if scenario == "open_on_full_disk":
        space.fill()
        reader = [sys.executable, "-c", OPEN_READER, str(path)]
        found["open"] = subprocess.run(reader, capture_output=True, text=True, timeout=60).stdout.strip()[-200:]
    elif scenario == "compaction":
        space.fill()
        space.free_some(200 * 1024)
        found["upsert"] = attempt(lambda: upsert(products[100:120]))
        found["count_same_process"] = attempt(lambda: store.client.get_collection("products").count())
        reader = [sys.executable, "-c", OPEN_READER, str(path)]
        found["count_new_process"] = subprocess.run(reader, capture_output=True, text=True, timeout=60).stdout.strip()[-200:]
        space.free()
        found["count_after_freeing"] = subprocess.run(reader, capture_output=True, text=True, timeout=60).stdout.strip()[-200:]
    else:
        raw = scenario == "after_sqlite_full_same_engine"
        engine = store.client
        space.fill()
        found["upsert_on_full_disk"] = attempt(lambda: engine.get_collection("products").add(
            ids=["x"], embeddings=[[0.1] * 256], documents=["x"]) if raw else upsert(products[100:101]))
        space.free()
        print(json.dumps({"progress": "calling again"}), flush=True)
        if raw:
            collection = engine.get_collection("products")
            found["upsert"] = attempt(lambda: collection.upsert(ids=["y"], embeddings=[[0.2] * 256], documents=["y"]))
            found["count"] = attempt(collection.count)
            found["count_again"] = attempt(collection.count)
        else:
            found["upsert"] = attempt(lambda: upsert(products[101:102]))
            found["bump"] = attempt(lambda: store.bump_version("products") and None)
            found["count"] = attempt(lambda: store.count("products"))
            found["count_again"] = attempt(lambda: store.count("products"))
    return found


OPEN_READER = (
    "import sys, chromadb\n"
    "from chromadb.config import Settings\n"
    "try:\n"
    "    c = chromadb.PersistentClient(path=sys.argv[1], settings=Settings(anonymized_telemetry=False))\n"
    "    print('ok', c.get_collection('products').count())\n"
    "except Exception as exc:\n"
    "    print(type(exc).__name__ + ': ' + str(exc)[:150])\n"
)


def run_once(scenario: str) -> str:
    from tests.faults.disk import SmallDisk

    with tempfile.TemporaryDirectory() as tmp, SmallDisk(Path(tmp) / "disk", 8) as disk:
        argv = [sys.executable, "-m", "tests.faults.chroma_full_disk_probe", "--child", scenario, str(disk.path)]
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return f"HUNG (killed after {CHILD_TIMEOUT_S} s)"
        lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
        return lines[-1] if lines else f"exit {proc.returncode}: {proc.stderr.strip()[-300:]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--child", nargs=2, metavar=("SCENARIO", "DISK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1])), ensure_ascii=False), flush=True)
        return 0
    for scenario, what in SCENARIOS.items():
        outcomes = Counter(run_once(scenario) for _ in range(args.runs))
        print(f"\n{scenario}: {what}")
        for outcome, times in outcomes.most_common():
            print(f"  {times}/{args.runs}  {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
