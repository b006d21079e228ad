"""The dialogue evaluator's own checking logic, on small hand-made responses, and the
golden dialogue files' integrity (satisfiable against the catalog, in sync, both splits)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bench.dialogue_eval import (
    GOLDEN_DIR,
    Catalog,
    TurnResult,
    check_turn,
    colors_in_text,
    load_split,
    price_forms,
    product_colors,
    score,
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def card(*skus: str) -> list[dict]:
    return [{"sku": sku} for sku in skus]


def reply(intent="shop", products=(), **fields) -> dict:
    return {"answer": "", "intent": intent, "products": list(products), "faq": [], "alternatives": False, **fields}


# --- colours -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "colors"),
    [
        ("검정 슬랙스", {"black"}),
        ("흰색 셔츠랑 남색 바지", {"white", "navy"}),
        ("청바지 보여줘", set()),
        ("연청 데님", {"light_denim"}),
        ("라벤더 말고 연보라", {"lavender"}),
        ("Black tee", {"black"}),
    ],
)
def test_colour_words(text, colors):
    assert colors_in_text(text) == colors


def test_product_colours_come_from_the_catalog_name(catalog):
    assert product_colors(catalog.get("BS-SH-0005")) == {"white"}
    assert product_colors(catalog.get("BS-JN-0004")) == {"black_denim"}  # 테이퍼드 데님 팬츠 (흑청)
    assert product_colors(catalog.get("BS-BG-0002")) == {"burgundy"}
    shown = catalog.shown()
    assert all(product_colors(p) for p in shown), [p["name"] for p in shown if not product_colors(p)]


# --- product constraints -----------------------------------------------------------------
def test_every_product_must_meet_every_constraint(catalog):
    expect = {"products": {"categories_any": ["셔츠"], "price_max": 40000, "colors_any": ["white"]}}
    good = reply(products=card("BS-SH-0019"))  # 코튼 슬림핏 옥스포드 셔츠 (화이트) 35,000
    assert check_turn(expect, good, [], catalog) == []
    mixed = reply(products=card("BS-SH-0019", "BS-SH-0005"))  # + 59,000원 white linen shirt
    failures = check_turn(expect, mixed, [], catalog)
    assert len(failures) == 1 and "BS-SH-0005" in failures[0] and "price" in failures[0]


def test_size_stock_and_visibility_are_read_from_the_catalog_not_the_response(catalog):
    expect = {"products": {"size_in_stock": "M"}}
    # BS-SH-0002 has M: 0 in the catalog; the response lying about its sizes changes nothing.
    lying = reply(products=[{"sku": "BS-SH-0002", "sizes": ["M"]}])
    assert "size M not in stock" in check_turn(expect, lying, [], catalog)[0]
    hidden = reply(products=card("BS-CT-0003"))  # status inactive
    assert any("not on sale" in f for f in check_turn({"products": {}}, hidden, [], catalog))
    unknown = reply(products=card("NOPE-1"))
    assert check_turn({"products": {}}, unknown, [], catalog) == ["NOPE-1: not in the catalog"]


def test_cheaper_than_previous_means_below_the_previous_minimum(catalog):
    previous = reply(products=card("BS-SL-0002", "BS-SL-0006"))  # 84,000 and 82,900
    expect = {"products": {"cheaper_than_previous": True}, "min_products": 1}
    assert check_turn(expect, reply(products=card("BS-SL-0004")), [previous], catalog) == []  # 39,000
    assert check_turn(expect, reply(products=card("BS-SL-0003")), [previous], catalog)  # 86,000
    assert check_turn(expect, reply(products=card("BS-SL-0002")), [previous], catalog)  # 84,000 is not below 82,900
    assert check_turn(expect, reply(products=card("BS-SL-0004")), [reply()], catalog)  # nothing shown before


def test_other_colours_and_sorting(catalog):
    white_shirts = reply(products=card("BS-SH-0005", "BS-SH-0019"))
    other = {"products": {"colors_disjoint_previous": True}}
    assert check_turn(other, reply(products=card("BS-SH-0004")), [white_shirts], catalog) == []
    assert check_turn(other, reply(products=card("BS-SH-0005")), [white_shirts], catalog)
    cheapest = {"products": {"categories_any": ["양말"]}, "sort": "price_asc"}
    assert check_turn(cheapest, reply(products=card("BS-SC-0001", "BS-SC-0007")), [], catalog) == []
    # sorted, but not starting from the cheapest sock on sale (5,000원)
    assert check_turn(cheapest, reply(products=card("BS-SC-0007", "BS-SC-0005")), [], catalog)
    assert check_turn(cheapest, reply(products=card("BS-SC-0005", "BS-SC-0001")), [], catalog)


# --- reference questions ------------------------------------------------------------------
def test_reference_answer_must_state_that_products_own_values(catalog):
    shown = reply(products=card("BS-SH-0001", "BS-SH-0019"))
    wash = {"about_previous_product_field": "washMethods", "products": {"shown_in_referenced_turn": True}}
    labels = [w["label"] for w in catalog.get("BS-SH-0001")["washMethods"]]
    right = reply("product_question", answer="이 셔츠는 " + ", ".join(labels) + " 해 주세요.")
    assert check_turn(wash, right, [shown], catalog) == []
    generic = reply("product_question", answer="코튼과 린넨은 건조기에서 줄어들 수 있어요.", products=card("BS-JN-0010"))
    failures = check_turn(wash, generic, [shown], catalog)
    assert any("wash methods" in f for f in failures) and any("not one of the products" in f for f in failures)

    price = {"about_previous_product_field": "price", "ref_index": 1}
    assert check_turn(price, reply(answer="35,000원이에요"), [shown], catalog) == []
    assert check_turn(price, reply(answer="3만5천원이에요"), [shown], catalog) == []
    assert check_turn(price, reply(answer="29,000원이에요"), [shown], catalog)

    stock = {"about_previous_product_field": "stock", "ref_index": 1}  # BS-SH-0019: S, M
    assert check_turn(stock, reply(answer="S, M 사이즈가 있어요"), [shown], catalog) == []
    assert check_turn(stock, reply(answer="S 사이즈만 있어요"), [shown], catalog)
    assert check_turn({**stock, "ref_turn": 0}, reply(answer="S, M"), [shown, reply()], catalog) == []
    nothing = check_turn(stock, reply(answer="S, M"), [reply()], catalog)
    assert "nothing at position 1" in nothing[0]


def test_price_forms():
    assert {"35000", "3만5000", "3만5천"} <= price_forms(35000)
    assert "10만" in price_forms(100000)


# --- tolerance: missing or odd fields make a turn wrong, never crash --------------------------
def test_missing_fields_and_errors_are_wrong_turns(catalog):
    expect = {"intent": "handoff", "alternatives": False, "faq_top1": "배송비는 얼마인가요?", "no_products": True}
    failures = check_turn(expect, {"answer": "네"}, [], catalog)
    assert len(failures) == 3  # intent, alternatives (absent is not False), faq; no products holds
    assert check_turn(expect, {"_error": "HTTP 500"}, [], catalog) == ["request failed: HTTP 500"]
    odd = {"intent": "shop", "products": "nope", "faq": [None, 3], "answer": None}
    assert check_turn({"min_products": 1, "faq_top1": "x", "answer_contains_any": ["a"]}, odd, [], catalog)
    assert check_turn({"made_up_key": 1}, reply(), [], catalog) == ["unknown expectation 'made_up_key'"]
    assert check_turn({"products": {"colour": "white"}}, reply(products=card("BS-SH-0005")), [], catalog)


def test_faq_and_intent_checks(catalog):
    answer = reply(faq=[{"question": "배송비는 얼마인가요?"}, {"question": "배송은 보통 며칠 걸리나요?"}])
    assert check_turn({"faq_top1": "배송비는 얼마인가요?", "no_products": True}, answer, [], catalog) == []
    assert check_turn({"faq_top1": "배송은 보통 며칠 걸리나요?"}, answer, [], catalog)
    assert check_turn({"faq_choices_include": "배송은 보통 며칠 걸리나요?"}, answer, [], catalog) == []
    assert check_turn({"intent_any": ["order_status", "shop"]}, answer, [], catalog) == []
    assert check_turn({"not_refused": True}, reply("off_topic"), [], catalog) == ["refused as off-topic"]
    with_cards = reply(products=card("BS-SH-0005"))
    assert check_turn({"no_products": True}, with_cards, [], catalog)


def test_score_counts_kinds_and_whole_dialogues():
    results = [
        TurnResult("d1", 0, "a", "faq", [], 10.0, 11.0, checks={"faq_top1": True, "no_products": True}),
        TurnResult("d1", 1, "b", "sort", ["x"], 20.0, 21.0, checks={"sort": False}),
        TurnResult("d2", 0, "c", "faq", ["y"], None, 5.0, checks={"faq_top1": True, "no_products": False}),
    ]
    summary = score(results, 2)
    assert summary["turns_right"] == 1 and summary["turn_accuracy"] == 0.333
    assert summary["dialogues_right"] == 0
    assert summary["per_kind"]["faq"] == {"n": 2, "right": 1, "accuracy": 0.5}
    assert summary["per_check"]["no_products"] == {"n": 2, "held": 1, "share": 0.5}
    assert summary["p95_total_ms"] == 20.0


# --- the golden files ------------------------------------------------------------------------
KINDS = {
    "product_search", "refine_price", "refine_size", "refine_color", "refine_stock", "sort",
    "switch_category", "reset", "exclusion", "reference_question", "budget", "price_expression",
    "faq", "faq_english", "handoff", "order_status_no_number", "off_topic_in_shop", "greeting",
    "thanks", "none", "typo",
}


def test_golden_sets_are_big_enough_cover_every_kind_and_do_not_share_wordings():
    dev, heldout = load_split("dev"), load_split("heldout")
    assert len(dev) + len(heldout) >= 160
    assert sum(len(d["turns"]) for d in dev + heldout) >= 420
    for dialogues in (dev, heldout):
        assert {t["kind"] for d in dialogues for t in d["turns"]} == KINDS
    shared = {t["user"] for d in dev for t in d["turns"]} & {t["user"] for d in heldout for t in d["turns"]}
    assert not shared, shared
    ids = [d["id"] for d in dev + heldout]
    assert len(ids) == len(set(ids))


def test_golden_files_are_satisfiable_and_in_sync_with_their_sources(tmp_path):
    """author.py --check validates every expectation against the catalog and FAQ; the
    written files equal what the sources produce."""
    before = {name: (GOLDEN_DIR / f"{name}.jsonl").read_text(encoding="utf-8") for name in ("dev", "heldout")}
    run = subprocess.run([sys.executable, str(GOLDEN_DIR / "author.py"), "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    sys.path.insert(0, str(GOLDEN_DIR))
    try:
        import author
        import dev_set
        import heldout_set
    finally:
        sys.path.remove(str(GOLDEN_DIR))
    for name, module, prefix in (("dev", dev_set, "d"), ("heldout", heldout_set, "h")):
        rebuilt = [author.strip_private(d) for d in author.finalise(module.DIALOGUES, prefix)]
        assert [json.loads(line) for line in before[name].splitlines()] == rebuilt


def test_the_catalog_check_catches_an_impossible_expectation(catalog):
    sys.path.insert(0, str(GOLDEN_DIR))
    try:
        import author
    finally:
        sys.path.remove(str(GOLDEN_DIR))
    questions = author.faq_questions()
    impossible = {"id": "x", "turns": [author.T("핑크 셔츠", "refine_color", **author.shop(["셔츠"], colors_any=["pink"]))]}
    assert author.problems(impossible, catalog, questions)
    dishonest_none = {"id": "y", "turns": [author.T("흰 셔츠", "none", **author.none(["셔츠"], because={"colors_any": ["white"]}))]}
    assert author.problems(dishonest_none, catalog, questions)
    unknown_faq = {"id": "z", "turns": [author.T("?", "faq", **author.faq("없는 질문"))]}
    assert author.problems(unknown_faq, catalog, questions)


def test_each_dialogue_keeps_its_own_session_although_the_server_sets_a_cookie():
    """The server prefers its `sid` cookie over the body's session_id: the evaluator must not
    send one dialogue's cookie with the next dialogue's turns."""
    import httpx

    from bench.dialogue_eval import post_chat

    seen = []

    def server(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        seen.append((body["session_id"], request.headers.get("cookie")))
        return httpx.Response(200, json={"answer": "네"}, headers={"set-cookie": f"sid={body['session_id']}; Path=/"})

    with httpx.Client(base_url="http://shop.test", transport=httpx.MockTransport(server)) as client:
        assert post_chat(client, "안녕", "eval-a") == {"answer": "네"}
        post_chat(client, "안녕", "eval-b")
    assert seen == [("eval-a", None), ("eval-b", None)]


def test_http_errors_become_wrong_turns_not_crashes():
    import httpx

    from bench.dialogue_eval import post_chat

    def server(request: httpx.Request) -> httpx.Response:
        return httpx.Response(422, json={"error": {"code": "validation_error", "message": "x"}})

    with httpx.Client(base_url="http://shop.test", transport=httpx.MockTransport(server)) as client:
        assert post_chat(client, "", "eval-a")["_error"].startswith("HTTP 422")
