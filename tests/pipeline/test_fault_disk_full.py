"""Disk full under the embedded Chroma store during a sync (a real tmpfs, filled up).

The CLI runs in its own process against real MongoDB (nx-27017) and embedded Chroma on a
small tmpfs. Promise: a sync that hits the full disk exits 5 with one clear line (no
traceback), what a reader is served stays correct while the disk is full, and once space
is freed the same command converges to exactly what a clean sync builds.
"""

from __future__ import annotations

import pymongo
import pytest

from llm_server.rag.store import MIB
from tests.faults.disk import SmallDisk, hang_watchdog
from tests.pipeline.clirun import Reader, base_env, expected, one_clear_line, pipeline
from tests.pipeline.helpers import make_catalog, make_product

pytestmark = pytest.mark.slow
FIRST, MORE = 60, 300  # products before / added while the disk fills up
RESERVE_MB = 1  # CHROMA_MIN_FREE_MB for the test (default 64)
HEADROOM = RESERVE_MB * MIB + 600 * 1024  # free bytes left by the filler: some batches fit, not all


@pytest.fixture
def source(mongo):
    client = pymongo.MongoClient(mongo.mongo_uri, tz_aware=True)
    yield client[mongo.mongo_db][mongo.mongo_collection]
    client.close()


def assert_nothing_wrong(during: dict, before: dict, target: dict) -> None:
    """Every item is as it was or as the finished sync writes it; none is lost."""
    assert set(before) <= set(during)
    for sku, item in during.items():
        assert item in (before.get(sku), target.get(sku)), sku


def test_sync_on_a_full_disk_fails_clearly_keeps_readers_and_converges_after_space_is_freed(
    mongo, source, tmp_path
):
    source.insert_many(make_catalog(FIRST, inactive_every=10))
    with hang_watchdog(240), SmallDisk(tmp_path / "disk", size_mb=8) as disk:
        env = base_env(CHROMA_PATH=str(disk.path / "chroma"), CHROMA_MIN_FREE_MB=str(RESERVE_MB))
        first = pipeline(env, "sync", "--json")
        assert first.code == 0, first.stderr[-2000:]
        reader = Reader(disk.path / "chroma")
        before = reader.items()
        assert before == expected(source)[0]

        # the shop adds products and reprices some of the indexed ones
        source.insert_many([make_product(i) for i in range(FIRST, FIRST + MORE)])
        for i in range(0, FIRST, 7):
            newer = make_product(FIRST + MORE + i)["updatedAt"]
            source.update_one({"sku": f"BS-T-{i:05d}"}, {"$set": {"price": 99000, "updatedAt": newer}})
        target, newest = expected(source)

        # 1. the disk fills up during the sync: it stops at the reserve, exit 5
        disk.fill()
        disk.free_some(HEADROOM)
        stopped = pipeline(env, "sync", "--batch-size", "20", "--json")
        assert stopped.code == 5, f"exit {stopped.code}: {stopped.stderr[-2000:]}"
        one_clear_line(stopped, "storage_full", f"CHROMA_MIN_FREE_MB={RESERVE_MB}", "run the same command again")
        during = reader.items()
        assert_nothing_wrong(during, before, target)
        written = len(set(during) - set(before))
        assert 0 < written < MORE, f"{written} written: the disk did not fill mid-sync"
        assert reader.top(), "a vector query returned nothing"

        # 2. 0 bytes free and the reserve off: SQLite's own "disk is full", exit 5; the open
        # reader still answers (a new process could not even open Chroma: it writes as it opens)
        disk.fill()
        raw = pipeline({**env, "CHROMA_MIN_FREE_MB": "0"}, "sync", "--batch-size", "20", "--json")
        assert raw.code == 5, f"exit {raw.code}: {raw.stderr[-2000:]}"
        one_clear_line(raw, "storage_full", "disk is full", "run the same command again")
        assert reader.items() == during and reader.top()

        disk.free()
        rerun = pipeline(env, "sync", "--json")
        assert rerun.code == 0, rerun.stderr[-2000:]
        after = reader.items()
        assert after == target, "the rerun did not converge to what a clean sync writes"
        assert reader.watermark() == newest
        assert reader.top()
    print(
        f"\nreserve reached: exit {stopped.code} after {stopped.seconds:.1f} s, {written} of {MORE} new products "
        f"written; 0 bytes free: exit {raw.code} after {raw.seconds:.1f} s; rerun {rerun.json['added']} added, "
        f"{rerun.json['updated']} updated in {rerun.seconds:.1f} s; {len(after)} items == a clean sync"
    )
