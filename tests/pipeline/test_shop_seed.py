"""`seed-mongo` also loads the shop's demo orders and the carts/handoffs indexes (real nx-27017)."""

from __future__ import annotations

import json
from datetime import datetime

import pymongo
import pytest

from embedding_pipeline.config import MongoSettings
from embedding_pipeline.errors import ConfigError
from embedding_pipeline.shop_seed import STATUSES, read_orders, seed_shop
from tests.conftest import DATA_DIR
from tests.pipeline.test_cli import cli


@pytest.fixture
def shop_db(mongo: MongoSettings):
    client = pymongo.MongoClient(mongo.mongo_uri, tz_aware=True)
    yield client[mongo.mongo_db]
    client.close()


def test_seed_mongo_loads_the_demo_orders_with_bson_dates(capsys, mongo, shop_db):
    code, result, _ = cli(capsys, "seed-mongo", "--json")
    assert code == 0 and result["orders"] == 20
    order = shop_db["orders"].find_one({"orderNo": "20261114-1007"})
    assert order["status"] == "배송중" and order["courier"] and order["trackingNo"]
    assert order["phone"] == "01012345678"
    assert isinstance(order["createdAt"], datetime) and isinstance(order["history"][-1]["at"], datetime)
    assert cli(capsys, "seed-mongo")[0] == 0  # idempotent: upsert by orderNo
    assert shop_db["orders"].count_documents({}) == 20


def test_seed_mongo_makes_order_numbers_and_cart_sessions_unique(capsys, mongo, shop_db):
    assert cli(capsys, "seed-mongo", "--json")[0] == 0
    with pytest.raises(pymongo.errors.DuplicateKeyError):
        shop_db["orders"].insert_one({"orderNo": "20261114-1007"})
    shop_db["carts"].insert_one({"sessionId": "w_session_1", "items": []})
    with pytest.raises(pymongo.errors.DuplicateKeyError):
        shop_db["carts"].insert_one({"sessionId": "w_session_1", "items": []})


def test_the_demo_orders_follow_the_schema():
    orders = read_orders(DATA_DIR / "orders.json")
    assert {o["status"] for o in orders} == set(STATUSES)
    for order in orders:
        assert order["total"] >= sum(i["price"] * i["qty"] for i in order["items"])
        assert order["history"][-1]["status"] == order["status"]
        assert len(order["phone"]) == 11 and order["phone"].startswith("010")
        shipped = order["status"] in ("배송중", "배송완료")
        assert bool(order["courier"]) == shipped and bool(order["trackingNo"]) == shipped


def test_a_malformed_orders_file_is_a_config_error(tmp_path, mongo):
    bad = tmp_path / "orders.json"
    bad.write_text(json.dumps([{"orderNo": "1", "status": "배달중"}]), encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a JSON array of orders"):
        seed_shop(mongo, bad)
    assert seed_shop(mongo, tmp_path / "missing.json") == 0  # no demo orders: indexes only
