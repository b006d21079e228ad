"""Catalog products to sync, and small honest wrappers that record what reached Chroma."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.fakes import HashEmbedder

BASE_TIME = datetime(2026, 1, 1, tzinfo=UTC)
ITEMS = ("린넨 셔츠", "코튼 티셔츠", "울 니트", "데님 청바지", "트위드 자켓", "캔버스 백팩")


def make_product(i: int, **changes) -> dict:
    """Catalog product number i, in the shop's MongoDB schema (BSON dates)."""
    item = ITEMS[i % len(ITEMS)]
    product = {
        "sku": f"BS-T-{i:05d}",
        "name": f"{item} {i}호",
        "image": [f"/images/BS-T-{i:05d}.jpg"],
        "category": ["상의", item.split()[-1]],
        "description": f"{item} 테스트 상품 {i}번입니다. 데일리로 입기 좋습니다.",
        "price": 10000 + (i % 50) * 1000,
        "stock": {"S": i % 3, "M": 5, "L": 0},
        "height": 70,
        "weight": 300,
        "status": "active",
        "isDeleted": False,
        "washMethods": [{"label": "손세탁", "value": "hand"}],
        "createdAt": BASE_TIME,
        "updatedAt": BASE_TIME + timedelta(minutes=i),
    }
    product.update(changes)
    return product


def make_catalog(n: int, inactive_every: int = 0, deleted_every: int = 0) -> list[dict]:
    products = []
    for i in range(n):
        changes = {}
        if inactive_every and i % inactive_every == inactive_every - 1:
            changes["status"] = "inactive"
        if deleted_every and i % deleted_every == deleted_every - 2:
            changes["isDeleted"] = True
        products.append(make_product(i, **changes))
    return products


class CountingEmbedder(HashEmbedder):
    """HashEmbedder that counts the texts it embedded and can fail on the n-th call."""

    def __init__(self, name: str = "hash-embedder", fail_on_call: int | None = None):
        super().__init__(name)
        self.texts: list[str] = []
        self.calls = 0
        self.fail_on_call = fail_on_call

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        if self.fail_on_call is not None and self.calls == self.fail_on_call:
            raise RuntimeError("embedder crashed")
        self.texts.extend(texts)
        return super().embed_documents(texts)


class RecordingCollection:
    def __init__(self, collection, sizes: list[tuple[str, int]]):
        self._collection = collection
        self._sizes = sizes

    def __getattr__(self, name):
        return getattr(self._collection, name)

    def upsert(self, ids, **kwargs):
        self._sizes.append(("upsert", len(ids)))
        return self._collection.upsert(ids=ids, **kwargs)

    def delete(self, ids=None, **kwargs):
        self._sizes.append(("delete", len(ids or [])))
        return self._collection.delete(ids=ids, **kwargs)

    def get(self, ids=None, **kwargs):
        self._sizes.append(("get", len(ids) if ids is not None else kwargs.get("limit") or 0))
        return self._collection.get(ids=ids, **kwargs)


class SmallBatchClient:
    """A real Chroma client that reports a small max batch size and records call sizes."""

    def __init__(self, client, max_batch: int):
        self._client = client
        self.max_batch = max_batch
        self.sizes: list[tuple[str, int]] = []

    def __getattr__(self, name):
        return getattr(self._client, name)

    def get_max_batch_size(self) -> int:
        return self.max_batch

    def get_or_create_collection(self, *args, **kwargs):
        return RecordingCollection(self._client.get_or_create_collection(*args, **kwargs), self.sizes)
