"""MongoDB, the source of truth: read the products, then let go of the connection.

Everything is read and the client closed before any ML library is imported: the seed
system timed out talking to MongoDB while the embedding model was loading.

A read that comes back shorter than MongoDB's own count is refused (`read_all`), and any
failure while reading leaves the index untouched: nothing is written before the read ends.

Every row is validated field by field (`validate_products`): a price like "39,000원", a
negative stock, a date that is not one or a value outside a sane range refuses the whole row
with its sku and reasons, so the index never holds a plausible wrong value.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from embedding_pipeline.config import MongoSettings
from embedding_pipeline.errors import ConfigError, Unreachable

log = logging.getLogger(__name__)
DATE_FIELDS = ("createdAt", "updatedAt")
SKU_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def read_products(settings: MongoSettings, since: datetime | None = None) -> SourceRead:
    """All products (or those with updatedAt >= since), validated: readable ones as plain
    JSON-like dicts, the others as rejected rows."""
    query = {"updatedAt": {"$gte": since}} if since else {}
    try:
        with mongo_collection(settings) as collection:
            rows = read_all(collection, query, settings)
    except Unreachable as exc:  # everything is read before anything is written
        raise Unreachable(f"{exc.message}; the index was not changed: run again once MongoDB answers") from None
    return validate_products(rows)


def read_all(collection: Any, query: dict, settings: MongoSettings) -> list[dict]:
    """Every matching document, or Unreachable when fewer came back than MongoDB counts: a
    cursor lost mid-read must not pass for the whole catalog (`sync --full` would remove the
    rest from the index). nx-27017 answers a lost cursor with an empty last batch."""
    counted = collection.count_documents(query)
    rows = [plain_product(doc) for doc in collection.find(query, {"_id": 0})]
    if len(rows) < counted:
        counted = min(counted, collection.count_documents(query))  # products deleted meanwhile
    if len(rows) < counted:
        raise Unreachable(f"MongoDB at {settings.safe_uri} returned {len(rows)} of {counted} products: the read was cut short")
    return rows


def fetch_products(settings: MongoSettings, since: datetime | None = None) -> list[dict]:
    """The readable products only; each rejected row is logged as a warning."""
    read = read_products(settings, since)
    for row in read.rejected:
        log.warning("rejected source row sku=%s: %s", row.sku, "; ".join(row.reasons))
    return read.products


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
        _ping(client, settings)
        try:
            yield client[settings.mongo_db][settings.mongo_collection]
        except errors.OperationFailure as exc:
            raise ConfigError(f"MongoDB at {settings.safe_uri} refused the request: {_first_line(exc)}") from None
        except errors.PyMongoError as exc:  # killed, hung past the socket timeout, network gone
            raise Unreachable(f"MongoDB at {settings.safe_uri} stopped answering mid-request ({_first_line(exc)})") from None
    finally:
        client.close()


def _ping(client: Any, settings: MongoSettings) -> None:
    from pymongo import errors

    try:
        client.admin.command("ping")
    except errors.OperationFailure as exc:
        raise ConfigError(f"MongoDB at {settings.safe_uri} refused the request: {_first_line(exc)}") from None
    except errors.PyMongoError as exc:
        raise Unreachable(
            f"MongoDB at {settings.safe_uri} did not answer within {settings.mongo_timeout_s:g} s "
            f"({_first_line(exc)})"
        ) from None


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


# --- validation: a row that cannot be read is refused, never guessed ---
# Sane ranges for the shop's fields (KRW, cm, g, units). A value outside them is a data-entry
# or export error far more often than a real product, so the row is refused and reported.
MIN_PRICE, MAX_PRICE = 100, 100_000_000
MAX_STOCK = 1_000_000
MAX_HEIGHT_CM = 500
MAX_WEIGHT_G = 100_000
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
CLOCK_SKEW = timedelta(days=1)
STATUSES = ("active", "soldout", "inactive")


@dataclass(frozen=True)
class RejectedRow:
    """A source row the pipeline refused: its sku (as found) and every reason."""

    sku: str | None
    reasons: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"sku": self.sku, "reasons": list(self.reasons)}


@dataclass
class SourceRead:
    products: list[dict] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)


def validate_products(rows: Iterable[Mapping[str, Any]], now: datetime | None = None) -> SourceRead:
    """Splits plain rows into readable products and rejected rows (rows without sku pass:
    the sync counts them as skipped)."""
    result = SourceRead()
    for row in rows:
        reasons = row_problems(row, now or datetime.now(UTC))
        if reasons:
            result.rejected.append(RejectedRow(_sku_as_found(row.get("sku")), tuple(reasons)))
        else:
            result.products.append(dict(row))
    return result


def row_problems(row: Mapping[str, Any], now: datetime) -> list[str]:
    """Every field of the row that cannot be read as what it claims to be."""
    if row.get("sku") in (None, ""):
        return []
    checks = (
        ("sku", _check_sku, True),
        ("name", _check_text(200), True),
        ("price", _check_price, True),
        ("description", _check_text(10_000, allow_empty=True), False),
        ("category", _check_strings(1, 10), False),
        ("image", _check_strings(0, 50), False),
        ("stock", _check_stock, False),
        ("height", _check_measure(MAX_HEIGHT_CM, "cm"), False),
        ("weight", _check_measure(MAX_WEIGHT_G, "g"), False),
        ("status", _check_status, False),
        ("isDeleted", _check_bool, False),
        ("washMethods", _check_wash_methods, False),
        ("createdAt", _check_date(now), False),
        ("updatedAt", _check_date(now), False),
    )
    problems = []
    for name, check, required in checks:
        if name not in row:
            if required:
                problems.append(f"{name}: missing")
            continue
        problem = check(row[name])
        if problem:
            problems.append(f"{name}: {problem} ({_shown(row[name])})")
    return problems + _date_order_problem(row)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _sku_as_found(value: Any) -> str | None:
    return None if value is None else str(value)[:100]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_sku(value: Any) -> str | None:
    if not isinstance(value, str) or not SKU_PATTERN.fullmatch(value):
        return "not a sku (letters, digits, . _ -; at most 64)"
    return None


def _check_text(max_chars: int, allow_empty: bool = False) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return "not text"
        if not allow_empty and not value.strip():
            return "empty"
        return f"longer than {max_chars} characters" if len(value) > max_chars else None

    return check


def _check_strings(min_items: int, max_items: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return "not a list of non-empty texts"
        if not min_items <= len(value) <= max_items:
            return f"needs {min_items}..{max_items} entries"
        return None

    return check


def _check_price(value: Any) -> str | None:
    if not _is_number(value):
        return "not a number of won"
    if value != int(value):
        return "not a whole number of won"
    if not MIN_PRICE <= value <= MAX_PRICE:
        return f"outside {MIN_PRICE:,}..{MAX_PRICE:,} won"
    return None


def _check_stock(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return "not a size -> units mapping"
    for size, units in value.items():
        if not isinstance(size, str) or not size.strip() or len(size) > 20:
            return f"size {size!r} is not a size"
        if not _is_number(units) or units != int(units):
            return f"units for {size} are not a whole number"
        if not 0 <= units <= MAX_STOCK:
            return f"units for {size} outside 0..{MAX_STOCK:,}"
    return None


def _check_measure(maximum: float, unit: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value is None:
            return None
        if not _is_number(value):
            return f"not a number of {unit}"
        return None if 0 < value <= maximum else f"outside 0..{maximum:,} {unit}"

    return check


def _check_status(value: Any) -> str | None:
    return None if value in STATUSES else f"not one of {', '.join(STATUSES)}"


def _check_bool(value: Any) -> str | None:
    # 0/1 is how some exports (and nx-27017 after $set) write a flag: unambiguous, so read
    return None if isinstance(value, bool) or (type(value) is int and value in (0, 1)) else "not true/false"


def _check_wash_methods(value: Any) -> str | None:
    if not isinstance(value, list):
        return "not a list"
    for entry in value:
        if not isinstance(entry, Mapping) or not all(isinstance(entry.get(k), str) for k in ("label", "value")):
            return "an entry without text label and value"
    return None


def _check_date(now: datetime) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value is None:
            return None
        parsed = parse_time(value)
        if parsed is None:
            return "not a date"
        if not EARLIEST <= parsed <= now + CLOCK_SKEW:
            return f"outside {EARLIEST.year}..now"
        return None

    return check


def _date_order_problem(row: Mapping[str, Any]) -> list[str]:
    created, updated = parse_time(row.get("createdAt")), parse_time(row.get("updatedAt"))
    if created and updated and updated < created:
        return ["updatedAt: earlier than createdAt"]
    return []
