"""Retrieval contracts and the dense (vector-only) implementation.

`Searcher` ranks products and FAQ entries for a query (dense here; BM25 and hybrid plug
in beside it). `ShopRetriever` turns a shopper's question into a `RetrievalResult`: the
products and FAQ entries an answer is built from, plus what the question asked for.
"""

from __future__ import annotations

import copy
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from llm_server.protocol import FaqEntry, Filters, Intent, Product
from llm_server.rag.colors import COLORS
from llm_server.rag.dense_memory import DenseMemory
from llm_server.rag.documents import faq_from_metadata, product_from_metadata
from llm_server.rag.filters import CATEGORY_WORDS, PARENT, ParsedQuery, parse_query
from llm_server.rag.korean import words
from llm_server.rag.store import Hit, VectorStore


@dataclass(frozen=True)
class Collections:
    products: str = "products"
    faq: str = "faq"


@dataclass
class RetrievalResult:
    """What one turn retrieved: the data an answer is built from, and what was asked for."""

    products: list[Product] = field(default_factory=list)
    faq: list[FaqEntry] = field(default_factory=list)
    filters: Filters = field(default_factory=Filters)
    intent: Intent = "shop"
    suggestions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: True when the filters matched nothing and `products` are the nearest alternatives.
    alternatives: bool = False
    #: True when the question asks for products (vs. a store-policy question for the FAQ).
    wants_products: bool = True
    #: Attribute words the shopper asked for ("스트라이프") that no product within the
    #: filters has, while others in the category do: `products` are those alternatives.
    missing_words: list[str] = field(default_factory=list)

    @property
    def off_topic(self) -> bool:
        return self.intent == "off_topic"


class Searcher(ABC):
    """Ranks catalog products and FAQ entries for a free-text query."""

    name: str

    @abstractmethod
    def search_products(
        self, query: str, limit: int, filters: Filters | None = None
    ) -> list[Product]: ...

    @abstractmethod
    def search_faq(self, query: str, limit: int) -> list[FaqEntry]: ...

    @abstractmethod
    def list_products(self, filters: Filters | None = None) -> list[Product]:
        """Every product passing `filters`, unranked (sorting intents rank the whole catalog)."""

    def refresh(self, force: bool = False) -> None:  # noqa: B027 - optional hook
        """Pick up index changes made by another process (pipeline); `force`: now, not
        after the searcher's throttle (an admin edit the next turn must see)."""


class DenseSearcher(Searcher):
    name = "dense"

    def __init__(
        self,
        store: VectorStore,
        collections: Collections = Collections(),
        memory: DenseMemory | None = None,
    ):
        """`memory`: in-memory search of small collections (dense_memory.py), else Chroma."""
        self.store = store
        self.collections = collections
        self.memory = memory

    def search_products(
        self, query: str, limit: int, filters: Filters | None = None
    ) -> list[Product]:
        hits = self._query(self.collections.products, self.embed(query), limit, filters)
        return [product_from_metadata(h.metadata, h.similarity) for h in hits]

    def search_faq(self, query: str, limit: int) -> list[FaqEntry]:
        hits = self._query(self.collections.faq, self.embed(query), limit)
        return [faq_from_metadata(h.id, h.metadata, h.similarity) for h in hits]

    def _query(self, name: str, vector: list[float], n: int, filters: Filters | None = None) -> list[Hit]:
        hits = self.memory.query(name, vector, n, filters) if self.memory is not None else None
        return self.store.query(name, vector, n, filters) if hits is None else hits

    def refresh(self, force: bool = False) -> None:
        if self.memory is not None:
            self.memory.refresh(force)

    def list_products(self, filters: Filters | None = None) -> list[Product]:
        hits = self.store.get(self.collections.products, filters=filters, documents=False)
        return [product_from_metadata(h.metadata) for h in hits]

    def embed(self, query: str) -> list[float]:
        """The query vector; repeats come from the embedder's own LRU cache (CachedEmbedder)."""
        return self.store.embedder.embed_query(query)


def browse_products(
    store: VectorStore, collection: str, limit: int, filters: Filters | None = None
) -> list[Product]:
    """The catalog in a stable order (by SKU), for the shop grid and sorting intents."""
    products = [
        product_from_metadata(h.metadata) for h in store.iter_all(collection, documents=False)
    ]
    if filters is not None:
        products = [p for p in products if filters.matches(p)]
    return sorted(products, key=lambda p: p.sku)[:limit]


#: Retrieval reads the start of a very long message; filters are parsed from all of it.
MAX_QUERY_CHARS = 500
#: Words that ask for products rather than a policy answer ("추천해줘", "보여줘", "찾아요").
PRODUCT_INTENT = frozenset(
    words("추천 찾 보이 보여 사 살 골라 고르 어울리 코디 상품 제품 옷 신상 종류 있 구경")
)
#: Words of store-policy and care questions, answered from the FAQ.
POLICY_WORDS = frozenset(
    words(
        "세탁 빨 관리 보관 배송 배송비 교환 반품 환불 취소 결제 적립금 쿠폰 회원 언제 방법 며칠 얼마나"
    )
)
HOW_TO = re.compile(r"어떻게|되나요|돼요|될까요|가능한가요|가능해요|방법")
#: One FAQ question per most-asked topic, offered when nothing more related is at hand.
DEFAULT_SUGGESTION_QUERIES = ("배송비 무료배송", "교환 반품 신청 기간", "사이즈 고르는 방법")
#: Words of sorting phrases, not of what is being sorted ("제일 싼 린넨 셔츠" -> 린넨).
SORT_WORDS = frozenset(
    words("가장 제일 젤 싸 저렴 비싸 최저가 최고가 고가 순 가격 상품 제품 거 것 뭐")
)


class QuestionGate(Protocol):
    """Whether one question belongs to the shop (dialogue.gate.QuestionGate)."""

    def classify(self, text: str, has_filters: bool = False): ...


class LexicalIndex(Protocol):
    """What ShopRetriever needs from the BM25 side (lexical.BM25Searcher)."""

    tokenizer: object

    def match_share(self, kind: str, terms: list[str]) -> float: ...
    def skus_matching(self, query: str) -> set[str]: ...
    def refresh(self, force: bool = False) -> None: ...


class ShopRetriever:
    """Question -> RetrievalResult: topic gate, filters, ranking, alternatives, suggestions.

    `searcher` ranks (dense, BM25 or hybrid); `lexical` (optional) supplies the morpheme
    signals for intent and sorting; `gate` (optional) is the topic gate.
    """

    def __init__(
        self,
        searcher: Searcher,
        products_k: int = 4,
        faq_k: int = 3,
        suggestions_k: int = 3,
        lexical: LexicalIndex | None = None,
        gate: QuestionGate | None = None,
        suggestions_ttl_s: float = 60.0,
    ):
        self.searcher = searcher
        self.products_k = products_k
        self.faq_k = faq_k
        self.suggestions_k = suggestions_k
        self.lexical = lexical
        self.gate = gate
        self._suggestions_ttl_s = suggestions_ttl_s
        self._defaults: tuple[float, list[str]] = (float("-inf"), [])

    def retrieve(self, question: str) -> RetrievalResult:
        self.refresh()
        parsed = parse_query(question)
        text = question.strip()[:MAX_QUERY_CHARS]
        decision = self.gate.classify(text, not parsed.filters.is_empty) if self.gate else None
        if decision is not None and decision.intent != "shop":
            return RetrievalResult(
                intent=decision.intent, suggestions=self.default_suggestions(), notes=parsed.notes
            )
        faq = self.searcher.search_faq(text, self.faq_k + self.suggestions_k + 1)
        products, alternatives = self._products(text, parsed)
        wants_products = self._wants_products(text, parsed, products, faq)
        return RetrievalResult(
            products=products,
            faq=faq[: self.faq_k],
            filters=parsed.filters,
            suggestions=self._suggestions(text, faq, wants_products),
            notes=parsed.notes,
            alternatives=alternatives,
            wants_products=wants_products,
        )

    def retrieve_turn(
        self,
        text: str,
        filters: Filters,
        wants_products: bool | None = None,
        notes: Sequence[str] = (),
    ) -> RetrievalResult:
        """Retrieval for a turn the dialogue layer has already read and gated.

        `text`: the ranking words (the message, or the state's words for a refinement);
        `filters`: the effective filters, merged with the dialogue state's;
        `wants_products`: True when the turn certainly asks for products (it names a slot
        or refines the shown ones), None to decide between products and the FAQ from the
        text. An FAQ answer carries no product cards.
        """
        self.refresh()
        text = text.strip()[:MAX_QUERY_CHARS] or " ".join(filters.categories) or "추천 상품"
        parsed = ParsedQuery(filters=filters, notes=list(notes), text=text)
        faq = self.searcher.search_faq(text, self.faq_k + self.suggestions_k + 1)
        if wants_products is False:  # a care or policy question: no product search at all
            products, alternatives, missing = [], False, []
        else:
            products, alternatives, missing = self._turn_products(text, parsed)
        wants = wants_products if wants_products is not None else self._wants_products(
            text, parsed, products, faq
        )
        if not wants:
            products, alternatives, missing = [], False, []
        shown_faq = faq[: self.faq_k] if not (wants and products) else []  # no stray FAQ chips
        return RetrievalResult(
            products=products,
            faq=shown_faq,
            filters=filters,
            suggestions=self._suggestions(text, faq, wants),
            notes=list(notes),
            alternatives=alternatives,
            wants_products=wants,
            missing_words=missing,
        )

    def _turn_products(self, text: str, parsed: ParsedQuery) -> tuple[list[Product], bool, list[str]]:
        """Products for a turn: filtered, ranked, then narrowed to the ones whose names carry
        the attribute words the shopper used ("울 코트", "린넨 반바지", "에코백").

        Returns (products, alternatives, missing words): when an attribute word names
        products of the category but none within the other filters ("2만원대 스트라이프
        셔츠"), the products are the category's ones with that word (alternatives)."""
        filters = parsed.filters
        # Chroma's `where` cannot say "not in category" or "wash methods include": search
        # without them, filter after.
        after = bool(filters.exclude_categories or filters.exclude_words or filters.wash)
        searchable = filters.model_copy(update={"exclude_categories": (), "exclude_words": (), "wash": ()})
        wide = ParsedQuery(filters=searchable, notes=parsed.notes, text=parsed.text)
        # A deeper search when some results will be filtered out; a copy, so concurrent
        # turns (worker threads share this retriever) never see a changed `products_k`.
        searcher = self
        if after:
            searcher = copy.copy(self)
            searcher.products_k = self.products_k * 3
        found, alternatives = searcher._products(text, wide)
        found = [p for p in found if filters.matches(p)] if not alternatives else found
        if not found and filters.constrains and not alternatives:
            matching = [p for p in self.searcher.list_products(searchable) if filters.matches(p)]
            found = sorted(matching, key=lambda p: (p.price, p.sku))
            if not found:
                return self._alternatives(text, parsed), True, []
        if alternatives:
            return found[: self.products_k], alternatives, []
        if filters.sort:  # "그 중에 제일 비싼 거" after 옥스포드 셔츠: the style words still narrow
            named = self._by_name_words(text, filters, found)
            ordered = sorted(named, key=lambda p: p.price, reverse=filters.sort == "price_desc")
            return ordered[: self.products_k], False, []
        missing, named_elsewhere = self._unmet_words(text, filters)
        if missing:
            return named_elsewhere[: self.products_k], True, missing
        return self._by_name_words(text, filters, found)[: self.products_k], False, []

    def _unmet_words(self, text: str, filters: Filters) -> tuple[list[str], list[Product]]:
        """Attribute words that name some products of the category but none within the
        filters, and those products (closest in price to the filters' band first)."""
        if self.lexical is None or not filters.categories:
            return [], []
        relaxed = Filters(
            categories=filters.categories,
            exclude_categories=filters.exclude_categories,
            exclude_words=filters.exclude_words,
        )
        if relaxed == filters.model_copy(update={"exclude_skus": (), "sort": None}):
            return [], []
        pool = [p for p in self.searcher.list_products(relaxed) if relaxed.matches(p)]
        within = [p for p in pool if filters.matches(p)]
        # Colour names sit in the name's "(블랙)" and are a filter of their own: not here.
        styles = {p.sku: _COLOUR_SUFFIX.sub("", p.name) for p in pool}
        colour_words = [word for words in COLORS.values() for word in words if word in text.lower()]
        missing = [
            w
            for w in dict.fromkeys(self._attribute_words(text, filters.categories))
            if not any(w in word for word in colour_words)  # "베이" of 베이지 is no style
            and 0 < sum(w in styles[p.sku] for p in pool) < len(pool)
            and not any(w in styles[p.sku] for p in within)
        ]
        missing = [w for w in missing if not any(w != o and w in o for o in missing)]  # "스트" of 스트라이프
        if not missing:
            return [], []
        named = [p for p in pool if all(w in p.name for w in missing)]
        return missing, sorted(named, key=lambda p: (_price_distance(p.price, filters), p.sku))

    def _by_name_words(self, text: str, filters: Filters, ranked: list[Product]) -> list[Product]:
        if self.lexical is None:
            return ranked
        candidates = [p for p in self.searcher.list_products(filters) if filters.matches(p)]
        words = [w for w in self._attribute_words(text, filters.categories) if _names_split(w, candidates)]
        if not words:
            return ranked
        named = [p for p in candidates if all(w in p.name for w in words)]
        if not named:
            named = [p for p in candidates if any(w in p.name for w in words)]
        order = {p.sku: i for i, p in enumerate(ranked)}
        return sorted(named, key=lambda p: (order.get(p.sku, len(order)), p.price, p.sku))

    def _attribute_words(self, text: str, categories: Sequence[str] = ()) -> list[str]:
        """Material and style words ("울", "린넨", "에코백"): not category words nor their
        syllable bigrams ("반바" of 반바지), not sorting or request words. A category word
        outside the filtered `categories` is a style word too: "니트" of "니트 원피스"."""
        others = _CANONICAL_CATEGORIES - _with_ancestors(categories) if categories else frozenset()
        return [
            t
            for t in self.lexical.tokenizer.terms(text)
            if t not in SORT_WORDS
            and t not in GENERIC_WORDS
            and (not _in_category_word(t) or t in others and not _in_category_word(t, categories))
        ]

    def on_sale(self) -> list[Product]:
        """Every product on sale, in the store's order."""
        return self.searcher.list_products(Filters())

    def products_by_sku(self, skus: Sequence[str]) -> list[Product]:
        """The catalog's current record of each SKU still on sale, in the order given."""
        found = {p.sku: p for p in self.on_sale()}
        return [found[sku] for sku in skus if sku in found]

    def search_products(self, query: str, limit: int) -> list[Product]:
        """Ranked products for a search box; price/category/size words filter here too."""
        self.refresh()
        filters = parse_query(query).filters
        return self.searcher.search_products(query.strip()[:MAX_QUERY_CHARS], limit, filters)

    def search_faq(self, query: str, limit: int) -> list[FaqEntry]:
        self.refresh()
        return self.searcher.search_faq(query.strip()[:MAX_QUERY_CHARS], limit)

    def refresh(self, force: bool = False) -> None:
        """Pick up writes by other processes (throttled inside the searchers unless `force`)."""
        self.searcher.refresh(force)
        if self.lexical is not None and self.lexical is not self.searcher:
            self.lexical.refresh(force)

    # --- products ---
    def _products(self, text: str, parsed: ParsedQuery) -> tuple[list[Product], bool]:
        filters = parsed.filters
        if parsed.sort:
            found = self._sorted(parsed, self.searcher.list_products(filters))
        else:
            found = self.searcher.search_products(text, self.products_k, filters)
        if found or not parsed.constrains:
            return found, False
        matching = self.searcher.list_products(filters)  # the words matched nothing, the filters did
        if matching:
            return sorted(matching, key=lambda p: (p.price, p.sku))[: self.products_k], False
        return self._alternatives(text, parsed), True

    def _sorted(self, parsed: ParsedQuery, candidates: list[Product]) -> list[Product]:
        """Sorting intents rank the whole (filtered) catalog by price, narrowed by the
        question's remaining words when they name something ("제일 싼 린넨 셔츠")."""
        narrowed = self._narrow(parsed, candidates)
        descending = parsed.sort == "price_desc"
        ordered = sorted(
            narrowed or candidates,
            key=lambda p: (-p.price if descending else p.price, p.sku),
        )
        return ordered[: self.products_k]

    def _narrow(self, parsed: ParsedQuery, candidates: list[Product]) -> list[Product]:
        if self.lexical is None or not candidates:
            return []
        categories = {w for w, c in CATEGORY_WORDS.items() if c in parsed.filters.categories}
        words = [
            t
            for t in self.lexical.tokenizer.terms(parsed.text)
            if t not in SORT_WORDS and t not in categories
        ]
        if not words:
            return []
        skus = self.lexical.skus_matching(" ".join(words))
        return [p for p in candidates if p.sku in skus]

    def _alternatives(self, text: str, parsed: ParsedQuery) -> list[Product]:
        """Nearest products when the filters leave nothing: relax price first, then size
        and stock, keeping the category; finally the unfiltered ranking."""
        filters = parsed.filters.model_copy(update={"sort": None})
        no_price = filters.model_copy(update={"price_min": None, "price_max": None})
        category_only = Filters(categories=filters.categories)
        for relaxed in (no_price, category_only):
            if relaxed == filters or relaxed.is_empty:
                continue
            found = self._relaxed(text, filters, relaxed)
            if found:
                return found
        if filters.has_price:
            return self._by_price_distance(filters, self.searcher.list_products(None))
        return self.searcher.search_products(text, self.products_k)

    def _relaxed(self, text: str, wanted: Filters, relaxed: Filters) -> list[Product]:
        if wanted.has_price:
            return self._by_price_distance(wanted, self.searcher.list_products(relaxed))
        return self.searcher.search_products(text, self.products_k, relaxed)

    def _by_price_distance(self, wanted: Filters, candidates: list[Product]) -> list[Product]:
        low, high = wanted.price_min, wanted.price_max

        def distance(product: Product) -> int:
            price = product.price
            return max(0, (low or 0) - price, price - (high if high is not None else price))

        return sorted(candidates, key=lambda p: (distance(p), p.price, p.sku))[: self.products_k]

    # --- intent and suggestions ---
    def _wants_products(
        self, text: str, parsed: ParsedQuery, products: list[Product], faq: list[FaqEntry]
    ) -> bool:
        if not parsed.filters.model_copy(update={"categories": ()}).is_empty:
            return True
        if self.lexical is None:
            top_product = (products[0].score or 0.0) if products else 0.0
            return top_product >= ((faq[0].score or 0.0) if faq else 0.0)
        terms = self.lexical.tokenizer.terms(text)
        product_share = self.lexical.match_share("products", terms)
        faq_share = self.lexical.match_share("faq", terms)
        product_bonus = 0.25 * any(t in PRODUCT_INTENT for t in terms) + 0.15 * (
            not parsed.filters.is_empty
        )
        faq_bonus = 0.25 * (any(t in POLICY_WORDS for t in terms) or bool(HOW_TO.search(text)))
        return product_share + product_bonus > faq_share + faq_bonus

    def _suggestions(self, text: str, faq: list[FaqEntry], wants_products: bool) -> list[str]:
        asked = _plain(text)
        shown = set() if wants_products or not faq else {faq[0].question}
        related = [f.question for f in faq if f.question not in shown and _plain(f.question) != asked]
        picked = list(dict.fromkeys(related))[: self.suggestions_k]
        for question in self.default_suggestions():
            if len(picked) >= 2:
                break
            if question not in picked and question not in shown:
                picked.append(question)
        return picked

    def default_suggestions(self) -> list[str]:
        """Questions about the most-asked topics (cached; the FAQ can change)."""
        fetched_at, cached = self._defaults
        if cached and time.monotonic() - fetched_at < self._suggestions_ttl_s:
            return list(cached)
        found = [
            hits[0].question
            for q in DEFAULT_SUGGESTION_QUERIES
            if (hits := self.searcher.search_faq(q, 1))
        ]
        self._defaults = (time.monotonic(), list(dict.fromkeys(found)))
        return list(self._defaults[1])


#: Words of a request that say nothing about which product ("추천", "보여", "있").
GENERIC_WORDS = frozenset(
    words("추천 보이 보여 찾 있 없 사 살 주 하 옷 상품 제품 거 것 좀 더 요 뭐 어떤 어떻 좋 예쁘 이쁘 괜찮 종류 구경 보")
)


#: The catalog's own category names. A shopper's word for a narrower kind ("에코백",
#: "백팩", "바람막이" -> 가방 / 자켓) still narrows by product name.
_CANONICAL_CATEGORIES = frozenset(CATEGORY_WORDS.values())


def _with_ancestors(categories: Sequence[str]) -> set[str]:
    """The categories and every category above them ("반팔" -> 반팔, 티셔츠, 상의)."""
    found = set()
    for category in categories:
        while category and category not in found:
            found.add(category)
            category = PARENT.get(category)
    return found


def _in_category_word(term: str, categories: Sequence[str] | None = None) -> bool:
    names = _CANONICAL_CATEGORIES if categories is None else categories
    return any(term in word for word in names)


_COLOUR_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")


def _price_distance(price: int, filters: Filters) -> int:
    """KRW outside the filters' price band (0 inside it)."""
    if filters.price_min is not None and price < filters.price_min:
        return filters.price_min - price
    if filters.price_max is not None and price > filters.price_max:
        return price - filters.price_max
    return 0


def _names_split(word: str, candidates: list[Product]) -> bool:
    """True when `word` names some but not all candidates: it narrows the choice."""
    hits = sum(word in p.name for p in candidates)
    return 0 < hits < len(candidates)


def _plain(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()
