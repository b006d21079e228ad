import pytest

from llm_server.chat.shopper_name import introduced_name, name_reply
from llm_server.llm.base import ChatMessage


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("제 이름은 민수예요", "민수"),
        ("제 이름은 지은이에요.", "지은"),
        ("내 이름은 Alex야", "Alex"),
        ("저의 이름은 김하늘입니다", "김하늘"),
        ("제 이름은 민수", "민수"),
        ("이름은 뭐예요?", None),
        ("린넨 셔츠 있어요?", None),
    ],
)
def test_introduced_name(text, name):
    assert introduced_name(text) == name


def test_name_is_recalled_from_history():
    history = [ChatMessage("user", "제 이름은 민수예요"), ChatMessage("assistant", "반가워요, 민수님!")]
    assert name_reply("제 이름이 뭐였죠?", history).startswith("민수님이라고 하셨어요")


def test_unknown_name_is_said_honestly():
    assert "아직 이름을 알려주지 않으셨어요" in name_reply("제 이름 기억해요?", [])


def test_shop_questions_are_not_conversation():
    assert name_reply("3만원 이하 반팔 티셔츠 있어요?", []) is None
