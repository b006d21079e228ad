"""Gemma's turn format, applied by hand for GGUFs that carry no chat template."""

from __future__ import annotations

from llm_server.llm.base import ChatMessage

END_OF_TURN = "<end_of_turn>"
STOP_SEQUENCES = (END_OF_TURN, "<start_of_turn>", "<eos>")


def format_gemma(messages: list[ChatMessage]) -> str:
    """Render messages as Gemma turns; Gemma has no system role, so it prefixes the first user turn.

    No leading <bos>: llama.cpp's tokenizer adds it (a second one degrades the output).
    """
    system = "\n\n".join(m.content for m in messages if m.role == "system")
    turns: list[str] = []
    for message in (m for m in messages if m.role != "system"):
        content = message.content
        if system and message.role == "user" and not turns:
            content = f"{system}\n\n{content}"
        role = "model" if message.role == "assistant" else "user"
        turns.append(f"<start_of_turn>{role}\n{content}{END_OF_TURN}\n")
    return "".join(turns) + "<start_of_turn>model\n"
