"""Action turns over the real message interpreter and dialogue state, with the honest fake shop."""

from __future__ import annotations

from dataclasses import replace

import pytest

from llm_server.actions.turns import action_turn, forget_pending
from llm_server.actions.unconfigured import UnconfiguredShopActions
from llm_server.dialogue.frames import interpret
from llm_server.dialogue.plan import plan_turn
from llm_server.dialogue.state import DialogueState, ShownProduct
from llm_server.llm.base import ChatMessage
from tests.actions.fakes import FakeShopActions

pytestmark = pytest.mark.anyio
BLOUSE = ShownProduct(sku="BS-BL-0004", name="코튼 베이직 블라우스 (카멜)", price=48000)  # S M XL in stock, L 0
CARDIGAN = ShownProduct(sku="BS-CD-0001", name="캐시미어 세미오버핏 크롭 가디건 (소라)", price=105900)


class Conversation:
    """Turns of one session: each message goes through interpret -> action_turn."""

    def __init__(self, shop, state=None, session_id="w_turns_0001"):
        self.shop, self.state, self.session_id, self.history = shop, state or DialogueState(), session_id, []

    async def say(self, message: str):
        turn = await action_turn(
            interpret(message), self.state, message, session_id=self.session_id, actions=self.shop, history=self.history
        )
        if turn is None:
            self.state = forget_pending(self.state)
            return None
        self.state = turn.state
        turn = replace(turn, meta=turn.meta.model_dump(mode="json", exclude_none=True))  # as the meta event carries it
        self.history += [ChatMessage("user", message), ChatMessage("assistant", turn.reply)]
        return turn


@pytest.fixture
def shop():
    return FakeShopActions()


async def test_order_status_asks_for_what_is_missing_then_answers_from_the_order(shop):
    chat = Conversation(shop)
    first = await chat.say("주문한 거 어디쯤 왔어요?")
    assert "주문번호" in first.reply and "뒤 4자리" in first.reply
    assert first.meta["action"]["missing"] == ["order_no", "phone4"] and first.meta["action"]["status"] == "asked"
    second = await chat.say("20261114-1007이요")
    assert "뒤 4자리" in second.reply and second.meta["action"]["missing"] == ["phone4"]
    assert shop.calls == []  # nothing is looked up before the phone digits
    third = await chat.say("5678")
    assert shop.calls == [("order_status", "w_turns_0001", "20261114-1007", "5678")]
    assert "'배송중'" in third.reply and "롯데택배" in third.reply and "운송장 번호" in third.reply
    assert "11월 15일" in third.reply  # the last status change, in Korean time
    order = third.meta["order"]
    assert (order["order_no"], order["status"], order["courier"]) == ("20261114-1007", "배송중", "롯데택배")
    assert [s["status"] for s in order["steps"] if s["done"]] == ["결제완료", "상품준비중", "배송중"]
    assert chat.state.pending == {}


async def test_a_wrong_phone_gets_no_order_detail_and_may_try_again(shop):
    chat = Conversation(shop)
    wrong = await chat.say("주문번호 20261114-1007 배송 조회해 주세요. 폰 뒤 4자리 1111")
    assert wrong.meta["action"]["status"] == "not_found" and "order" not in wrong.meta
    assert "롯데택배" not in wrong.reply and "배송중" not in wrong.reply
    retry = await chat.say("20261114-1007 5678")
    assert retry.meta["order"]["status"] == "배송중"


async def test_the_digits_first_then_the_number_and_a_full_phone_number(shop):
    chat = Conversation(shop)
    await chat.say("배송 조회하고 싶어요")
    asked = await chat.say("010-1234-5678 이에요")
    assert asked.meta["action"]["missing"] == ["order_no"]
    done = await chat.say("주문번호는 20261114-1007")
    assert done.meta["order"]["tracking_no"] == shop.orders["20261114-1007"]["trackingNo"]


async def test_a_wrong_order_number_is_the_same_answer_as_a_wrong_phone(shop):
    replies = []
    for message in ("주문번호 20990101-0001 조회, 뒤 4자리 5678", "주문번호 20261114-1007 조회, 뒤 4자리 0000"):
        replies.append((await Conversation(shop).say(message)).reply)
    assert replies[0] == replies[1]


async def test_cancelled_and_delivered_orders_say_so(shop):
    cancelled = next(o for o in shop.orders.values() if o["status"] == "취소")
    turn = await Conversation(shop).say(f"주문번호 {cancelled['orderNo']} 상태 알려줘 뒤 4자리 {cancelled['phone'][-4:]}")
    assert "취소되었어요" in turn.reply


async def test_m_size_adds_the_product_last_shown(shop):
    chat = Conversation(shop, DialogueState(shown=(BLOUSE,)))
    turn = await chat.say("M 사이즈로 담아줘")
    assert shop.calls == [("add_to_cart", "w_turns_0001", "BS-BL-0004", "M", 1)]
    assert turn.reply == "코튼 베이직 블라우스 (카멜) M 사이즈를 장바구니에 담았어요. (장바구니 1개, 합계 ₩48,000)"
    assert turn.meta["cart"]["cart"]["count"] == 1 and turn.meta["action"]["status"] == "done"


async def test_a_size_out_of_stock_lists_the_sizes_in_stock_then_takes_another(shop):
    chat = Conversation(shop, DialogueState(shown=(BLOUSE,)))
    refused = await chat.say("L 사이즈로 담아줘")
    assert "L 사이즈 재고가 없어요" in refused.reply and "S, M, XL" in refused.reply
    assert refused.meta["action"]["status"] == "size_unavailable"
    assert refused.meta["action"]["sizes_in_stock"] == ["S", "M", "XL"] and "cart" not in refused.meta
    assert shop.carts.get("w_turns_0001", []) == []
    added = await chat.say("그럼 XL로 해주세요")
    assert added.meta["cart"]["added"]["size"] == "XL"


async def test_of_several_shown_products_the_first_or_the_one_pointed_at(shop):
    chat = Conversation(shop, DialogueState(shown=(BLOUSE, CARDIGAN)))
    first = await chat.say("S 사이즈로 담아줘")
    assert shop.calls == [("add_to_cart", "w_turns_0001", "BS-BL-0004", "S", 1)]
    assert first.reply.startswith(BLOUSE.name)  # says which one it added
    second = await chat.say("두 번째 거 XL로 담아줘")
    assert second.meta["cart"]["added"]["sku"] == CARDIGAN.sku
    named = await Conversation(shop, DialogueState(shown=(BLOUSE, CARDIGAN))).say("캐시미어 세미오버핏 크롭 가디건 S로 담아줘")
    assert named.meta["cart"]["added"]["sku"] == CARDIGAN.sku


async def test_no_size_asks_for_one_and_nothing_shown_asks_for_a_product(shop):
    from dataclasses import replace

    chat = Conversation(shop, DialogueState(shown=(replace(BLOUSE, sizes=("S", "M", "XL")),)))
    asked = await chat.say("이거 장바구니에 담아줘")
    assert asked.meta["action"]["missing"] == ["size"]
    assert "지금 살 수 있는 사이즈: S, M, XL" in asked.reply  # the sizes in stock when it was shown
    assert (await chat.say("S로요")).meta["cart"]["added"]["size"] == "S"
    nothing = await Conversation(shop).say("M 사이즈로 담아줘")
    assert nothing.meta["action"]["missing"] == ["product"] and shop.calls[-1][3] == "S"


async def test_handoff_sends_the_transcript_and_says_what_happens_next(shop):
    chat = Conversation(shop)
    chat.history = [ChatMessage("user", "배송이 너무 늦어요 제 번호 010-9876-5432"), ChatMessage("assistant", "확인해 볼게요.")]
    turn = await chat.say("상담원 연결해 주세요")
    assert "상담원" in turn.reply and turn.meta["handoff"]["status"] == "open"
    stored = shop.handoffs[0]
    assert [m["role"] for m in stored["transcript"]] == ["user", "assistant", "user"]
    assert stored["transcript"][-1]["content"] == "상담원 연결해 주세요"
    assert "5432" not in str(stored["transcript"])


async def test_other_messages_are_not_action_turns_and_drop_a_stale_question(shop):
    chat = Conversation(shop)
    await chat.say("주문 조회해 주세요")
    assert chat.state.pending["action"] == "order_status"
    assert await chat.say("3만원 이하 티셔츠 추천해줘") is None
    assert chat.state.pending == {}
    assert await chat.say("5678") is None  # no order question is open any more


async def test_a_turn_plan_works_like_its_frame(shop):
    state = DialogueState(shown=(BLOUSE,))
    plan = plan_turn(interpret("M 사이즈로 담아줘"), state, None)
    turn = await action_turn(plan, state, "M 사이즈로 담아줘", session_id="w_turns_plan", actions=shop)
    assert turn.meta.cart.added.sku == BLOUSE.sku


async def test_an_unconnected_shop_is_said_plainly():
    turn = await Conversation(UnconfiguredShopActions(), DialogueState(shown=(BLOUSE,))).say("M 사이즈로 담아줘")
    assert (turn.meta["action"]["status"], turn.meta["action"]["code"]) == ("failed", "shop_not_configured")
    assert "장바구니에 담을 수 없어요" in turn.reply and "SHOP_API" not in turn.reply
