"""Shop actions inside the conversation: order status, add to cart, hand off to a person.

Deterministic (no LLM), so it works with the embedded default. The chat orchestration calls
`action_turn` after interpreting the message; a result means this turn is an action turn
(stream `reply`, merge `meta` into the turn's meta event, keep `state`); None means it is
not, and the turn goes on to retrieval as usual:

    frame = interpret(message)
    turn = await action_turn(frame, state, message, session_id=sid, actions=shop, history=history)
    if turn is None:
        state = forget_pending(state)        # the shopper moved on
        ...                                  # retrieval + answer as before
    else:
        meta.update(turn.meta.model_dump(mode="json", exclude_none=True)); reply = turn.reply; state = turn.state

Order status asks for what is missing (order number, the orderer's phone's last 4 digits)
across turns, and answers only from the order the shop backend returned after its phone
check. "M 사이즈로 담아줘" adds the product last shown (the first card, or the one pointed at: "두 번째
거", or named), or says which sizes are in stock. "상담원 연결" creates a handoff with the transcript.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from llm_server.actions.base import ShopActions
from llm_server.actions.errors import OrderNotFound, ProductNotFound, SizeUnavailable
from llm_server.actions.models import ActionMeta, ActionOutcome, OrderStatus, TranscriptMessage
from llm_server.errors import AppError

log = logging.getLogger(__name__)
KST = ZoneInfo("Asia/Seoul")
PENDING_TURNS = 3  # an unanswered question is forgotten after this many turns
TRANSCRIPT_MESSAGES = 20

MOBILE = re.compile(r"(?<!\d)01[016789][-.\s]?\d{3,4}[-.\s]?(\d{4})(?!\d)")
ORDER_NO = re.compile(r"(?<![\dA-Za-z])(?:BS-?)?(\d{8})-?(\d{4,6})(?!\d)", re.I)
DIGITS4 = re.compile(r"(?<![\d-])(\d{4})(?![\d-])")
SIZE = re.compile(r"(?<![A-Za-z0-9])(XXL|XL|XS|S|M|L|FREE|프리|\d{2,3})(?:\s*(?:사이즈|size|인치)|\s*(?:로|으로)(?![가-힣]))", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@dataclass(frozen=True)
class ActionTurn:
    reply: str
    meta: ActionMeta  # the turn's meta additions: action, and order / cart / handoff when done
    state: object  # the session's DialogueState, with `pending` updated


@dataclass(frozen=True)
class _Turn:
    intent: str
    referenced: tuple
    frame: object
    state: object
    message: str
    session_id: str
    actions: ShopActions
    history: Sequence

    @property
    def pending(self) -> dict:
        return dict(getattr(self.state, "pending", None) or {})


async def action_turn(
    frame, state, message: str, *, session_id: str, actions: ShopActions, history: Sequence = ()
) -> ActionTurn | None:
    """The reply of an action turn, or None when the message asks for no shop action.

    `frame`: the message's `dialogue.frames.Frame`, or the turn's `dialogue.plan.TurnPlan`
    (its intent, after the topic gate, wins over the frame's).
    """
    intent = getattr(frame, "intent", "shop")
    referenced = tuple(getattr(frame, "referenced", ()) or ())
    frame = getattr(frame, "frame", None) or frame
    turn = _Turn(intent, referenced, frame, state, message, session_id, actions, history)
    kind = _kind(turn)
    if kind is None:
        return None
    log.info("action turn: %s", kind)
    return await HANDLERS[kind](turn)


def forget_pending(state):
    """The state without an unanswered action question (call it when the turn was no action)."""
    return replace(state, pending={}) if getattr(state, "pending", None) else state


def _kind(turn: _Turn) -> str | None:
    if turn.intent in ("handoff", "cart_add", "order_status"):
        return turn.intent
    pending = _live_pending(turn)
    if pending.get("action") == "order_status" and (_order_no(turn.message) or _phone4(turn.message, True)):
        return "order_status"
    if pending.get("action") == "cart_add" and _continues_cart(turn):
        return "cart_add"
    return None


def _live_pending(turn: _Turn) -> dict:
    pending = turn.pending
    asked_at = pending.get("turn", 0)
    return pending if getattr(turn.state, "turns", 0) - asked_at < PENDING_TURNS else {}


def _continues_cart(turn: _Turn) -> bool:
    """"M으로요" / "첫 번째 거요" answer the cart question; a new product request does not."""
    frame = turn.frame
    if getattr(frame, "categories", ()) or getattr(frame, "price_min", None) or getattr(frame, "price_max", None):
        return False
    return bool(_size(turn)) or getattr(frame, "reference", None) is not None


def _next_state(turn: _Turn, pending: dict | None):
    turns = getattr(turn.state, "turns", 0) + 1
    marked = {**pending, "turn": turns} if pending else {}
    return replace(turn.state, pending=marked, turns=turns)


def _done(turn: _Turn, reply: str, meta: ActionMeta, pending: dict | None = None) -> ActionTurn:
    return ActionTurn(reply, meta, _next_state(turn, pending))


def _meta(kind: str, status: str, **outcome) -> ActionMeta:
    results = {key: outcome.pop(key) for key in ("order", "cart", "handoff") if key in outcome}
    return ActionMeta(action=ActionOutcome(type=kind, status=status, **outcome), **results)


def _refused(turn: _Turn, kind: str, error: AppError, pending: dict | None = None) -> ActionTurn:
    log.info("action %s refused: %s", kind, error.code)
    return _done(turn, error.message, _meta(kind, "failed", code=error.code), pending)


# --- order status ---
def _order_no(text: str) -> str | None:
    without_phones = MOBILE.sub(" ", text)
    match = ORDER_NO.search(without_phones)
    return f"{match.group(1)}-{match.group(2)}" if match else None


def _phone4(text: str, asked: bool) -> str | None:
    """The last 4 digits of a phone number, or a lone 4-digit number when they were asked for."""
    mobile = MOBILE.search(text)
    if mobile:
        return mobile.group(1)
    rest = ORDER_NO.sub(" ", text)
    if not (asked or re.search(r"자리|번호|폰|전화|핸드폰|휴대", rest)):
        return None
    found = DIGITS4.findall(rest)
    return found[-1] if found else None


async def _order_status(turn: _Turn) -> ActionTurn:
    pending = _live_pending(turn) if turn.pending.get("action") == "order_status" else {}
    order_no = _order_no(turn.message) or pending.get("order_no")
    phone4 = _phone4(turn.message, asked=bool(pending)) or pending.get("phone4")
    if not order_no and not phone4:
        reply = "주문 조회를 도와드릴게요. 주문번호와 주문하신 분 휴대폰 번호 뒤 4자리를 알려 주세요. (예: 20261114-1007, 5678)"
        return _done(turn, reply, _meta("order_status", "asked", missing=["order_no", "phone4"]), {"action": "order_status"})
    if not phone4:
        reply = f"주문번호 {order_no} 확인했어요. 본인 확인을 위해 주문하신 분 휴대폰 번호 뒤 4자리를 알려 주세요."
        asked = _meta("order_status", "asked", missing=["phone4"])
        return _done(turn, reply, asked, {"action": "order_status", "order_no": order_no})
    if not order_no:
        reply = "주문번호도 알려 주세요. 주문 완료 문자나 마이페이지 주문 내역에서 확인할 수 있어요. (예: 20261114-1007)"
        asked = _meta("order_status", "asked", missing=["order_no"])
        return _done(turn, reply, asked, {"action": "order_status", "phone4": phone4})
    return await _look_up(turn, order_no, phone4)


async def _look_up(turn: _Turn, order_no: str, phone4: str) -> ActionTurn:
    try:
        order = await turn.actions.order_status(turn.session_id, order_no, phone4)
    except OrderNotFound:
        reply = (
            "입력하신 주문번호와 휴대폰 번호 뒤 4자리가 일치하는 주문을 찾지 못했어요. "
            "주문번호와 뒤 4자리를 다시 확인해서 알려 주세요."
        )
        return _done(turn, reply, _meta("order_status", "not_found"), {"action": "order_status"})
    except AppError as error:
        return _refused(turn, "order_status", error)
    return _done(turn, order_reply(order), _meta("order_status", "done", order=order))


def when(value: datetime | None) -> str:
    """11월 15일 오후 10:21 (Korean time)."""
    if value is None:
        return ""
    local = value.astimezone(KST)
    half = "오전" if local.hour < 12 else "오후"
    hour = local.hour % 12 or 12
    return f"{local.month}월 {local.day}일 {half} {hour}:{local.minute:02d}"


def order_reply(order: OrderStatus) -> str:
    changed = when(order.last_change.at) if order.last_change else ""
    head = f"주문 {order.order_no}은(는) 현재 '{order.status}' 상태예요."
    shipping = f"{order.courier} 운송장 번호 {order.tracking_no}" if order.courier and order.tracking_no else ""
    detail = {
        "결제완료": f"{changed}에 결제가 완료되었고, 곧 상품 준비를 시작해요.",
        "상품준비중": f"{changed}부터 상품을 준비하고 있어요. 출고되면 운송장 번호로 배송을 조회할 수 있어요.",
        "배송중": f"{changed}에 출고되어 배송 중이에요. {shipping}로 조회할 수 있어요.",
        "배송완료": f"{changed}에 배송이 완료되었어요. ({shipping})",
        "취소": f"{changed}에 주문이 취소되었어요.",
    }[order.status]
    return f"{head} {detail}"


# --- add to cart ---
def _size(turn: _Turn) -> str | None:
    sizes = getattr(turn.frame, "sizes", ()) or ()
    if sizes:
        return str(sizes[0]).upper()
    match = SIZE.search(turn.message)
    if not match:
        return None
    size = match.group(1).upper()
    return "FREE" if size == "프리" else size


def _product(turn: _Turn, pending: dict):
    """(sku, name) of the product meant: the one pointed at ("두 번째 거") or named, the one a
    size question was about, else the first of the products last shown (the top answer)."""
    shown = tuple(getattr(turn.state, "shown", ()) or ())
    referenced = tuple(getattr(turn, "referenced", ()) or ())
    reference = getattr(turn.frame, "reference", None)
    if reference is not None and shown and -len(shown) <= reference < len(shown):
        return shown[reference].sku, shown[reference].name
    named = [p for p in shown if p.name and _core_name(p.name) in turn.message]
    if len(named) == 1:
        return named[0].sku, named[0].name
    if pending.get("sku"):
        return pending["sku"], pending.get("name", "")
    first = referenced[0] if referenced else (shown[0] if shown else None)
    return (first.sku, first.name) if first else None


def _core_name(name: str) -> str:
    """"린넨 오버핏 셔츠 (아이보리)" -> "린넨 오버핏 셔츠"."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()


async def _cart_add(turn: _Turn) -> ActionTurn:
    pending = _live_pending(turn) if turn.pending.get("action") == "cart_add" else {}
    size = _size(turn) or pending.get("size")
    product = _product(turn, pending)
    if product is None:
        reply = "어떤 상품을 담을까요? 먼저 상품을 찾아본 뒤 'M 사이즈로 담아줘'처럼 말씀해 주세요."
        return _done(turn, reply, _meta("cart_add", "asked", missing=["product"]))
    sku, name = product
    if not size:
        sizes = next((p.sizes for p in getattr(turn.state, "shown", ()) or () if p.sku == sku), ())
        choices = f" 지금 살 수 있는 사이즈: {', '.join(sizes)}." if sizes else ""
        reply = f"{name}을(를) 어떤 사이즈로 담을까요?{choices} (예: M 사이즈로 담아줘)"
        return _done(turn, reply, _meta("cart_add", "asked", missing=["size"]), _cart_pending(sku, name))
    return await _add(turn, sku, name, size)


async def _add(turn: _Turn, sku: str, name: str, size: str) -> ActionTurn:
    try:
        result = await turn.actions.add_to_cart(turn.session_id, sku, size, 1)
    except SizeUnavailable as error:
        meta = _meta("cart_add", "size_unavailable", sizes_in_stock=error.sizes_in_stock)
        return _done(turn, _no_stock_reply(name, size, error.sizes_in_stock), meta, _cart_pending(sku, name))
    except ProductNotFound as error:
        return _refused(turn, "cart_add", error)
    except AppError as error:
        return _refused(turn, "cart_add", error, _cart_pending(sku, name))
    added, cart = result.added, result.cart
    reply = (
        f"{added.name} {added.size} 사이즈를 장바구니에 담았어요. "
        f"(장바구니 {cart.count}개, 합계 ₩{cart.total:,})"
    )
    return _done(turn, reply, _meta("cart_add", "done", cart=result))


def _cart_pending(sku: str, name: str) -> dict:
    return {"action": "cart_add", "sku": sku, "name": name}


def _no_stock_reply(name: str, size: str, in_stock: list[str]) -> str:
    if not in_stock:
        return f"죄송해요, {name}은(는) 지금 모든 사이즈가 품절이에요."
    return (
        f"죄송해요, {name}은(는) {size} 사이즈 재고가 없어요. "
        f"구매 가능한 사이즈는 {', '.join(in_stock)}예요. 다른 사이즈로 담아 드릴까요?"
    )


# --- handoff ---
def _transcript(turn: _Turn) -> list[TranscriptMessage]:
    past = [
        TranscriptMessage(role=m.role, content=m.content)
        for m in list(turn.history)[-TRANSCRIPT_MESSAGES:]
        if getattr(m, "role", None) in ("user", "assistant") and getattr(m, "content", "")
    ]
    return [*past, TranscriptMessage(role="user", content=turn.message)]


def _contact(text: str) -> str | None:
    found = MOBILE.search(text) or EMAIL.search(text)
    return found.group(0) if found else None


async def _handoff(turn: _Turn) -> ActionTurn:
    try:
        result = await turn.actions.create_handoff(turn.session_id, _transcript(turn), _contact(turn.message))
    except AppError as error:
        return _refused(turn, "handoff", error)
    return _done(turn, result.message, _meta("handoff", "done", handoff=result))


HANDLERS: dict[str, Callable[[_Turn], Awaitable[ActionTurn]]] = {
    "order_status": _order_status,
    "cart_add": _cart_add,
    "handoff": _handoff,
}
