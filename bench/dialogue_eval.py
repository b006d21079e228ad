"""Multi-turn dialogue evaluation: the golden shopper conversations, turn by turn.

    .venv/bin/python bench/dialogue_eval.py [--split dev|heldout|both] [--url http://host:port]
                                            [--verbose] [--json out.json] [--limit N]

Runs every dialogue of bench/golden/dialogues/<split>.jsonl with ONE session per dialogue
(`POST /chat` with `session_id` in the body), either against an in-process app
(`llm_server.main.create_app`: embedded defaults, real Chroma with the demo catalog and
FAQ, real embedder, answer mode extractive/grounded) or against a running server (--url).
Every turn carries expectations (see bench/golden/dialogues/README.md for the schema);
a turn is right only when EVERY expectation holds. Prints turn accuracy per kind and
overall, dialogues right end to end, and the p95 of the server's `timings.total_ms`.

The checks are the evaluator's own: products are looked up by SKU in data/products.json
(price, stock, categories, wash methods) and their colours are derived here from the
catalog text with this file's colour vocabulary, independently of the implementation.
Fields the server does not produce (yet) make a turn wrong, never crash the run.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "bench" / "golden" / "dialogues"
CATALOG_PATH = ROOT / "data" / "products.json"
SPLITS = ("dev", "heldout")

# --- colours: the evaluator's own vocabulary -------------------------------------------
#: canonical colour -> words that name it (Korean and English). Denim shades are their own
#: colours (연청/중청/진청 are shades of blue, 흑청 is black denim, 생지 raw indigo denim).
COLOR_WORDS: dict[str, tuple[str, ...]] = {
    "black": ("블랙", "검정", "검은", "검정색", "까만", "black"),
    "white": ("화이트", "흰", "하얀", "흰색", "백색", "white"),
    "ivory": ("아이보리", "ivory"),
    "cream": ("크림", "cream"),
    "gray": ("그레이", "회색", "grey", "gray"),
    "charcoal": ("차콜", "charcoal"),
    "navy": ("네이비", "남색", "navy"),
    "beige": ("베이지", "beige"),
    "oatmeal": ("오트밀", "oatmeal"),
    "camel": ("카멜", "camel"),
    "brown": ("브라운", "갈색", "brown"),
    "khaki": ("카키", "khaki"),
    "blue": ("블루", "파랑", "파란", "청색", "blue"),
    "skyblue": ("소라", "하늘색", "스카이블루", "sky blue"),
    "light_denim": ("연청",),
    "mid_denim": ("중청",),
    "dark_denim": ("진청",),
    "black_denim": ("흑청",),
    "raw_denim": ("생지",),
    "red": ("레드", "빨강", "빨간", "red"),
    "burgundy": ("버건디", "와인", "burgundy"),
    "pink": ("핑크", "분홍", "pink"),
    "green": ("그린", "초록", "green"),
    "mint": ("민트", "mint"),
    "yellow": ("옐로우", "노랑", "노란", "yellow"),
    "purple": ("퍼플", "보라", "purple"),
    "lavender": ("라벤더", "연보라", "lavender"),
    "orange": ("오렌지", "주황", "orange"),
}
#: Colour families: a shopper's word for the family accepts every member (used by the
#: golden files' authors to write `colors_any`; exported in --json for transparency).
COLOR_FAMILIES: dict[str, tuple[str, ...]] = {
    "white": ("white", "ivory", "cream"),
    "black": ("black", "black_denim"),
    "gray": ("gray", "charcoal"),
    "blue": ("blue", "skyblue", "light_denim", "mid_denim", "dark_denim", "raw_denim", "navy"),
    "brown": ("brown", "camel"),
    "beige": ("beige", "oatmeal"),
    "red": ("red", "burgundy"),
    "green": ("green", "mint", "khaki"),
    "purple": ("purple", "lavender"),
}
_PAREN = re.compile(r"\(([^)]*)\)")


def colors_in_text(text: str) -> set[str]:
    """Canonical colours named in a piece of text (longest words first, no double count)."""
    text = unicodedata.normalize("NFC", text).lower()
    found: set[str] = set()
    pairs = sorted(((w.lower(), c) for c, ws in COLOR_WORDS.items() for w in ws), key=lambda p: -len(p[0]))
    for word, color in pairs:
        if word in text:
            found.add(color)
            text = text.replace(word, " ")
    return found


def product_colors(product: dict) -> set[str]:
    """A catalog product's colours: the name's parenthesis, else the name and description."""
    name = str(product.get("name", ""))
    in_parens = set().union(*(colors_in_text(m) for m in _PAREN.findall(name))) if _PAREN.search(name) else set()
    return in_parens or colors_in_text(name + " " + str(product.get("description", "")))


# --- the catalog as the evaluator knows it -----------------------------------------------
@dataclass
class Catalog:
    products: dict[str, dict]

    @classmethod
    def load(cls, path: Path = CATALOG_PATH) -> Catalog:
        items = json.loads(path.read_text(encoding="utf-8"))
        return cls({str(p["sku"]): p for p in items})

    def get(self, sku) -> dict | None:
        return self.products.get(str(sku))

    @staticmethod
    def visible(product: dict) -> bool:
        return not product.get("isDeleted") and product.get("status", "active") == "active"

    def shown(self) -> list[dict]:
        return [p for p in self.products.values() if self.visible(p)]


def sizes_in_stock(product: dict) -> list[str]:
    return [size for size, qty in (product.get("stock") or {}).items() if _int(qty) > 0]


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# --- reading a response defensively --------------------------------------------------------
def response_products(response: dict) -> list[dict]:
    items = response.get("products")
    return [p for p in items if isinstance(p, dict)] if isinstance(items, list) else []


def response_skus(response: dict | None) -> list[str]:
    return [str(p.get("sku")) for p in response_products(response or {})]


def response_faq(response: dict) -> list[dict]:
    items = response.get("faq")
    return [f for f in items if isinstance(f, dict)] if isinstance(items, list) else []


def answer_text(response: dict) -> str:
    answer = response.get("answer")
    return unicodedata.normalize("NFC", answer).lower() if isinstance(answer, str) else ""


def _compact(text: str) -> str:
    return re.sub(r"[\s,']+", "", text)


# --- the checks ------------------------------------------------------------------------------
@dataclass
class TurnContext:
    """What a check may look at: this turn's response and the dialogue so far."""

    response: dict
    history: list[dict]  # responses of the earlier turns of this dialogue, in order
    catalog: Catalog
    expect: dict

    @property
    def previous(self) -> dict | None:
        return self.history[-1] if self.history else None

    def referenced_turn(self) -> dict | None:
        index = self.expect.get("ref_turn")
        if index is None:
            return self.previous
        return self.history[index] if -len(self.history) <= index < len(self.history) else None

    def catalog_products(self, response: dict | None) -> list[dict]:
        return [p for sku in response_skus(response) if (p := self.catalog.get(sku))]


Check = Callable[[TurnContext, object], list[str]]


def check_intent(ctx: TurnContext, wanted) -> list[str]:
    got = ctx.response.get("intent")
    return [] if got == wanted else [f"intent {got!r}, expected {wanted!r}"]


def check_intent_any(ctx: TurnContext, wanted) -> list[str]:
    got = ctx.response.get("intent")
    return [] if got in wanted else [f"intent {got!r}, expected one of {list(wanted)!r}"]


def check_min_products(ctx: TurnContext, wanted) -> list[str]:
    count = len(response_products(ctx.response))
    return [] if count >= int(wanted) else [f"{count} products, expected at least {wanted}"]


def check_no_products(ctx: TurnContext, wanted) -> list[str]:
    count = len(response_products(ctx.response))
    if wanted and count:
        return [f"{count} product cards on an answer that should carry none ({', '.join(response_skus(ctx.response))})"]
    return []


def check_alternatives(ctx: TurnContext, wanted) -> list[str]:
    got = ctx.response.get("alternatives")
    return [] if bool(got) == bool(wanted) and isinstance(got, bool) else [f"alternatives {got!r}, expected {wanted!r}"]


def check_not_refused(ctx: TurnContext, wanted) -> list[str]:
    if not wanted:
        return []
    refused = ctx.response.get("intent") == "off_topic" or ctx.response.get("off_topic") is True
    return ["refused as off-topic"] if refused else []


def check_faq_top1(ctx: TurnContext, wanted) -> list[str]:
    return check_faq_top1_any(ctx, [wanted])


def check_faq_top1_any(ctx: TurnContext, wanted) -> list[str]:
    faq = response_faq(ctx.response)
    top = faq[0].get("question") if faq else None
    return [] if top in wanted else [f"top FAQ {top!r}, expected one of {list(wanted)!r}"]


def check_faq_choices_include(ctx: TurnContext, wanted) -> list[str]:
    offered = [f.get("question") for f in response_faq(ctx.response)[:3]]
    suggestions = ctx.response.get("suggestions")
    offered += [s for s in suggestions if isinstance(s, str)] if isinstance(suggestions, list) else []
    return [] if wanted in offered else [f"FAQ {wanted!r} not among the offered questions {offered!r}"]


def check_answer_contains_any(ctx: TurnContext, wanted) -> list[str]:
    answer = _compact(answer_text(ctx.response))
    if any(_compact(unicodedata.normalize("NFC", w).lower()) in answer for w in wanted):
        return []
    return [f"answer mentions none of {list(wanted)!r}"]


def check_answer_contains_none(ctx: TurnContext, wanted) -> list[str]:
    answer = _compact(answer_text(ctx.response))
    said = [w for w in wanted if _compact(unicodedata.normalize("NFC", w).lower()) in answer]
    return [f"answer says {said!r}"] if said else []


def check_about_previous_product_field(ctx: TurnContext, field_name) -> list[str]:
    """The answer states the referenced product's own value(s) of `field_name`.

    The referenced product is product `ref_index` (default 0, the first card) of turn
    `ref_turn` (default: the previous turn), looked up in the catalog.
    washMethods: every wash label of that product; stock: every size in stock (or 품절);
    price: the price (29,000 / 29000 / 2만9000 / 2만 9천).
    """
    turn = ctx.referenced_turn()
    skus = response_skus(turn)
    index = int(ctx.expect.get("ref_index", 0))
    if index >= len(skus):
        return [f"the referenced turn showed {len(skus)} products: nothing at position {index} to answer about"]
    product = ctx.catalog.get(skus[index])
    if product is None:
        return [f"referenced product {skus[index]} is not in the catalog"]
    answer = answer_text(ctx.response)
    checker = FIELD_CHECKS.get(field_name)
    if checker is None:
        return [f"unknown product field {field_name!r}"]
    return checker(product, answer)


def _wash_labels_said(product: dict, answer: str) -> list[str]:
    labels = [w.get("label", "") for w in product.get("washMethods") or [] if isinstance(w, dict)]
    compact = _compact(answer)
    missing = [label for label in labels if _compact(label.lower()) not in compact]
    return [f"answer lacks {product['sku']}'s wash methods {missing!r}"] if missing else []


def _sizes_said(product: dict, answer: str) -> list[str]:
    sizes = sizes_in_stock(product)
    if not sizes:
        return [] if "품절" in answer else [f"{product['sku']} is sold out; the answer does not say so"]
    missing = [s for s in sizes if not re.search(rf"(?<![a-z0-9]){re.escape(s.lower())}(?![a-z0-9])", answer)]
    return [f"answer lacks {product['sku']}'s sizes in stock {missing!r}"] if missing else []


def price_forms(price: int) -> set[str]:
    forms = {str(price)}
    man, rest = divmod(price, 10_000)
    if man:
        forms.add(f"{man}만" if rest == 0 else f"{man}만{rest}")
        if rest and rest % 1000 == 0:
            forms.add(f"{man}만{rest // 1000}천")
    return forms


def _price_said(product: dict, answer: str) -> list[str]:
    compact = _compact(answer)
    if any(form in compact for form in price_forms(_int(product.get("price")))):
        return []
    return [f"answer lacks {product['sku']}'s price {_int(product.get('price')):,}원"]


FIELD_CHECKS: dict[str, Callable[[dict, str], list[str]]] = {
    "washMethods": _wash_labels_said,
    "stock": _sizes_said,
    "price": _price_said,
}


def check_products(ctx: TurnContext, constraints) -> list[str]:
    """Every returned product exists, is on sale, and meets every constraint."""
    failures: list[str] = []
    for item in response_products(ctx.response):
        sku = str(item.get("sku"))
        product = ctx.catalog.get(sku)
        if product is None:
            failures.append(f"{sku}: not in the catalog")
            continue
        if not Catalog.visible(product):
            failures.append(f"{sku}: deleted or not on sale")
        failures += [f"{sku} {product.get('name')}: {msg}" for msg in product_violations(ctx, product, constraints)]
    return failures


def product_violations(ctx: TurnContext, product: dict, constraints: dict) -> list[str]:
    out = []
    for key, wanted in constraints.items():
        rule = PRODUCT_RULES.get(key)
        if rule is None:
            out.append(f"unknown product constraint {key!r}")
            continue
        message = rule(ctx, product, wanted)
        if message:
            out.append(message)
    return out


def _previous_prices(ctx: TurnContext) -> list[int]:
    return [_int(p.get("price")) for p in ctx.catalog_products(ctx.previous)]


def _rule_categories_any(_ctx, product, wanted):
    return None if set(product.get("category") or []) & set(wanted) else f"category {product.get('category')} not in {wanted}"


def _rule_categories_none(_ctx, product, wanted):
    both = set(product.get("category") or []) & set(wanted)
    return f"excluded category {sorted(both)}" if both else None


def _rule_price_max(_ctx, product, wanted):
    return None if _int(product.get("price")) <= int(wanted) else f"price {product.get('price')} > {wanted}"


def _rule_price_min(_ctx, product, wanted):
    return None if _int(product.get("price")) >= int(wanted) else f"price {product.get('price')} < {wanted}"


def _rule_colors_any(_ctx, product, wanted):
    colors = product_colors(product)
    return None if colors & set(wanted) else f"colours {sorted(colors)} not in {wanted}"


def _rule_colors_none(_ctx, product, wanted):
    both = product_colors(product) & set(wanted)
    return f"excluded colours {sorted(both)}" if both else None


def _rule_size_in_stock(_ctx, product, wanted):
    sizes = [wanted] if isinstance(wanted, str) else list(wanted)
    stocked = sizes_in_stock(product)
    return None if any(s in stocked for s in sizes) else f"size {wanted} not in stock (in stock: {stocked})"


def _rule_in_stock(_ctx, product, wanted):
    return f"sold out ({product.get('stock')})" if wanted and not sizes_in_stock(product) else None


def _rule_wash_any(_ctx, product, wanted):
    labels = {w.get("label") for w in product.get("washMethods") or [] if isinstance(w, dict)}
    return None if labels & set(wanted) else f"wash methods {sorted(labels)} have none of {wanted}"


def _rule_name_any(_ctx, product, wanted):
    """Its catalog name says one of these words (a material or style the shopper asked for)."""
    name = str(product.get("name", ""))
    return None if any(w in name for w in wanted) else f"name says none of {wanted}"


def _rule_name_none(_ctx, product, wanted):
    name = str(product.get("name", ""))
    said = [w for w in wanted if w in name]
    return f"name says excluded {said}" if said else None


def _rule_cheaper_than_previous(ctx, product, wanted):
    """Cheaper than the CHEAPEST product of the previous turn (strictly)."""
    prices = _previous_prices(ctx)
    if not wanted:
        return None
    if not prices:
        return "the previous turn showed no products to be cheaper than"
    return None if _int(product.get("price")) < min(prices) else f"price {product.get('price')} not below previous minimum {min(prices)}"


def _rule_pricier_than_previous(ctx, product, wanted):
    """Dearer than the DEAREST product of the previous turn (strictly)."""
    prices = _previous_prices(ctx)
    if not wanted:
        return None
    if not prices:
        return "the previous turn showed no products to be pricier than"
    return None if _int(product.get("price")) > max(prices) else f"price {product.get('price')} not above previous maximum {max(prices)}"


def _leaf(product: dict) -> str:
    categories = product.get("category") or [""]
    return categories[-1]


def _rule_subset_of_categories_of_previous(ctx, product, wanted):
    """Its most specific category is one of the previous turn's products' (same kind of thing)."""
    if not wanted:
        return None
    leaves = {_leaf(p) for p in ctx.catalog_products(ctx.previous)}
    if not leaves:
        return "the previous turn showed no products"
    return None if _leaf(product) in leaves else f"category {_leaf(product)!r} not among previous {sorted(leaves)}"


def _rule_colors_disjoint_previous(ctx, product, wanted):
    """A colour the previous turn did not show ("다른 색은요?")."""
    if not wanted:
        return None
    before = set().union(*(product_colors(p) for p in ctx.catalog_products(ctx.previous))) if ctx.history else set()
    if not before:
        return "the previous turn showed no coloured products"
    both = product_colors(product) & before
    return f"same colour as before {sorted(both)}" if both or not product_colors(product) else None


def _rule_not_shown_before(ctx, product, wanted):
    """Not one of the previous turn's products ("다른 거")."""
    return f"{product['sku']} was already shown" if wanted and product["sku"] in response_skus(ctx.previous) else None


def _rule_shown_in_referenced_turn(ctx, product, wanted):
    """Only the products being talked about (a reference question shows no unrelated cards)."""
    if not wanted:
        return None
    return None if product["sku"] in response_skus(ctx.referenced_turn()) else "not one of the products referred to"


PRODUCT_RULES: dict[str, Callable] = {
    "categories_any": _rule_categories_any,
    "categories_none": _rule_categories_none,
    "price_max": _rule_price_max,
    "price_min": _rule_price_min,
    "colors_any": _rule_colors_any,
    "colors_none": _rule_colors_none,
    "size_in_stock": _rule_size_in_stock,
    "in_stock": _rule_in_stock,
    "wash_any": _rule_wash_any,
    "name_any": _rule_name_any,
    "name_none": _rule_name_none,
    "cheaper_than_previous": _rule_cheaper_than_previous,
    "pricier_than_previous": _rule_pricier_than_previous,
    "subset_of_categories_of_previous": _rule_subset_of_categories_of_previous,
    "colors_disjoint_previous": _rule_colors_disjoint_previous,
    "not_shown_before": _rule_not_shown_before,
    "shown_in_referenced_turn": _rule_shown_in_referenced_turn,
}


def check_sort(ctx: TurnContext, order) -> list[str]:
    """Sorted by price, and the first card is the cheapest (dearest) product on sale that
    meets this turn's other product constraints."""
    products = ctx.catalog_products(ctx.response)
    if not products:
        return ["no products to sort"]
    prices = [_int(p.get("price")) for p in products]
    descending = order == "price_desc"
    if prices != sorted(prices, reverse=descending):
        return [f"prices {prices} not in {order} order"]
    constraints = {k: v for k, v in (ctx.expect.get("products") or {}).items() if k in CATALOG_RULES}
    pool = [_int(p["price"]) for p in ctx.catalog.shown() if not product_violations(ctx, p, constraints)]
    best = (max if descending else min)(pool) if pool else None
    return [] if best is None or prices[0] == best else [f"first price {prices[0]}, the {order} product costs {best}"]


#: Constraints that depend only on the catalog (usable to compute the best possible answer).
CATALOG_RULES = ("categories_any", "categories_none", "price_max", "price_min", "colors_any", "colors_none", "size_in_stock", "in_stock", "wash_any", "name_any", "name_none")

CHECKS: dict[str, Check] = {
    "intent": check_intent,
    "intent_any": check_intent_any,
    "products": check_products,
    "min_products": check_min_products,
    "no_products": check_no_products,
    "alternatives": check_alternatives,
    "not_refused": check_not_refused,
    "faq_top1": check_faq_top1,
    "faq_top1_any": check_faq_top1_any,
    "faq_choices_include": check_faq_choices_include,
    "answer_contains_any": check_answer_contains_any,
    "answer_contains_none": check_answer_contains_none,
    "about_previous_product_field": check_about_previous_product_field,
    "sort": check_sort,
}
#: Keys that parameterise other checks rather than being checks themselves.
MODIFIERS = frozenset({"ref_turn", "ref_index"})


def check_turn(expect: dict, response: dict, history: list[dict], catalog: Catalog) -> list[str]:
    """Every failed expectation of one turn (empty: the turn is right)."""
    return [f for failures in check_turn_by_key(expect, response, history, catalog).values() for f in failures]


def check_turn_by_key(expect: dict, response: dict, history: list[dict], catalog: Catalog) -> dict[str, list[str]]:
    """Expectation key -> its failures (empty list: it held)."""
    if not isinstance(response, dict):
        return {"response": [f"no JSON object in the response: {response!r}"[:200]]}
    if "_error" in response:
        return {"response": [f"request failed: {response['_error']}"]}
    ctx = TurnContext(response, history, catalog, expect)
    out: dict[str, list[str]] = {}
    for key, wanted in expect.items():
        if key in MODIFIERS:
            continue
        check = CHECKS.get(key)
        if check is None:
            out[key] = [f"unknown expectation {key!r}"]
            continue
        try:
            out[key] = check(ctx, wanted)
        except Exception as exc:  # noqa: BLE001 - an odd response is a wrong turn, not a crash
            out[key] = [f"{key}: could not check ({type(exc).__name__}: {exc})"]
    return out


# --- talking to the server --------------------------------------------------------------------
class HttpClient:
    def __init__(self, url: str, timeout: float = 120.0):
        import httpx

        self._client = httpx.Client(base_url=url.rstrip("/"), timeout=timeout)

    def chat(self, message: str, session_id: str) -> dict:
        return post_chat(self._client, message, session_id)

    def close(self) -> None:
        self._client.close()


def post_chat(client, message: str, session_id: str) -> dict:
    """One turn with `session_id` in the body, as the issue's contract says.

    The server also sets a `sid` cookie, which it prefers over the body: cookies are
    cleared first, so one dialogue's session never leaks into the next.
    """
    client.cookies.clear()
    return _decode(client.post("/chat", json={"message": message, "session_id": session_id}))


class InProcessClient:
    """The app as `make run` builds it (embedded defaults), on a temporary Chroma."""

    def __init__(self, ready_timeout: float = 600.0):
        from fastapi.testclient import TestClient

        from llm_server.config import Settings
        from llm_server.main import create_app

        self._tmp = tempfile.TemporaryDirectory(prefix="dialogue-eval-")
        settings = Settings(
            chroma_path=str(Path(self._tmp.name) / "chroma"),
            demo_data_dir=str(ROOT / "data"),
            load_demo_data=True,
            voice_enabled=False,
            answer_mode=_template_answer_mode(Settings),
        )
        self.answer_mode = settings.answer_mode
        self._client = TestClient(create_app(settings))
        self._client.__enter__()
        self._wait_ready(ready_timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        body: dict = {}
        while time.monotonic() < deadline:
            body = self._client.get("/health/ready").json()
            checks = body.get("checks", {})
            # The LLM is not needed for template answers; the catalog, FAQ and sessions are.
            if all(checks.get(name, {}).get("ok") for name in ("products", "faq", "sessions")):
                return
            time.sleep(0.2)
        raise TimeoutError(f"app not ready after {timeout}s: {body}")

    def chat(self, message: str, session_id: str) -> dict:
        return post_chat(self._client, message, session_id)

    def close(self) -> None:
        self._client.__exit__(None, None, None)
        self._tmp.cleanup()


def _template_answer_mode(settings_cls) -> str:
    """`extractive` where the settings know it (issue 11 rename), else `grounded`."""
    annotation = str(settings_cls.model_fields["answer_mode"].annotation)
    return "extractive" if "extractive" in annotation else "grounded"


def _decode(response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {"_error": f"HTTP {response.status_code}, not JSON: {response.text[:120]!r}"}
    if response.status_code != 200:
        return {"_error": f"HTTP {response.status_code}: {json.dumps(body, ensure_ascii=False)[:200]}"}
    return body if isinstance(body, dict) else {"_error": f"not a JSON object: {body!r}"[:200]}


# --- running and scoring ---------------------------------------------------------------------
@dataclass
class TurnResult:
    dialogue: str
    index: int
    user: str
    kind: str
    failures: list[str]
    total_ms: float | None
    wall_ms: float
    summary: dict = field(default_factory=dict)
    #: expectation key -> whether it held (diagnostics: which checks fail most)
    checks: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures


def load_split(name: str, directory: Path = GOLDEN_DIR) -> list[dict]:
    path = directory / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_dialogue(client, dialogue: dict, catalog: Catalog, split: str) -> list[TurnResult]:
    session_id = f"eval-{split}-{dialogue['id']}-{uuid.uuid4().hex[:8]}"
    history: list[dict] = []
    results = []
    for index, turn in enumerate(dialogue["turns"]):
        started = time.perf_counter()
        try:
            response = client.chat(turn["user"], session_id)
        except Exception as exc:  # noqa: BLE001 - transport errors are wrong turns
            response = {"_error": f"{type(exc).__name__}: {exc}"}
        wall_ms = (time.perf_counter() - started) * 1000
        by_key = check_turn_by_key(turn.get("expect") or {}, response, history, catalog)
        failures = [f for found in by_key.values() for f in found]
        results.append(
            TurnResult(
                dialogue["id"], index, turn["user"], turn.get("kind", "?"), failures, _total_ms(response), wall_ms,
                summarize_response(response), {key: not found for key, found in by_key.items()},
            )
        )
        history.append(response)
    return results


def _total_ms(response: dict) -> float | None:
    timings = response.get("timings") if isinstance(response, dict) else None
    value = timings.get("total_ms") if isinstance(timings, dict) else None
    return float(value) if isinstance(value, int | float) else None


def summarize_response(response: dict) -> dict:
    if "_error" in response:
        return {"error": response["_error"]}
    faq = response_faq(response)
    return {
        "intent": response.get("intent"),
        "skus": response_skus(response),
        "faq_top1": faq[0].get("question") if faq else None,
        "alternatives": response.get("alternatives"),
        "filters": response.get("filters"),
        "answer": (response.get("answer") or "")[:160] if isinstance(response.get("answer"), str) else None,
    }


def percentile(values: Iterable[float], share: float) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def score(results: list[TurnResult], dialogues: int) -> dict:
    by_kind: dict[str, list[bool]] = defaultdict(list)
    by_dialogue: dict[str, list[bool]] = defaultdict(list)
    by_check: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        by_kind[r.kind].append(r.ok)
        by_dialogue[r.dialogue].append(r.ok)
        for key, held in r.checks.items():
            by_check[key].append(held)
    right = sum(r.ok for r in results)
    totals = [r.total_ms for r in results if r.total_ms is not None]
    return {
        "turns": len(results),
        "turns_right": right,
        "turn_accuracy": round(right / len(results), 3) if results else 0.0,
        "dialogues": dialogues,
        "dialogues_right": sum(all(v) for v in by_dialogue.values()),
        "per_kind": {k: {"n": len(v), "right": sum(v), "accuracy": round(sum(v) / len(v), 3)} for k, v in sorted(by_kind.items())},
        "per_check": {k: {"n": len(v), "held": sum(v), "share": round(sum(v) / len(v), 3)} for k, v in sorted(by_check.items())},
        "p95_total_ms": percentile(totals, 0.95),
        "p50_total_ms": percentile(totals, 0.50),
        "p95_wall_ms": round(percentile([r.wall_ms for r in results], 0.95) or 0.0, 1),
    }


def print_report(split: str, summary: dict, results: list[TurnResult], verbose: bool) -> None:
    print(f"\n== {split}: {summary['turns_right']}/{summary['turns']} turns right "
          f"({summary['turn_accuracy']:.3f}), {summary['dialogues_right']}/{summary['dialogues']} dialogues right end to end")
    print(f"   timings.total_ms p50 {summary['p50_total_ms']}  p95 {summary['p95_total_ms']}  (client wall p95 {summary['p95_wall_ms']} ms)")
    if "state_p95_ms" in summary:
        print(f"   dialogue layer (interpret + plan + remember + state JSON) p50 {summary['state_p50_ms']} ms  p95 {summary['state_p95_ms']} ms")
    print(f"   {'kind':28} {'n':>4} {'right':>6} {'acc':>6}")
    for kind, row in summary["per_kind"].items():
        print(f"   {kind:28} {row['n']:>4} {row['right']:>6} {row['accuracy']:>6.3f}")
    print("   expectations held (a turn needs all of its own):")
    for key, row in summary["per_check"].items():
        print(f"   {key:28} {row['n']:>4} {row['held']:>6} {row['share']:>6.3f}")
    if verbose:
        for r in results:
            if not r.ok:
                print(f"  x {r.dialogue}#{r.index} [{r.kind}] {r.user!r}")
                for failure in r.failures:
                    print(f"      - {failure}")
                print(f"      got: {json.dumps(r.summary, ensure_ascii=False)[:400]}")


def evaluate(client, splits: list[str], catalog: Catalog, limit: int | None = None, directory: Path = GOLDEN_DIR) -> dict:
    report = {}
    for split in splits:
        dialogues = load_split(split, directory)[:limit]
        results: list[TurnResult] = []
        for number, dialogue in enumerate(dialogues, start=1):
            results += run_dialogue(client, dialogue, catalog, split)
            if number % 20 == 0 or number == len(dialogues):
                print(f"  {split}: {number}/{len(dialogues)} dialogues", file=sys.stderr, flush=True)
        summary = score(results, len(dialogues)) | state_overhead(dialogues, results)
        report[split] = {"summary": summary, "results": results}
    return report


def state_overhead(dialogues: list[dict], results: list[TurnResult], repeats: int = 5) -> dict:
    """What the dialogue layer costs per turn, in ms (issue 12: <= 5 ms p95).

    Replays every turn through the pure dialogue path a turn runs around retrieval:
    `interpret` (frame, prices, colours, typos), `plan_turn` with the shipped topic gate
    (merge rules), `remember` with the SKUs the server showed, and the JSON round trip the
    session store does. Retrieval and answer writing are not included; each turn is timed
    `repeats` times and the median taken.
    """
    from llm_server.dialogue.frames import interpret
    from llm_server.dialogue.gate import TopicGate
    from llm_server.dialogue.plan import plan_turn
    from llm_server.dialogue.state import DialogueState, ShownProduct, remember

    gate = TopicGate()
    gate.load()
    shown_by_turn = {(r.dialogue, r.index): r.summary.get("skus") or [] for r in results}
    times: list[float] = []
    for dialogue in dialogues:
        state = DialogueState()
        for index, turn in enumerate(dialogue["turns"]):
            skus = shown_by_turn.get((dialogue["id"], index), [])
            samples = []
            for _ in range(repeats):
                start = time.perf_counter()
                plan = plan_turn(interpret(turn["user"]), state, gate)
                shown = [ShownProduct(sku, "", 0) for sku in skus] or None
                after = remember(state, plan.query, shown, None)
                after = DialogueState.from_json(json.loads(json.dumps(after.to_json(), ensure_ascii=False)))
                samples.append((time.perf_counter() - start) * 1000)
            times.append(sorted(samples)[len(samples) // 2])
            state = after
    return {
        "state_p50_ms": round(percentile(times, 0.50) or 0.0, 3),
        "state_p95_ms": round(percentile(times, 0.95) or 0.0, 3),
        "state_turns": len(times),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=(*SPLITS, "both"), default="dev")
    parser.add_argument("--url", help="a running llm_server (POST /chat); default: in-process app")
    parser.add_argument("--verbose", action="store_true", help="list every failed turn")
    parser.add_argument("--json", dest="json_path", help="write the figures and every turn's result here")
    parser.add_argument("--limit", type=int, help="only the first N dialogues of each split")
    args = parser.parse_args(argv)

    splits = list(SPLITS) if args.split == "both" else [args.split]
    catalog = Catalog.load()
    client = HttpClient(args.url) if args.url else InProcessClient()
    target = args.url or f"in-process app (answer_mode={client.answer_mode})"
    try:
        report = evaluate(client, splits, catalog, args.limit)
    finally:
        client.close()
    print(f"dialogue_eval against {target}")
    for split in splits:
        print_report(split, report[split]["summary"], report[split]["results"], args.verbose)
    if args.json_path:
        payload = {
            "target": target,
            "color_words": COLOR_WORDS,
            "color_families": COLOR_FAMILIES,
            **{
                split: {
                    "summary": report[split]["summary"],
                    "turns": [r.__dict__ | {"ok": r.ok} for r in report[split]["results"]],
                }
                for split in splits
            },
        }
        Path(args.json_path).write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
