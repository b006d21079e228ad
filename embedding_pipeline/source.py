"""MongoDB, the source of truth: read the products, then let go of the connection.

Everything is read and the client closed before any ML library is imported: the seed
system timed out talking to MongoDB while the embedding model was loading.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from embedding_pipeline.config import MongoSettings
from embedding_pipeline.errors import ConfigError, Unreachable

DATE_FIELDS = ("createdAt", "updatedAt")


def fetch_products(settings: MongoSettings, since: datetime | None = None) -> list[dict]:
    """All products (or those with updatedAt >= since) as plain JSON-like dicts."""
    query = {"updatedAt": {"$gte": since}} if since else {}
    with mongo_collection(settings) as collection:
        return [plain_product(doc) for doc in collection.find(query, {"_id": 0})]


def seed_products(settings: MongoSettings, products: list[dict], drop: bool = False) -> int:
    """Load catalog products (JSON form) into MongoDB, upserting by sku; returns the count."""
    from pymongo import ReplaceOne

    docs = [mongo_product(p) for p in products]
    with mongo_collection(settings) as collection:
        if drop:
            collection.drop()
        collection.create_index("sku", unique=True)
        collection.create_index("updatedAt")
        if drop and docs:
            collection.insert_many(docs, ordered=False)
        elif docs:
            collection.bulk_write([ReplaceOne({"sku": d["sku"]}, d, upsert=True) for d in docs])
    return len(docs)


@contextmanager
def mongo_collection(settings: MongoSettings) -> Iterator[Any]:
    """A pymongo collection whose client is closed on exit; driver errors become ours."""
    import pymongo
    from pymongo import errors

    try:
        client = pymongo.MongoClient(settings.mongo_uri, tz_aware=True, **_timeouts(settings))
    except (errors.ConfigurationError, ValueError, TypeError) as exc:
        raise ConfigError(f"MONGO_URI {settings.safe_uri} is not usable: {exc}") from None
    try:
        client.admin.command("ping")
        yield client[settings.mongo_db][settings.mongo_collection]
    except errors.OperationFailure as exc:
        raise ConfigError(f"MongoDB at {settings.safe_uri} refused the request: {_first_line(exc)}") from None
    except errors.PyMongoError as exc:
        raise Unreachable(
            f"MongoDB at {settings.safe_uri} did not answer within {settings.mongo_timeout_s:g} s "
            f"({_first_line(exc)})"
        ) from None
    finally:
        client.close()


def _timeouts(settings: MongoSettings) -> dict:
    ms = int(settings.mongo_timeout_s * 1000)
    return {"serverSelectionTimeoutMS": ms, "connectTimeoutMS": ms, "socketTimeoutMS": ms * 12}


def _first_line(exc: Exception) -> str:
    """The driver's reason without its topology dump."""
    text = str(exc).split(" (configured timeouts")[0].split(", Timeout: ")[0]
    return (text.splitlines() or [type(exc).__name__])[0][:200]


# --- conversions ---
def plain_product(doc: Mapping[str, Any]) -> dict:
    """A MongoDB document in the catalog's JSON form (dates as ISO 8601 UTC strings)."""
    return {k: _plain(v) for k, v in doc.items() if k != "_id"}


def mongo_product(product: Mapping[str, Any]) -> dict:
    """A catalog JSON product as the shop stores it (createdAt/updatedAt as BSON dates)."""
    doc = dict(product)
    for key in DATE_FIELDS:
        if isinstance(doc.get(key), str):
            doc[key] = parse_time(doc[key])
    return doc


def parse_time(value: Any) -> datetime | None:
    """A datetime (naive = UTC) or ISO 8601 string as an aware UTC datetime."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso(parse_time(value))
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "to_decimal"):  # bson Decimal128
        value = value.to_decimal()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)  # ObjectId and other BSON scalars
