from llm_server.llm.base import ChatMessage
from llm_server.llm.gemma_format import format_gemma


def test_turns_and_generation_prompt():
    prompt = format_gemma([ChatMessage("user", "안녕"), ChatMessage("assistant", "네"), ChatMessage("user", "배송?")])
    assert prompt == (
        "<start_of_turn>user\n안녕<end_of_turn>\n"
        "<start_of_turn>model\n네<end_of_turn>\n"
        "<start_of_turn>user\n배송?<end_of_turn>\n"
        "<start_of_turn>model\n"
    )


def test_system_prompt_prefixes_first_user_turn_only():
    prompt = format_gemma(
        [ChatMessage("system", "규칙"), ChatMessage("user", "a"), ChatMessage("assistant", "b"), ChatMessage("user", "c")]
    )
    assert prompt.count("규칙") == 1
    assert prompt.startswith("<start_of_turn>user\n규칙\n\na<end_of_turn>")
