"""Source rows whose fields cannot be read are refused and reported, never indexed as a
plausible wrong value: unit + property tests of the validator, and the CLI against a real
MongoDB (nx-27017) and embedded Chroma."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pymongo
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embedding_pipeline.cli import REJECTED_ROWS_EXIT, run
from embedding_pipeline.source import MAX_PRICE, MIN_PRICE, plain_product, validate_products
from llm_server.config import Settings
from llm_server.rag.store import ChromaStore, connect
from tests.conftest import DATA_DIR
from tests.pipeline.helpers import CountingEmbedder, make_catalog, make_product

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def problems(**changes) -> list[str]:
    read = validate_products([plain_product(make_product(1, **changes))], now=NOW)
    return [reason for row in read.rejected for reason in row.reasons]


def test_the_demo_catalog_is_entirely_readable():
    catalog = json.loads((DATA_DIR / "products.json").read_text(encoding="utf-8"))
    read = validate_products(catalog, now=NOW)
    assert read.rejected == [] and len(read.products) == len(catalog) == 249


@pytest.mark.parametrize(
    ("changes", "field", "why"),
    [
        ({"price": "39,000원"}, "price", "not a number"),
        ({"price": "39000"}, "price", "not a number"),
        ({"price": 0}, "price", "outside"),
        ({"price": -5000}, "price", "outside"),
        ({"price": 39000.5}, "price", "whole number"),
        ({"price": float("nan")}, "price", "not a number"),
        ({"price": True}, "price", "not a number"),
        ({"price": 10**12}, "price", "outside"),
        ({"stock": {"S": -1}}, "stock", "outside"),
        ({"stock": {"M": "3개"}}, "stock", "whole number"),
        ({"stock": {"M": 2.5}}, "stock", "whole number"),
        ({"stock": [3, 4]}, "stock", "mapping"),
        ({"stock": {"L": 10**9}}, "stock", "outside"),
        ({"createdAt": "어제"}, "createdAt", "not a date"),
        ({"updatedAt": "2026-13-45"}, "updatedAt", "not a date"),
        ({"updatedAt": datetime(1970, 1, 1, tzinfo=UTC)}, "updatedAt", "outside"),
        ({"updatedAt": datetime(2099, 1, 1, tzinfo=UTC)}, "updatedAt", "outside"),
        ({"height": -3}, "height", "outside"),
        ({"height": "70cm"}, "height", "not a number"),
        ({"weight": 10**7}, "weight", "outside"),
        ({"status": "판매중"}, "status", "not one of"),
        ({"isDeleted": "false"}, "isDeleted", "true/false"),
        ({"isDeleted": 2}, "isDeleted", "true/false"),
        ({"name": ""}, "name", "empty"),
        ({"name": 42}, "name", "not text"),
        ({"category": "상의"}, "category", "list"),
        ({"category": []}, "category", "entries"),
        ({"washMethods": [{"label": 1}]}, "washMethods", "label"),
        ({"sku": "BS T 0001"}, "sku", "not a sku"),
    ],
)
def test_each_unreadable_field_refuses_the_row(changes, field, why):
    found = problems(**changes)
    assert any(reason.startswith(f"{field}:") and why in reason for reason in found), found


def test_a_missing_price_or_name_refuses_the_row_and_every_reason_is_listed():
    product = make_product(1, price="39,000원", stock={"S": -2})
    del product["name"]
    read = validate_products([plain_product(product)], now=NOW)
    assert read.products == []
    (row,) = read.rejected
    assert row.sku == "BS-T-00001"
    assert [r.split(":")[0] for r in row.reasons] == ["name", "price", "stock"]
    assert "'39,000원'" in row.reasons[1]


def test_updated_before_created_is_refused_and_nullable_fields_may_be_null():
    assert problems(createdAt=NOW - timedelta(days=1), updatedAt=NOW - timedelta(days=2)) == [
        "updatedAt: earlier than createdAt"
    ]
    assert problems(height=None, weight=None) == []


def test_rows_without_sku_pass_through_for_the_sync_to_count_as_skipped():
    product = make_product(3, price="garbage")
    del product["sku"]
    assert validate_products([product], now=NOW).products == [product]


@settings(max_examples=300, deadline=None)
@given(
    price=st.one_of(
        st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12), st.none(), st.booleans()
    )
)
def test_a_price_is_accepted_only_as_a_whole_number_of_won_in_range(price):
    read = validate_products([plain_product(make_product(1, price=price))], now=NOW)
    readable = (
        isinstance(price, int | float)
        and not isinstance(price, bool)
        and price == price
        and price not in (float("inf"), float("-inf"))
        and price == int(price)
        and MIN_PRICE <= price <= MAX_PRICE
    )
    assert (len(read.products) == 1) is readable
    if readable:
        assert read.products[0]["price"] == price  # passed on exactly as read


@settings(max_examples=200, deadline=None)
@given(stock=st.dictionaries(st.sampled_from(["S", "M", "L", "XL", "95", "FREE"]), st.integers(-10**7, 10**7)))
def test_stock_is_accepted_only_with_whole_units_in_range(stock):
    read = validate_products([plain_product(make_product(1, stock=stock))], now=NOW)
    assert (len(read.products) == 1) is all(0 <= units <= 1_000_000 for units in stock.values())


# --- the CLI against real MongoDB ---
@pytest.fixture
def source(mongo):
    client = pymongo.MongoClient(mongo.mongo_uri, tz_aware=True)
    yield client[mongo.mongo_db][mongo.mongo_collection]
    client.close()


def test_sync_indexes_the_readable_rows_reports_the_rest_and_exits_4(capsys, mongo, source, chroma_env):
    catalog = make_catalog(6)
    catalog[2]["price"] = "39,000원"
    catalog[4]["stock"] = {"S": -3, "M": 1}
    source.insert_many(catalog)
    code = run(["sync", "--json"], make_embedder=lambda s: CountingEmbedder())
    out, err = capsys.readouterr()
    result = json.loads(out)
    assert code == REJECTED_ROWS_EXIT == 4
    assert (result["fetched"], result["added"], result["rejected"]) == (6, 4, 2)
    assert result["rejected_rows"] == [
        {"sku": "BS-T-00002", "reasons": ["price: not a number of won ('39,000원')"]},
        {"sku": "BS-T-00004", "reasons": ["stock: units for S outside 0..1,000,000 ({'S': -3, 'M': 1})"]},
    ]
    assert "rejected sku=BS-T-00002: price: not a number of won" in err
    store = ChromaStore(connect(Settings()), CountingEmbedder())
    assert sorted(h.id for h in store.iter_all("products", documents=False)) == [
        "BS-T-00000", "BS-T-00001", "BS-T-00003", "BS-T-00005"
    ]


def test_the_summary_line_says_rows_were_rejected(capsys, mongo, source, chroma_env):
    source.insert_many([make_product(1), make_product(2, createdAt="not a date")])
    code = run(["sync"], make_embedder=lambda s: CountingEmbedder())
    out, err = capsys.readouterr()
    assert code == 4
    assert "1 REJECTED (unreadable fields)" in out.strip().splitlines()[-1]
    assert "rejected sku=BS-T-00002: createdAt: not a date" in err
