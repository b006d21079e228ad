"""A conditional follow-up to an FAQ answer: which reading of it the shopper gets."""

import anyio

from llm_server.chat.turn import TurnBuilder
from llm_server.config import Settings
from llm_server.dialogue.state import DialogueState
from llm_server.protocol import FaqEntry
from llm_server.rag.retriever import RetrievalResult

REFUND = "반품한 상품은 언제 환불되나요?"


def _faq(*questions: str) -> list[FaqEntry]:
    return [FaqEntry(id=f"faq-{q}", question=q, answer=f"{q}의 답") for q in questions]


class RankingsByText:
    """A retriever fake: a fixed FAQ ranking per query text (no products)."""

    def __init__(self, rankings: dict[str, list[str]]):
        self.rankings = rankings
        self.queries: list[str] = []

    def retrieve_turn(self, text, filters, wants_products, notes):
        self.queries.append(text)
        return RetrievalResult(faq=_faq(*self.rankings[text]), wants_products=False)


def _answer(rankings: dict[str, list[str]], message: str, last_faq: str) -> tuple[str, list[str]]:
    retriever = RankingsByText(rankings)
    builder = TurnBuilder(retriever, gate=None, actions=None, settings=Settings())
    turn = anyio.run(builder.build, message, [], DialogueState(last_faq=last_faq), "s-follow-up")
    return turn.result.faq[0].question, retriever.queries


def test_a_fragment_follow_up_keeps_the_topic():
    """ "카드로 결제했으면요?" alone reads as a card-payment question the topic never raised."""
    message = "카드로 결제했으면요?"
    top, queries = _answer(
        {
            message: ["해외 발급 카드로 결제할 수 있나요?", "카드 할부도 되나요?", "결제 오류"],
            f"{REFUND} {message}": [REFUND, "카카오페이 환불", "반품 기한"],
        },
        message,
        REFUND,
    )
    assert top == REFUND and queries == [message, f"{REFUND} {message}"]


def test_a_follow_up_that_asks_its_own_question_gets_its_own_answer():
    """Both readings rank "입금했는데 확인이 안 돼요." high: the message's own answer wins."""
    message = "입금했는데 확인이 안 되면요?"
    deadline = "무통장입금은 언제까지 입금해야 하나요?"
    top, _ = _answer(
        {
            message: ["입금했는데 확인이 안 돼요.", deadline, "현금영수증"],
            f"{deadline} {message}": [deadline, "무통장입금 환불", "입금했는데 확인이 안 돼요."],
        },
        message,
        deadline,
    )
    assert top == "입금했는데 확인이 안 돼요."


def test_a_new_question_is_searched_once_on_its_own():
    message = "교환은 어떻게 해요?"
    top, queries = _answer({message: ["교환 방법", "반품 기한", "배송비"]}, message, REFUND)
    assert top == "교환 방법" and queries == [message]
