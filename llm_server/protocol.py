"""The typed contract of a chat turn: what retrieval returns and what clients receive.

Every shape that crosses a layer boundary (retrieval -> chat -> transport -> widget) is
defined here once, as a pydantic model. Routes declare them, so `/openapi.json` documents
them (the widget's TypeScript types are generated from it); the SSE and WebSocket
transports send `model.data` (the JSON-ready dict) under the event's name.

JSON field names are part of the public wire format: add fields, never rename them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_serializer

from llm_server.actions.models import ActionOutcome, CartResult, HandoffResult, OrderStatus

#: What a turn is about. Only some are produced today (shop, greeting, thanks, off_topic,
#: conversation); the others are reserved for the dialogue and shop-action layers.
Intent = Literal[
    "shop",
    "product_question",
    "handoff",
    "order_status",
    "cart_add",
    "greeting",
    "thanks",
    "off_topic",
    "conversation",
]
#: How the answer was written: `extractive` fills Korean templates with retrieved data
#: (no LLM); `generate` streams the LLM's prose grounded in the retrieved context.
AnswerMode = Literal["extractive", "generate"]
Sort = Literal["price_asc", "price_desc"]


# --- catalog --------------------------------------------------------------------------
class WashMethod(BaseModel):
    label: str = ""
    value: str = ""


class Product(BaseModel):
    """A catalog product as a client sees it (catalog fields plus derived ones)."""

    model_config = ConfigDict(extra="ignore")

    sku: str
    name: str = ""
    category: list[str] = Field(default_factory=list, description="Catalog categories, most general first")
    description: str = ""
    price: int = Field(0, description="KRW")
    stock: dict[str, int] = Field(default_factory=dict, description="Quantity per size")
    sizes: list[str] = Field(default_factory=list, description="Sizes in stock")
    image: list[str] = Field(default_factory=list)
    washMethods: list[WashMethod] = Field(default_factory=list)  # noqa: N815 - catalog field name
    status: str = "active"
    height: int | None = None
    weight: int | None = None
    url: str = ""
    colors: list[str] = Field(default_factory=list, description="Canonical colour names")
    score: float | None = Field(None, description="Relevance 0..1 when ranked for a query")

    @property
    def in_stock(self) -> bool:
        return bool(self.sizes)


class FaqEntry(BaseModel):
    id: str
    question: str
    answer: str
    category: str = ""
    score: float | None = None


# --- filters --------------------------------------------------------------------------
class Filters(BaseModel):
    """Product constraints parsed from a question, applied before ranking.

    The project's own filter value object: stores translate it (Chroma's `where` lives only
    in the Chroma adapter) and in-memory paths call `matches`. Serialised as the compact
    dict clients have always seen: unset, empty and false values are left out.
    """

    model_config = ConfigDict(frozen=True)

    price_min: int | None = Field(None, description="KRW, inclusive")
    price_max: int | None = Field(None, description="KRW, inclusive")
    categories: tuple[str, ...] = Field((), description="Catalog categories (any of)")
    sizes: tuple[str, ...] = Field((), description="Sizes in stock (any of)")
    colors: tuple[str, ...] = Field((), description="Canonical colour names (any of)")
    exclude_colors: tuple[str, ...] = Field((), description="Canonical colour names to leave out ('다른 색은요?')")
    exclude_skus: tuple[str, ...] = Field((), description="Products already shown, left out ('더 보여줘')")
    exclude_categories: tuple[str, ...] = Field((), description="Categories to leave out ('반팔 말고 긴팔')")
    exclude_words: tuple[str, ...] = Field(
        (), description="Words no product name may contain ('백팩 말고', '니트 원피스 말고', '린넨 말고')"
    )
    wash: tuple[str, ...] = Field(
        (), description="Catalog wash-method values every product must list (all of), e.g. 'machine'"
    )
    in_stock: bool = False
    sort: Sort | None = None

    @model_serializer(mode="wrap")
    def _compact(self, handler):  # no return annotation: the schema stays the fields
        return {key: value for key, value in handler(self).items() if not _unset(value)}

    @classmethod
    def from_dict(cls, values: Mapping[str, Any] | None) -> Filters:
        return cls.model_validate(dict(values or {}))

    def as_dict(self) -> dict[str, Any]:
        """The wire form (`meta.filters`): JSON types, only what is set."""
        return self.model_dump(mode="json")

    @property
    def constrains(self) -> bool:
        """True when the filters narrow the candidates (sorting alone does not)."""
        return bool(
            self.price_min is not None
            or self.price_max is not None
            or self.categories
            or self.sizes
            or self.colors
            or self.exclude_colors
            or self.wash
            or self.in_stock
        )

    @property
    def is_empty(self) -> bool:
        return not self.constrains and self.sort is None

    @property
    def has_price(self) -> bool:
        return self.price_min is not None or self.price_max is not None

    def matches(self, product: Product) -> bool:
        """Whether `product` satisfies every constraint (sorting is not a constraint)."""
        price = product.price
        return (
            (self.price_min is None or price >= self.price_min)
            and (self.price_max is None or price <= self.price_max)
            and (not self.categories or bool(set(self.categories) & set(product.category)))
            and (not self.sizes or bool(set(self.sizes) & set(product.sizes)))
            and (not self.colors or bool(set(self.colors) & set(product.colors)))
            and not set(self.exclude_colors) & set(product.colors)
            and product.sku not in self.exclude_skus
            and not set(self.exclude_categories) & set(product.category)
            and not any(word in product.name for word in self.exclude_words)
            and set(self.wash) <= {method.value for method in product.washMethods}
            and (not self.in_stock or product.in_stock)
        )


def _unset(value: Any) -> bool:
    return value is None or value is False or (isinstance(value, list | tuple) and not value)


class ContactChannel(BaseModel):
    """One way to reach the shop's staff (SHOP_CONTACT_* settings)."""

    kind: Literal["phone", "kakao", "email", "hours"]
    label: str = Field(..., description="Korean label, e.g. 전화")
    value: str


# --- requests -------------------------------------------------------------------------
class ChatRequest(BaseModel):
    message: str = Field(..., description="The shopper's question", json_schema_extra={"minLength": 1, "pattern": r"\S"})
    session_id: str | None = Field(None, description="Omit to start a new conversation",
                                   json_schema_extra={"pattern": "^[A-Za-z0-9_-]{8,64}$"})

    @field_validator("message")
    @classmethod
    def _is_text(cls, value: str) -> str:
        value.encode("utf-8")  # a lone surrogate ("\ud800" in JSON) is not text: 422, not a crash later
        return value


# --- events of a turn -----------------------------------------------------------------
class EventModel(BaseModel):
    """A stream event's payload; `event` is its SSE event name / WebSocket `event` field."""

    event: ClassVar[str]

    @property
    def data(self) -> dict[str, Any]:
        """The JSON-ready payload sent on the wire."""
        return self.model_dump(mode="json")


class TurnMeta(BaseModel):
    session_id: str
    answer_mode: AnswerMode
    products: list[Product] = Field(default_factory=list)
    faq: list[FaqEntry] = Field(default_factory=list)
    filters: Filters = Field(default_factory=Filters)
    off_topic: bool = False
    intent: Intent = "shop"
    alternatives: bool = Field(False, description="True: nothing matched the filters; products are the nearest alternatives")
    suggestions: list[str] = Field(default_factory=list, description="Follow-up questions to offer")
    notes: list[str] = Field(default_factory=list, description="Why parts of the question were ignored (Korean)")
    carried_over: bool = Field(False, description="True when filters or products were carried over from earlier turns")
    state: dict[str, Any] | None = Field(None, description="Dialogue state after this turn, when a dialogue layer keeps one")
    action: ActionOutcome | None = Field(None, description="What this turn's shop action did (order status, cart, handoff)")
    order: OrderStatus | None = Field(None, description="The order found, after the phone check")
    cart: CartResult | None = Field(None, description="The cart after an add")
    handoff: HandoffResult | None = Field(None, description="The hand-off request created")
    contacts: list[ContactChannel] = Field(default_factory=list, description="How to reach a person (handoff turns)")
    unsold: str | None = Field(
        None, description="A kind of product the shop does not sell, as the shopper named it ('수영복'); no products follow"
    )


class MetaEvent(TurnMeta, EventModel):
    """First event of a turn: what was retrieved and how the answer will be written."""

    event: ClassVar[str] = "meta"


class TokenEvent(EventModel):
    event: ClassVar[str] = "token"
    text: str


class Timings(BaseModel):
    retrieval_ms: float
    ttft_ms: float | None = Field(None, description="Null when the answer had no token")
    total_ms: float
    tokens: int


class DoneEvent(EventModel):
    event: ClassVar[str] = "done"
    session_id: str
    timings: Timings
    request_id: str | None = Field(None, description="X-Request-ID of the HTTP request, for log correlation")
    turn_id: str | None = Field(None, description="Identifies this answer for POST /feedback (null when not recorded)")


class ErrorEvent(EventModel):
    """The turn failed after the stream started; the stream ends after it."""

    event: ClassVar[str] = "error"
    code: str
    message: str = Field(..., description="Korean, shown to the shopper")


class TranscriptEvent(EventModel):
    """Voice chat: what the speech recogniser heard (first event of /voice/chat)."""

    event: ClassVar[str] = "transcript"
    text: str
    language: str | None = None


class AudioEvent(EventModel):
    """Voice chat: one finished answer sentence, spoken."""

    event: ClassVar[str] = "audio"
    index: int
    text: str
    voice: str
    wav_base64: str


class VoiceTimings(BaseModel):
    """Voice chat timings: the chat's own (ttft/total renamed chat_*) plus the voice round trip's."""

    model_config = ConfigDict(extra="allow")

    stt_ms: float
    retrieval_ms: float | None = None
    chat_ttft_ms: float | None = None
    chat_total_ms: float | None = None
    tokens: int | None = None
    ttft_ms: float | None = None
    first_audio_ms: float | None = None
    total_ms: float
    audio_sentences: int = 0


class VoiceDoneEvent(EventModel):
    event: ClassVar[str] = "done"
    session_id: str
    timings: VoiceTimings
    request_id: str | None = None


#: What ChatService.stream yields.
StreamEvent = MetaEvent | TokenEvent | DoneEvent | ErrorEvent
#: Events of the /chat/stream and /ws/chat streams, and those of /voice/chat.
CHAT_EVENTS: tuple[type[EventModel], ...] = (MetaEvent, TokenEvent, DoneEvent, ErrorEvent)
VOICE_EVENTS: tuple[type[EventModel], ...] = (TranscriptEvent, MetaEvent, TokenEvent, AudioEvent, VoiceDoneEvent, ErrorEvent)


# --- responses ------------------------------------------------------------------------
class ChatResponse(TurnMeta):
    """POST /chat: the whole turn as one object (the stream's content, collected)."""

    answer: str
    timings: Timings
    request_id: str | None = None
    turn_id: str | None = None


class ErrorDetail(BaseModel):
    code: str = Field(..., description="snake_case; stable, for programs")
    message: str = Field(..., description="Korean, for the shopper")


class ErrorBody(BaseModel):
    """Every error response: {"error": {"code", "message"}}."""

    error: ErrorDetail


class WebSocketFrame(BaseModel):
    """/ws/chat server frame: one event of the turn."""

    event: Literal["meta", "token", "done", "error"]
    data: dict[str, Any]


class ProductResults(BaseModel):
    results: list[Product]


class FaqResults(BaseModel):
    results: list[FaqEntry]


class SessionMessage(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class SessionHistory(BaseModel):
    session_id: str
    messages: list[SessionMessage]


class SessionDeleted(BaseModel):
    session_id: str
    deleted: bool
