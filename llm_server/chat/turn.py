"""One turn's understanding and retrieval, before any answer is written.

`TurnBuilder.build(question, history, state, session_id)` reads the message into a frame,
plans it against the dialogue state (`dialogue.plan`), runs a shop action when the turn
asks for one (`actions.turns`), answers questions about shown products from their own
fields, and otherwise retrieves for the merged query. It returns what the answer is built
from and the dialogue state to keep.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import anyio

from llm_server.actions.base import ShopActions
from llm_server.actions.turns import action_turn, forget_pending
from llm_server.chat.shopper_name import name_reply
from llm_server.config import Settings
from llm_server.dialogue.frames import Frame, interpret
from llm_server.dialogue.gate import TopicGate
from llm_server.dialogue.plan import CARE_TOPIC, MORE, TurnPlan, plan_turn
from llm_server.dialogue.product_answers import answer_about
from llm_server.dialogue.rewrite import QueryRewriter, should_rewrite
from llm_server.dialogue.state import DialogueState, ShownProduct, frame_query, remember
from llm_server.dialogue.unsold import unsold_reply
from llm_server.llm.base import ChatMessage
from llm_server.protocol import ContactChannel, Filters, Product
from llm_server.rag.retriever import RetrievalResult, ShopRetriever

HANDOFF_TEXT = "상담원과 직접 이야기하실 수 있도록 안내해 드릴게요."


@dataclass
class Turn:
    """What one turn's answer is built from."""

    result: RetrievalResult
    state: DialogueState
    #: A finished reply (action, product question, shopper's name); None: write one from `result`.
    reply: str | None = None
    carried_over: bool = False
    extra_meta: dict = field(default_factory=dict)


def contact_channels(settings: Settings) -> list[ContactChannel]:
    channels = [
        ("phone", "전화", settings.shop_contact_phone),
        ("kakao", "카카오톡", settings.shop_contact_kakao),
        ("email", "이메일", settings.shop_contact_email),
        ("hours", "상담 시간", settings.shop_contact_hours),
    ]
    return [ContactChannel(kind=k, label=label, value=v) for k, label, v in channels if v]


def contacts_text(channels: Sequence[ContactChannel]) -> str:
    return "\n".join(f"- {c.label}: {c.value}" for c in channels)


class TurnBuilder:
    def __init__(
        self,
        retriever: ShopRetriever,
        gate: TopicGate | None,
        actions: ShopActions | None,
        settings: Settings,
        generates: Callable[[], bool] = lambda: False,
        rewriter: QueryRewriter | None = None,
    ):
        self.generates = generates  # True: a trusted LLM writes shop answers from the history
        self.rewriter = rewriter  # QUERY_REWRITE: follow-ups rewritten by the LLM (generate mode)
        self.retriever = retriever
        self.gate = gate
        self.actions = actions
        self.settings = settings

    async def build(
        self, question: str, history: list[ChatMessage], state: DialogueState, session_id: str
    ) -> Turn:
        frame = interpret(question)
        plan = await anyio.to_thread.run_sync(plan_turn, frame, state, self.gate)
        if plan.intent in ("greeting", "thanks", "off_topic"):
            return await self._social(plan, state)
        if self.actions is not None:
            acted = await action_turn(
                plan, state, question, session_id=session_id, actions=self.actions, history=history
            )
            if acted is not None:
                return self._action(plan, acted)
            state = forget_pending(state)
        if plan.intent in ("handoff", "order_status", "cart_add"):
            return self._unconnected(plan, state)
        if plan.intent == "product_question":
            return await anyio.to_thread.run_sync(self._product_question, plan, state)
        if not self.generates() and (reply := name_reply(question, history)):
            return Turn(RetrievalResult(intent="conversation"), _next(state), reply)
        if plan.frame.unsold and not CARE_TOPIC.search(plan.frame.text):
            unsold = await anyio.to_thread.run_sync(self._unsold, plan, state)
            if unsold is not None:
                return unsold
        plan = await self._rewritten(plan, state, history)
        return await anyio.to_thread.run_sync(self._shop, plan, state)

    def _unsold(self, plan: TurnPlan, state: DialogueState) -> Turn | None:
        """ "수영복 있어요?": when no product on sale carries the word, say the shop does not
        sell it and what it does sell (no cards, no FAQ); None when the catalog has it."""
        catalog = self.retriever.on_sale()
        word = plan.frame.unsold[0]
        if any(word.lower() in p.name.lower() for p in catalog):
            return None
        sold = list(dict.fromkeys(p.category[-1] for p in catalog if p.category))
        result = RetrievalResult(intent="shop", wants_products=False, notes=list(plan.frame.notes))
        return Turn(result, _next(state), unsold_reply(word, sold), extra_meta={"unsold": word})

    async def _rewritten(self, plan: TurnPlan, state: DialogueState, history: list[ChatMessage]) -> TurnPlan:
        if self.rewriter is None or not self.generates() or not should_rewrite(plan.frame, state):
            return plan
        query = await self.rewriter.rewrite(plan.frame.text, history)
        return plan.with_rewrite(query) if query else plan

    async def _social(self, plan: TurnPlan, state: DialogueState) -> Turn:
        suggestions = await anyio.to_thread.run_sync(self.retriever.default_suggestions)
        result = RetrievalResult(intent=plan.intent, suggestions=suggestions, notes=list(plan.frame.notes))
        return Turn(result, _next(state))

    def _action(self, plan: TurnPlan, acted) -> Turn:
        intent = acted.meta.action.type if acted.meta.action else plan.intent
        extra = acted.meta.model_dump(mode="json", exclude_none=True)
        reply = acted.reply
        if intent == "handoff":
            channels = contact_channels(self.settings)
            extra["contacts"] = [c.model_dump() for c in channels]
            reply = f"{reply}\n\n바로 연락하실 수 있는 곳:\n{contacts_text(channels)}"
        return Turn(RetrievalResult(intent=intent, wants_products=False), acted.state, reply, extra_meta=extra)

    def _unconnected(self, plan: TurnPlan, state: DialogueState) -> Turn:
        """Actions without a shop backend: handoff still gives the contact channels."""
        channels = contact_channels(self.settings)
        reply = f"{HANDOFF_TEXT}\n{contacts_text(channels)}"
        extra = {"contacts": [c.model_dump() for c in channels]}
        return Turn(RetrievalResult(intent=plan.intent, wants_products=False), _next(state), reply, extra_meta=extra)

    def _product_question(self, plan: TurnPlan, state: DialogueState) -> Turn:
        products = self.retriever.products_by_sku([p.sku for p in plan.referenced])
        if not products:
            reply = "말씀하신 상품은 지금 판매하지 않아요. 다른 상품을 찾아 드릴까요?"
            return Turn(RetrievalResult(intent="product_question", wants_products=False), _next(state), reply)
        product = products[0]
        reply = answer_about(product, plan.frame.asks, plan.frame.text)
        result = RetrievalResult(products=[product], intent="product_question", wants_products=True)
        return Turn(result, _next(state), reply)

    def _message_or_follow_up(self, plan: TurnPlan, filters: Filters) -> RetrievalResult:
        """Retrieval for the message alone; for a conditional follow-up to an FAQ answer
        ("카드로 결제했으면요?"), also with the previous question along. The message's own
        top FAQ wins when it is among the follow-up's top 3 (both readings agree on it);
        otherwise the follow-up's reading does."""
        frame = plan.frame
        if plan.rewritten:
            return self.retriever.retrieve_turn(plan.rewritten, filters, plan.wants_products, frame.notes)
        alone = self.retriever.retrieve_turn(frame.text, filters, plan.wants_products, frame.notes)
        if not plan.faq_query or plan.faq_query == frame.text or alone.wants_products or not alone.faq:
            return alone
        along = self.retriever.retrieve_turn(plan.faq_query, filters, plan.wants_products, frame.notes)
        if along.wants_products or not along.faq:
            return alone
        agreed = alone.faq[0].id in {entry.id for entry in along.faq[:3]}
        return alone if agreed else along

    def _shop(self, plan: TurnPlan, state: DialogueState) -> Turn:
        filters = _filters(plan, state)
        frame = plan.frame
        if plan.wants_products:
            result = self.retriever.retrieve_turn(plan.query.words, filters, True, frame.notes)
        else:
            # The message itself decides products vs FAQ; the state's conditions apply
            # only once it asks for products ("배송비 얼마예요?" mid-search is an FAQ question).
            own = frame_query(frame).to_filters()
            result = self._message_or_follow_up(plan, own)
            if result.wants_products and filters != own:
                result = self.retriever.retrieve_turn(plan.query.words or frame.text, filters, True, frame.notes)
        if plan.frame.unknown_colors and result.products:
            # "빨간 패딩은 현재 없습니다. 대신 ...": the colour names what is missing
            result.alternatives = True
            result.missing_words = [*plan.frame.unknown_colors, *result.missing_words]
        if result.wants_products and result.products:
            shown = [_shown(p) for p in result.products]
            new_state = remember(state, plan.query, shown, None)
            return Turn(result, new_state, carried_over=plan.carried_over)
        faq = result.faq[0].question if result.faq and not result.wants_products else None
        return Turn(result, remember(state, state.query, None, faq), carried_over=False)


def _filters(plan: TurnPlan, state: DialogueState) -> Filters:
    exclude = tuple(p.sku for p in state.shown) if MORE.search(plan.frame.text) else ()
    return plan.query.to_filters(exclude_skus=exclude)


def _shown(product: Product) -> ShownProduct:
    return ShownProduct(
        product.sku, product.name, product.price, tuple(product.category), tuple(product.colors), tuple(product.sizes)
    )


def _next(state: DialogueState) -> DialogueState:
    return remember(state, state.query, None, None)


__all__ = ["Frame", "Turn", "TurnBuilder", "contact_channels"]
