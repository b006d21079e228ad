"""The policy a question asks about puts that FAQ category first."""

from llm_server.protocol import FaqEntry
from llm_server.rag.faq_topic import policy_topic, topic_first


def _entry(question: str, category: str) -> FaqEntry:
    return FaqEntry(id=question, question=question, answer="…", category=category)


WASH = _entry("패딩은 세탁기로 빨아도 되나요?", "세탁/관리")
WASHED_RETURN = _entry("택을 떼거나 세탁한 상품도 반품되나요?", "교환/반품")
SOCKS = _entry("양말이나 속옷류도 반품할 수 있나요?", "교환/반품")


def test_the_policy_word_carries_the_question():
    assert policy_topic("옷 빨았는데 반품 가능해요?") == "교환/반품"
    assert policy_topic("니트 세탁기 돌려도 되나요") is None
    assert policy_topic("반품하면 언제 배송돼요?") is None  # two topics: left to the ranking


def test_the_named_topic_goes_first_only_from_the_next_entries():
    assert topic_first([WASH, WASHED_RETURN, SOCKS], "옷 빨았는데 반품 가능해요?") == [WASHED_RETURN, WASH, SOCKS]
    assert topic_first([WASH, WASHED_RETURN], "니트 세탁기 돌려도 되나요") == [WASH, WASHED_RETURN]
    far = [WASH, _entry("a", "배송"), _entry("b", "배송"), WASHED_RETURN]
    assert topic_first(far, "반품 돼요?") == far  # beyond the top 3: not promoted
    uncategorised = [_entry("x", ""), WASHED_RETURN]
    assert topic_first(uncategorised, "반품 돼요?") == uncategorised


def test_a_fee_word_beside_a_return_asks_about_the_return():
    from llm_server.rag.faq_topic import policy_topic

    assert policy_topic("교환하면 배송비 얼마예요?") == "교환/반품"
    assert policy_topic("배송비 얼마예요?") == "배송"
