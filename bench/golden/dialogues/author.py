"""Writes dev.jsonl and heldout.jsonl from the hand-written dialogues in dev_set.py and
heldout_set.py, after checking every expectation against the demo catalog and FAQ.

    .venv/bin/python bench/golden/dialogues/author.py          # check + write
    .venv/bin/python bench/golden/dialogues/author.py --check  # check only

The helpers below only spell out the expectation schema (README.md) compactly; the
shopper's words and what a good clerk would do are written by hand in the two sets.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from bench.dialogue_eval import CATALOG_RULES, Catalog, product_colors, sizes_in_stock  # noqa: E402

# --- shopper words -> catalog categories (what a clerk would accept) ---
SHIRT, TEE, SS, BLOUSE, KNIT = ["셔츠"], ["티셔츠"], ["반팔"], ["블라우스"], ["니트"]
MTM, HOOD, JEANS, SLACKS, SHORTS = ["맨투맨"], ["후드티"], ["청바지"], ["슬랙스"], ["반바지"]
PANTS = ["바지", "청바지", "슬랙스", "반바지"]
SKIRT, DRESS, JACKET, COAT, CARDI, PAD = ["스커트"], ["원피스"], ["자켓"], ["코트"], ["가디건"], ["패딩"]
BAG, HAT, SOCKS = ["가방"], ["모자"], ["양말"]
OUTER, TOP, BOTTOM, ACC = ["아우터"], ["상의"], ["하의"], ["잡화"]

# --- shopper colour words -> the evaluator's canonical colours they accept ---
WHITE = ["white", "ivory", "cream"]
BLACK = ["black", "black_denim"]
GRAY = ["gray", "charcoal"]
NAVY = ["navy"]
BEIGE = ["beige", "oatmeal"]
BROWN = ["brown", "camel"]
KHAKI = ["khaki"]
BLUE = ["blue", "skyblue", "navy", "light_denim", "mid_denim", "dark_denim", "raw_denim"]
SKY = ["skyblue"]
RED = ["red", "burgundy"]
BURGUNDY = ["burgundy"]
PINK = ["pink"]
GREEN = ["green", "mint"]
MINT = ["mint"]
YELLOW = ["yellow"]
PURPLE = ["purple", "lavender"]
LIGHT_DENIM = ["light_denim"]
DARK_DENIM = ["dark_denim", "raw_denim"]
IVORY = ["ivory", "cream"]
CHARCOAL = ["charcoal"]


# --- expectation helpers -----------------------------------------------------------------
def T(user: str, kind: str, **expect) -> dict:
    return {"user": user, "kind": kind, "expect": expect}


def P(categories=None, **constraints) -> dict:
    """Product constraints every returned product must meet."""
    out = {"categories_any": categories} if categories else {}
    out.update({k: v for k, v in constraints.items() if v is not None})
    return out


def shop(categories=None, n: int = 1, **constraints) -> dict:
    """A product answer: at least n products, all meeting the constraints, no 'none'."""
    return {"intent": "shop", "products": P(categories, **constraints), "min_products": n, "alternatives": False}


def sorted_shop(categories, order: str, **constraints) -> dict:
    return {**shop(categories, **constraints), "sort": order}


def none(categories, because: dict, **constraints) -> dict:
    """An honest 'nothing matches': says so and shows the nearest alternatives in the
    same category. `because` (checked against the catalog, not written out) is the
    request that matches nothing."""
    return {
        "intent": "shop",
        "alternatives": True,
        "min_products": 1,
        "products": P(categories, **constraints),
        "answer_contains_any": ["없"],
        "_none_because": because,
    }


def faq(*questions: str) -> dict:
    base = {"intent": "shop", "no_products": True}
    return {**base, "faq_top1": questions[0]} if len(questions) == 1 else {**base, "faq_top1_any": list(questions)}


def about(field: str, ref_turn: int | None = None, ref_index: int | None = None, **extra) -> dict:
    """A question about a product shown before, answered from that product's own field."""
    out = {"intent": "product_question", "about_previous_product_field": field, "products": {"shown_in_referenced_turn": True}}
    if ref_turn is not None:
        out["ref_turn"] = ref_turn
    if ref_index is not None:
        out["ref_index"] = ref_index
    return {**out, **extra}


HANDOFF = {"intent": "handoff", "no_products": True}
OFF_TOPIC = {"intent": "off_topic", "no_products": True}
GREETING = {"intent": "greeting", "no_products": True}
THANKS = {"intent": "thanks", "no_products": True}
ORDER_STATUS = {
    "intent_any": ["order_status", "shop"],
    "no_products": True,
    "answer_contains_any": ["운송장", "주문 번호", "주문번호"],
}


def D(*turns: dict) -> list[dict]:
    return list(turns)


# --- FAQ questions (exact text of data/faq.csv) -------------------------------------------
F_SHIPFEE = "배송비는 얼마인가요?"
F_FREESHIP = "얼마 이상 사면 무료배송인가요?"
F_TODAY = "오늘 주문하면 언제 출고되나요?"
F_WEEKEND = "주말에 주문하면 언제 받을 수 있나요?"
F_DAYS = "배송은 보통 며칠 걸리나요?"
F_JEJU = "제주도도 배송되나요? 추가 비용이 있나요?"
F_TRACK = "주문한 상품이 어디쯤 왔는지 확인하고 싶어요."
F_SPLIT = "여러 상품을 주문했는데 따로 와요."
F_ADDR = "배송지를 바꾸고 싶어요."
F_INTL = "해외 배송도 하나요?"
F_NOTRECV = "배송 완료라고 나오는데 상품을 못 받았어요."
F_RETURN_WHEN = "교환이나 반품은 언제까지 신청할 수 있나요?"
F_CHANGE_MIND = "단순 변심으로 반품하면 배송비가 드나요?"
F_DEFECT = "불량 상품을 받았어요. 어떻게 해야 하나요?"
F_WRONG = "주문한 것과 다른 상품이 왔어요."
F_SIZE_EX = "사이즈 교환도 가능한가요?"
F_REFUND_WHEN = "반품한 상품은 언제 환불되나요?"
F_WASHED = "택을 떼거나 세탁한 상품도 반품되나요?"
F_RETURN_SHIP = "반품 택배는 어떻게 보내나요?"
F_SALE_RETURN = "세일 상품도 교환이나 반품이 되나요?"
F_SOCKS_RETURN = "양말이나 속옷류도 반품할 수 있나요?"
F_CANCEL = "주문을 취소하고 싶어요."
F_SIZE_PICK = "제 사이즈를 어떻게 골라야 할지 모르겠어요."
F_INCH = "바지 허리 사이즈 26~34는 인치인가요?"
F_OVERFIT = "오버핏 상품은 한 사이즈 작게 사야 하나요?"
F_NUMSIZE = "85, 90, 95, 100, 105 사이즈는 어떻게 보나요?"
F_FREE = "FREE 사이즈는 누구나 입을 수 있나요?"
F_SIZE_ASK = "사이즈 문의는 어디로 하면 되나요?"
F_PAY = "어떤 결제 수단을 쓸 수 있나요?"
F_DEPOSIT = "무통장입금은 언제까지 입금해야 하나요?"
F_INSTALL = "카드 할부도 되나요?"
F_RECEIPT = "현금영수증 발급되나요?"
F_PAYERR = "결제 중 오류가 났는데 돈이 빠져나갔어요."
F_COUPON_POINTS = "쿠폰과 적립금을 같이 쓸 수 있나요?"
F_FOREIGN_CARD = "해외 발급 카드로 결제할 수 있나요?"
F_SIGNUP = "회원가입하면 어떤 혜택이 있나요?"
F_POINTS_RATE = "적립금은 얼마나 쌓이나요?"
F_POINTS_EXPIRE = "적립금에도 유효기간이 있나요?"
F_GUEST = "비회원으로도 주문할 수 있나요?"
F_PASSWORD = "아이디나 비밀번호를 잊어버렸어요."
F_REVIEW = "리뷰를 쓰면 적립금을 주나요?"
F_BIRTHDAY = "생일 쿠폰도 있나요?"
F_LINEN_WASH = "린넨 옷은 어떻게 세탁해야 하나요?"
F_LINEN_WRINKLE = "린넨 셔츠 구김은 어떻게 펴나요?"
F_KNIT_HOME = "니트는 집에서 빨아도 되나요?"
F_KNIT_SHRINK = "니트는 세탁하면 줄어드나요?"
F_PILLING = "니트 보풀은 왜 생기고 어떻게 관리하나요?"
F_DENIM_DYE = "청바지 물빠짐이 있나요?"
F_DRYER = "건조기 써도 되나요?"
F_YELLOWING = "흰 티셔츠 누렇게 변하는 걸 막으려면요?"
F_PADDING_WASH = "패딩은 세탁기로 빨아도 되나요?"
F_STORAGE = "옷을 오래 보관할 때 주의할 점이 있나요?"
F_WITHDRAW = "회원 탈퇴는 어떻게 하나요?"


# --- validation against the catalog and FAQ --------------------------------------------------
def faq_questions() -> set[str]:
    with open(ROOT / "data" / "faq.csv", encoding="utf-8-sig", newline="") as handle:
        return {row["question"].strip() for row in csv.DictReader(handle)}


def feasible(catalog: Catalog, constraints: dict) -> list[dict]:
    """Products on sale meeting the catalog-only constraints."""
    from bench.dialogue_eval import PRODUCT_RULES

    rules = {k: v for k, v in constraints.items() if k in CATALOG_RULES}
    return [p for p in catalog.shown() if all(PRODUCT_RULES[k](None, p, v) is None for k, v in rules.items())]


def problems(dialogue: dict, catalog: Catalog, questions: set[str]) -> list[str]:
    out = []
    for index, turn in enumerate(dialogue["turns"]):
        where = f"{dialogue['id']}#{index} {turn['user']!r}"
        expect = turn["expect"]
        for key in ("faq_top1",):
            if key in expect and expect[key] not in questions:
                out.append(f"{where}: unknown FAQ {expect[key]!r}")
        for q in expect.get("faq_top1_any", []):
            if q not in questions:
                out.append(f"{where}: unknown FAQ {q!r}")
        constraints = expect.get("products") or {}
        matches = feasible(catalog, constraints)
        wants = expect.get("min_products", 0)
        if expect.get("alternatives") is True:
            strict = {k: v for k, v in constraints.items()}
            strict.update(expect.get("_none_because", {}))
            if expect.get("_none_because") and feasible(catalog, strict):
                out.append(f"{where}: expects 'none' but the catalog has {[p['sku'] for p in feasible(catalog, strict)]}")
        if wants and len(matches) < wants:
            out.append(f"{where}: {len(matches)} products on sale satisfy {constraints}, {wants} required")
        if "ref_turn" in expect and expect["ref_turn"] >= index:
            out.append(f"{where}: ref_turn points forward")
    return out


def finalise(dialogues: list[list[dict]], prefix: str) -> list[dict]:
    """Ids, and the private `_none_because` note removed after validation."""
    return [{"id": f"{prefix}{i:03d}", "turns": turns} for i, turns in enumerate(dialogues, start=1)]


def strip_private(dialogue: dict) -> dict:
    turns = [{**t, "expect": {k: v for k, v in t["expect"].items() if not k.startswith("_")}} for t in dialogue["turns"]]
    return {**dialogue, "turns": turns}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    args = parser.parse_args()
    import dev_set
    import heldout_set

    catalog, questions = Catalog.load(), faq_questions()
    failed = 0
    for name, module, prefix in (("dev", dev_set, "d"), ("heldout", heldout_set, "h")):
        dialogues = finalise(module.DIALOGUES, prefix)
        issues = [p for d in dialogues for p in problems(d, catalog, questions)]
        turns = sum(len(d["turns"]) for d in dialogues)
        kinds = sorted({t["kind"] for d in dialogues for t in d["turns"]})
        print(f"{name}: {len(dialogues)} dialogues, {turns} turns, {len(kinds)} kinds")
        for issue in issues:
            print("  !", issue)
        failed += len(issues)
        if not args.check and not issues:
            lines = [json.dumps(strip_private(d), ensure_ascii=False) for d in dialogues]
            (HERE / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if failed else 0


def describe(sku: str) -> str:
    """Debug aid: a product's colours and sizes as the evaluator sees them."""
    product = Catalog.load().get(sku) or {}
    return f"{sku} {product.get('name')} {sorted(product_colors(product))} {sizes_in_stock(product)}"


if __name__ == "__main__":
    raise SystemExit(main())
