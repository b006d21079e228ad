"""MongoDB stopped (hung) and killed while a sync is reading it, then restarted.

A real nx-27017 on a file database (a restart serves the same data) and the real CLI in its
own process (hash embedder) writing an embedded Chroma. The sync reads every product before
it writes anything, so the promise is: the CLI exits 3 with one clear line within a bounded
time (no hang), the index is exactly as before, and once MongoDB is back the same command
converges to exactly what a clean sync writes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pymongo
import pytest

from embedding_pipeline.config import MongoSettings
from embedding_pipeline.errors import Unreachable
from embedding_pipeline.source import read_all
from tests.conftest import free_port, wait_for_port
from tests.pipeline.clirun import (
    Ran,
    Reader,
    base_env,
    expected,
    one_clear_line,
    pipeline,
    start_pipeline,
)
from tests.pipeline.conftest import VENV_BIN
from tests.pipeline.helpers import make_product

PRODUCTS, ACTIVE = 3000, 200  # a read long enough to stop MongoDB in the middle of it; a small index
TIMEOUT_S = 2.0  # MONGO_TIMEOUT_S: server selection, connect and heartbeat; a read may take 12x


class NxServer:
    """nx-27017 on a fixed port and file: stopped (SIGSTOP), killed and restarted with its data."""

    def __init__(self, workdir: Path):
        self.binary = VENV_BIN / "nx-27017"
        if not self.binary.exists():
            pytest.fail("nx-27017 is not installed: run `bash scripts/install.sh` (dev dependencies)")
        self.port, self.workdir, self.proc = free_port(), workdir, None
        self.log = workdir / "nx.log"

    @property
    def uri(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [str(self.binary), "--db", str(self.workdir / "nx.db"), "--host", "127.0.0.1", "-p", str(self.port),
             "--pid-file", str(self.workdir / "nx.pid"), "--log-file", str(self.log)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, timeout=30)

    def stop(self) -> None:
        os.kill(self.proc.pid, signal.SIGSTOP)

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def pings(self) -> int:
        return self.log.read_text(errors="replace").count("'ping': 1") if self.log.exists() else 0


def fail_mid_read(nx: NxServer, env: dict, fault) -> tuple[Ran, float]:
    """Start a sync; once its ping is answered (it is connected and reading), apply `fault`;
    returns the run and the seconds from the fault to its exit."""
    pings = nx.pings()
    proc = start_pipeline(env, "sync", "--json")
    deadline = time.monotonic() + 60
    while nx.pings() == pings:
        assert proc.poll() is None, f"the sync ended before reading MongoDB: {proc.stderr.read()[-2000:]}"
        assert time.monotonic() < deadline, "the sync never reached MongoDB"
        time.sleep(0.01)
    fault()
    at = time.monotonic()
    assert proc.poll() is None, "the sync had finished reading before the fault: not mid-read"
    out, err = proc.communicate(timeout=60)
    return Ran(proc.returncode, out, err, time.monotonic() - at), time.monotonic() - at


@pytest.fixture
def nx(tmp_path):
    server = NxServer(tmp_path)
    server.start()
    yield server
    server.kill()


@pytest.mark.slow
def test_mongodb_stopped_then_killed_mid_sync_exits_3_leaves_the_index_and_converges(nx, tmp_path):
    client = pymongo.MongoClient(nx.uri, tz_aware=True)
    products = client.shop.products
    products.insert_many([make_product(i, **({} if i < ACTIVE else {"status": "inactive"})) for i in range(PRODUCTS)])
    env = base_env(
        MONGO_URI=nx.uri, MONGO_DB="shop", MONGO_COLLECTION="products", MONGO_TIMEOUT_S=str(TIMEOUT_S),
        CHROMA_PATH=str(tmp_path / "chroma"),
    )
    first = pipeline(env, "sync", "--json")
    assert first.code == 0, first.stderr[-2000:]
    reader = Reader(tmp_path / "chroma")
    before, watermark = reader.items(), reader.watermark()
    assert first.json["fetched"] == PRODUCTS and len(before) == ACTIVE, first.json

    # the shop reprices 20 products and brings 30 back (newer updatedAt: the next sync reads them)
    newer = make_product(PRODUCTS + 1)["updatedAt"]
    products.update_many({"sku": {"$in": [f"BS-T-{i:05d}" for i in range(0, 200, 10)]}},
                         {"$set": {"price": 99000, "updatedAt": newer}})
    products.update_many({"sku": {"$in": [f"BS-T-{i:05d}" for i in range(ACTIVE, ACTIVE + 30)]}},
                         {"$set": {"status": "active", "updatedAt": newer}})
    target, newest = expected(products)
    client.close()

    # 1. MongoDB stops answering (SIGSTOP: the connection stays open, nothing comes back)
    hung, hung_s = fail_mid_read(nx, env, nx.stop)
    assert hung.code == 3, f"exit {hung.code}: {hung.stderr[-2000:]}"
    one_clear_line(hung, "unreachable", f"MongoDB at {nx.uri}", "the index was not changed")
    assert hung_s < 12 * TIMEOUT_S + 5, f"a hung MongoDB held the sync for {hung_s:.1f} s"
    assert reader.items() == before and reader.watermark() == watermark
    nx.kill()
    nx.start()

    # 2. MongoDB is killed
    killed, killed_s = fail_mid_read(nx, env, nx.kill)
    assert killed.code == 3, f"exit {killed.code}: {killed.stderr[-2000:]}"
    one_clear_line(killed, "unreachable", f"MongoDB at {nx.uri}", "the index was not changed")
    assert killed_s < 5, f"exit {killed_s:.1f} s after MongoDB was killed"
    assert reader.items() == before and reader.watermark() == watermark

    # 3. back: the same command converges to exactly what a clean sync writes
    nx.start()
    rerun = pipeline(env, "sync", "--json")
    assert rerun.code == 0, rerun.stderr[-2000:]
    assert reader.items() == target, "the rerun did not converge to what a clean sync writes"
    assert reader.watermark() == newest
    assert (rerun.json["added"], rerun.json["updated"]) == (30, 20), rerun.json
    print(
        f"\nhung MongoDB: exit 3 {hung_s:.1f} s after SIGSTOP; killed: exit 3 {killed_s:.1f} s after SIGKILL; "
        f"index unchanged ({len(before)} items); rerun {rerun.json['added']} added, {rerun.json['updated']} updated "
        f"in {rerun.seconds:.1f} s == a clean sync ({len(target)} items)\n{hung.stderr}{killed.stderr}"
    )


class LostCursor:
    """A collection whose cursor dies after its first batch the way nx-27017 reports it (an
    empty last batch instead of CursorNotFound); `deleted` products vanish mid-read."""

    def __init__(self, total: int, returned: int, deleted: int = 0):
        self.total, self.returned, self.deleted, self.counts = total, returned, deleted, 0

    def count_documents(self, query):
        self.counts += 1
        return self.total - (self.deleted if self.counts > 1 else 0)

    def find(self, query, projection):
        return iter([make_product(i) for i in range(self.returned)])


def test_a_read_cut_short_is_refused_not_taken_for_the_whole_catalog():
    settings = MongoSettings(mongo_uri="mongodb://127.0.0.1:1")
    with pytest.raises(Unreachable, match="returned 101 of 3000 products: the read was cut short"):
        read_all(LostCursor(3000, 101), {}, settings)
    # products deleted while the read ran are not a short read
    assert len(read_all(LostCursor(3000, 2990, deleted=10), {}, settings)) == 2990
