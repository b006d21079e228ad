"""Disk full under the embedded Chroma store of a running llm_server (a real tmpfs, filled).

Promise: a write (admin FAQ add, FAQ CSV import) on a full disk answers at once with 507
`storage_full` in the error envelope, never a hang nor a 500. Below CHROMA_MIN_FREE_MB the
write is refused before Chroma is asked, and chat and search keep answering from the
existing index; past that (0 bytes free) chat is a clean 503 until space is freed. Once it
is, chat answers and the same write succeeds, without a restart.
"""

from __future__ import annotations

import errno
import time

import httpx
import pytest

from llm_server.config import Settings
from llm_server.errors import StorageFull
from llm_server.rag.store import MIB, ChromaStore, connect, is_disk_full
from tests.api.test_live_server import LiveServer, build
from tests.conftest import DATA_DIR
from tests.fakes import FakeLLM, HashEmbedder
from tests.faults.disk import SmallDisk, hang_watchdog

KEY = "disk-full-test-admin-key-0123456789"
ADMIN = {"Authorization": f"Bearer {KEY}"}
WATCHDOG_S = 240


# --- the store's own rules (no mount needed) ---
def test_the_reserve_refuses_additions_but_not_reads_or_deletes(tmp_path):
    client = connect(Settings(chroma_path=str(tmp_path / "chroma")))
    roomy = ChromaStore(client, HashEmbedder())
    roomy.upsert("products", ["a", "b"], ["린넨 셔츠", "울 코트"], [{"price": 1}, {"price": 2}])
    cramped = ChromaStore(client, HashEmbedder(), min_free_mb=10**9)  # more than any disk has
    with pytest.raises(StorageFull) as refused:
        cramped.upsert("products", ["c"], ["데님 청바지"], [{"price": 3}])
    assert refused.value.status_code == 507 and "CHROMA_MIN_FREE_MB" in refused.value.detail
    assert cramped.count("products") == 2
    assert [h.id for h in cramped.query("products", HashEmbedder().embed_query("셔츠"), 1)] == ["a"]
    cramped.delete("products", ["b"])  # deleting frees space: never refused
    cramped.bump_version("products")
    assert cramped.count("products") == 1


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("Query error: Database error: error returned from database: (code: 13) database or disk is full"),
        OSError(errno.ENOSPC, "No space left on device"),
        OSError(errno.EFBIG, "File too large"),
    ],
)
def test_disk_full_is_recognised(error):
    assert is_disk_full(error)


def test_other_errors_are_not_disk_full():
    assert not is_disk_full(RuntimeError("Collection [x] does not exist"))
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))


# --- a live server on a disk that fills up ---
def add_faq(server, question: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = httpx.post(
        f"{server.url}/admin/faq", headers=ADMIN, timeout=30,
        json={"question": question, "answer": "네, 가능합니다.", "category": "배송"},
    )
    return response, time.monotonic() - started


def wait_ready(server, timeout: float = 180) -> None:
    """Like LiveServer.wait_ready, but patient with a loop that startup keeps busy for seconds
    (seeding the demo data on a loaded 2-core machine)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{server.url}/health/ready", timeout=30).status_code == 200:
                return
        except httpx.TimeoutException:
            pass
        time.sleep(0.1)
    raise TimeoutError("llm_server never became ready")


def assert_storage_full(response: httpx.Response, seconds: float) -> None:
    assert response.status_code == 507, response.text
    error = response.json()["error"]
    assert error["code"] == "storage_full" and "저장 공간" in error["message"], error
    assert seconds < 5, f"answered after {seconds:.1f} s"


def assert_still_answering(server) -> None:
    chat = httpx.post(f"{server.url}/chat", json={"message": "배송비 얼마예요?"}, timeout=30)
    assert chat.status_code == 200, chat.text
    search = httpx.get(f"{server.url}/products/search", params={"q": "셔츠"}, timeout=30)
    assert search.status_code == 200 and search.json()["results"], search.text


@pytest.fixture
def watchdog():
    with hang_watchdog(WATCHDOG_S):
        yield


@pytest.mark.slow
def test_admin_writes_on_a_full_disk_answer_507_and_chat_keeps_answering(tmp_path, watchdog):
    with SmallDisk(tmp_path / "disk", size_mb=24) as disk:
        settings = Settings(
            chroma_path=str(disk.path / "chroma"), demo_data_dir=str(DATA_DIR), load_demo_data=True,
            admin_api_key=KEY, chroma_min_free_mb=1,
        )
        app, runtime = build(settings, FakeLLM())
        with LiveServer(app) as server:
            wait_ready(server)
            assert add_faq(server, "제주도 배송도 되나요?")[0].status_code == 200

            # 1. less free than CHROMA_MIN_FREE_MB: refused before Chroma is asked
            disk.fill()
            disk.free_some(MIB // 2)
            reserve, reserve_s = add_faq(server, "군부대 배송도 되나요?")
            assert_storage_full(reserve, reserve_s)
            csv = "question,answer\n해외 배송 되나요?,아니요.\n".encode()
            started = time.monotonic()
            imported = httpx.post(
                f"{server.url}/admin/faq/import", params={"dry_run": "false"}, headers=ADMIN, timeout=30,
                files={"file": ("faq.csv", csv, "text/csv")},
            )
            assert_storage_full(imported, time.monotonic() - started)
            assert_still_answering(server)

            # 2. 0 bytes free and the reserve off: SQLite's own "database or disk is full".
            # The write is 507; the store then drops its embedded engine (chromadb 1.5.9 can
            # deadlock on its next call, holding the GIL) and cannot open a new one on a full
            # disk: chat is a clean 503 vector_store_unavailable (200 where retrieval answers
            # from memory), never a 500 nor a hang
            disk.fill()
            runtime.store.min_free_bytes = 0
            engine = runtime.store.client
            raw, raw_s = add_faq(server, "군부대 배송도 되나요?")
            assert_storage_full(raw, raw_s)
            chat = httpx.post(f"{server.url}/chat", json={"message": "배송비 얼마예요?"}, timeout=30)
            assert chat.status_code == 200 or chat.json()["error"]["code"] == "vector_store_unavailable", chat.text
            raw_chat = chat.status_code
            assert runtime.store._stale or runtime.store._client is not engine, "the old engine is still in use"
            assert httpx.get(f"{server.url}/health/live").status_code == 200

            # 3. space freed: chat answers, the same write succeeds and is served
            disk.free()
            assert_still_answering(server)
            again, _ = add_faq(server, "군부대 배송도 되나요?")
            assert again.status_code == 200, again.text
            item = httpx.get(f"{server.url}/admin/collections/faq/items/{again.json()['id']}", headers=ADMIN)
            assert item.status_code == 200 and "군부대" in item.json()["document"]
    print(
        f"\n507 storage_full after {reserve_s * 1000:.0f} ms (reserve), {raw_s * 1000:.0f} ms (0 bytes free), "
        f"chat then {raw_chat}"
    )
