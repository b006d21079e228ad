"""Per-session dialogue state and its merge rules.

The state is what a shop clerk keeps in mind between turns: the active product query
(categories, price band, sizes, colours, in-stock, sort, a few search words), the products
last shown (SKUs and prices, in order) and the last FAQ topic. It is stored with the
session's history (Redis or in-process, same TTL) as one small JSON object.

Merge rules (`merge`):
- a message that only refines (a price, size, colour, sort, "더 싼 거", "그 중에") keeps
  the active query and overrides the slots it names;
- a complete new request (it names a category, or search words without an active query)
  replaces the query;
- an explicit reset ("새로 찾을래요") clears it;
- "X 말고 Y" swaps the category; "다른 색은요?" excludes the colours shown.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from llm_server.dialogue.frames import Frame
from llm_server.protocol import Filters
from llm_server.rag.filters import PARENT


@dataclass(frozen=True)
class ProductQuery:
    """The active product query: every slot optional; `words` are ranking terms."""

    categories: tuple[str, ...] = ()
    price_min: int | None = None
    price_max: int | None = None
    sizes: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()
    exclude_colors: tuple[str, ...] = ()
    exclude_categories: tuple[str, ...] = ()
    exclude_words: tuple[str, ...] = ()
    wash: tuple[str, ...] = ()
    in_stock: bool = False
    sort: str | None = None
    words: str = ""
    budget_max: int | None = None  # the shopper's stated budget: kept across new requests

    @property
    def is_empty(self) -> bool:
        return self == ProductQuery()

    def to_filters(self, exclude_skus: tuple[str, ...] = ()) -> Filters:
        """The query's constraints as the retriever's filter value object."""
        return Filters(
            price_min=self.price_min,
            price_max=self.price_max,
            categories=self.categories,
            sizes=self.sizes,
            colors=self.colors,
            exclude_colors=self.exclude_colors,
            exclude_skus=exclude_skus,
            exclude_categories=self.exclude_categories,
            exclude_words=self.exclude_words,
            wash=self.wash,
            in_stock=self.in_stock,
            sort=self.sort,
        )

    def filters(self) -> dict[str, Any]:
        """The query's constraints in the meta event's `filters` shape (empty keys left out)."""
        return self.to_filters().as_dict()


SEEN_MAX = 12


@dataclass(frozen=True)
class ShownProduct:
    sku: str
    name: str
    price: int
    categories: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()  # in stock when shown


@dataclass(frozen=True)
class DialogueState:
    query: ProductQuery = ProductQuery()
    shown: tuple[ShownProduct, ...] = ()
    #: Products shown in earlier turns, most recent first ("아까 그 셔츠"), at most SEEN_MAX.
    seen: tuple[ShownProduct, ...] = ()
    last_faq: str | None = None
    #: What the last turn answered with: "products", "faq" or "" (anything else).
    last_answer: str = ""
    #: The order-status exchange in progress (the actions package fills it).
    pending: dict = field(default_factory=dict)
    turns: int = 0

    @property
    def active(self) -> bool:
        """True inside a shop conversation: a query, shown products or an FAQ topic."""
        return not self.query.is_empty or bool(self.shown) or self.last_faq is not None

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict | None) -> DialogueState:
        if not data:
            return cls()
        try:
            query = ProductQuery(**{k: _tuple(v) for k, v in data.get("query", {}).items()})
            shown, seen = (
                tuple(ShownProduct(**{k: _tuple(v) for k, v in item.items()}) for item in data.get(key, []))
                for key in ("shown", "seen")
            )
            return cls(
                query=query,
                shown=shown,
                seen=seen,
                last_faq=data.get("last_faq"),
                last_answer=str(data.get("last_answer") or ""),
                pending=dict(data.get("pending") or {}),
                turns=int(data.get("turns", 0)),
            )
        except (TypeError, ValueError):
            return cls()  # a state written by an older version: start afresh


def _tuple(value):
    return tuple(value) if isinstance(value, list) else value


@dataclass(frozen=True)
class Merged:
    """The query a turn searches with, and whether earlier conditions were carried over."""

    query: ProductQuery
    carried_over: bool
    #: Slot names the message itself set (the rest came from the state).
    changed: tuple[str, ...] = ()


def merge(state: DialogueState, frame: Frame) -> Merged:
    """The effective product query for this turn (see the module docstring for the rules)."""
    base = state.query
    if frame.reset:
        return Merged(frame_query(frame) if frame.has_slots else ProductQuery(), False, frame.slot_names())
    if not state.active:
        return Merged(frame_query(frame), False, frame.slot_names())
    if frame.new_request and frame.bare:
        kept = replace(
            base, categories=frame.categories, colors=(), exclude_colors=(), sort=None, words=frame.words
        )
        return Merged(kept, not base.is_empty, frame.slot_names())
    if frame.new_request and frame.relative and set(frame.categories) <= _current_categories(state):
        # "더 싼 니트 보여줘" among knits: cheaper than the ones shown, not a new search
        return Merged(_refined(base, frame, state), True, frame.slot_names())
    if frame.new_request or (frame.gift and not frame.within):
        query = _with_budget(frame_query(frame), base)
        if frame.same_price and query.price_min is None and query.price_max is None:
            # "셔츠도 같은 가격대로": the new category at the band already chosen
            query = replace(query, price_min=base.price_min, price_max=base.price_max)
            return Merged(query, True, frame.slot_names())
        return Merged(query, False, frame.slot_names())
    query = _refined(base, frame, state)
    return Merged(query, not base.is_empty or bool(state.shown), frame.slot_names())


def _current_categories(state: DialogueState) -> set[str]:
    return set(state.query.categories) | {c for p in state.shown for c in p.categories}


def frame_query(frame: Frame) -> ProductQuery:
    """Only what the message itself names (no carried-over conditions)."""
    return ProductQuery(
        categories=frame.categories,
        price_min=frame.price_min,
        price_max=frame.price_max,
        sizes=frame.sizes,
        colors=frame.colors,
        exclude_colors=frame.excluded_colors,
        exclude_categories=frame.excluded_categories,
        exclude_words=frame.excluded_words,
        wash=frame.wash,
        in_stock=frame.in_stock,
        sort=frame.sort,
        words=frame.words,
        budget_max=frame.price_max if frame.budget else None,
    )


def _with_budget(query: ProductQuery, base: ProductQuery) -> ProductQuery:
    """A new request keeps the shopper's budget unless it names a price of its own."""
    if base.budget_max is None or query.price_max is not None or query.price_min is not None:
        return query
    return replace(query, price_max=base.budget_max, budget_max=base.budget_max)


def _refined(base: ProductQuery, frame: Frame, state: DialogueState) -> ProductQuery:
    query = base
    if not base.categories and not base.words and state.shown:
        query = replace(query, categories=_shown_categories(state))
    if frame.categories:
        excluded = tuple(c for c in frame.excluded_categories if c not in frame.categories)
        query = replace(query, categories=frame.categories, exclude_categories=excluded)
    elif frame.excluded_categories:
        query = _without_categories(query, frame.excluded_categories)
    if frame.price_min is not None or frame.price_max is not None:
        query = replace(query, price_min=frame.price_min, price_max=frame.price_max)
        if frame.budget:
            query = replace(query, budget_max=frame.price_max)
    query = _relative_price(query, frame, state)
    if frame.sizes:
        query = replace(query, sizes=frame.sizes)
    if frame.colors or frame.excluded_colors:
        query = replace(query, colors=frame.colors, exclude_colors=frame.excluded_colors)
    elif frame.other_color:
        shown = tuple(dict.fromkeys(c for p in state.shown for c in p.colors))
        query = replace(query, colors=(), exclude_colors=shown or base.colors)
    if frame.wash:
        query = replace(query, wash=frame.wash)
    if frame.in_stock:
        query = replace(query, in_stock=True)
    if frame.sort:
        query = replace(query, sort=frame.sort)
    if frame.words and not frame.categories:
        query = replace(query, words=(base.words + " " + frame.words).strip())
    elif frame.categories:
        query = replace(query, words=frame.words)
    if frame.excluded_words:
        query = _without_words(query, frame.excluded_words)
    return query


def _without_categories(query: ProductQuery, dropped: tuple[str, ...]) -> ProductQuery:
    """ "반팔 말고 긴팔로요" after T-shirts: keep 티셔츠, leave 반팔 out; when the query was
    only the dropped category, its parent ("반팔" -> "티셔츠") stays the search."""
    kept = tuple(c for c in query.categories if c not in dropped)
    if not kept:
        kept = tuple(dict.fromkeys(PARENT[c] for c in query.categories if c in PARENT))
    excluded = tuple(dict.fromkeys((*query.exclude_categories, *dropped)))
    return replace(query, categories=kept, exclude_categories=excluded)


def _without_words(query: ProductQuery, dropped: tuple[str, ...]) -> ProductQuery:
    """ "백팩 말고 다른 거" after backpacks: names with 백팩 are left out, and the word no
    longer ranks the search."""
    words = " ".join(w for w in query.words.split() if not any(d in w for d in dropped))
    excluded = tuple(dict.fromkeys((*query.exclude_words, *dropped)))
    return replace(query, exclude_words=excluded, words=words)


def _relative_price(query: ProductQuery, frame: Frame, state: DialogueState) -> ProductQuery:
    prices = [p.price for p in state.shown]
    if frame.relative == "cheaper":
        ceiling = min(prices) - 1 if prices else query.price_max
        if ceiling is not None:
            return replace(query, price_max=ceiling, price_min=None, sort=None)
    if frame.relative == "pricier":
        floor = max(prices) + 1 if prices else query.price_min
        if floor is not None:
            return replace(query, price_min=floor, price_max=None, sort=None)
    return query


def _shown_categories(state: DialogueState) -> tuple[str, ...]:
    """The most specific category the shown products share ("그 중에 S 사이즈")."""
    if not state.shown:
        return ()
    common = set(state.shown[0].categories)
    for product in state.shown[1:]:
        common &= set(product.categories)
    ordered = [c for c in state.shown[0].categories if c in common]
    return tuple(ordered[-1:])


def remember(
    state: DialogueState,
    query: ProductQuery,
    shown: list[ShownProduct] | None,
    faq_question: str | None,
) -> DialogueState:
    """The state after a turn: the query searched, what was shown, the FAQ answered."""
    seen = state.seen
    if shown is not None and state.shown:
        older = [p for p in state.seen if p.sku not in {s.sku for s in state.shown}]
        seen = (*state.shown, *older)[:SEEN_MAX]
    return DialogueState(
        query=query,
        shown=tuple(shown) if shown is not None else state.shown,
        seen=seen,
        last_faq=faq_question if faq_question is not None else state.last_faq,
        last_answer="products" if shown is not None else ("faq" if faq_question is not None else state.last_answer),
        pending=state.pending,
        turns=state.turns + 1,
    )
