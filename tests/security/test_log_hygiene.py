"""No secrets, full prompts, message text or personal data in the logs at INFO: a whole
chat session (with a name, a phone number and an admin call carrying the key) is logged and
the log text is searched for each of them."""

import logging

from fastapi.testclient import TestClient

from tests.conftest import wait_ready
from tests.fakes import FakeLLM

ADMIN_KEY = "admin-key-7f3c9e1b2d4a"
SECRET_WORDS = ["민수", "010-9876-5432", "비밀 질문입니다", ADMIN_KEY]


def test_info_logs_carry_no_message_prompt_key_or_phone(make_app, caplog):
    llm = FakeLLM("민수님, 린넨 셔츠를 추천드려요.")
    caplog.set_level(logging.INFO)
    with TestClient(make_app(llm=llm, answer_mode="generate", admin_api_key=ADMIN_KEY)) as client:
        wait_ready(client)
        headers = {"X-Session-ID": "log-hygiene-session-1"}
        client.post("/chat", json={"message": "제 이름은 민수예요. 연락처는 010-9876-5432, 비밀 질문입니다"}, headers=headers)
        client.post("/chat/stream", json={"message": "민수 린넨 셔츠 추천해줘"}, headers=headers)
        client.get("/admin/health", headers={"Authorization": f"Bearer {ADMIN_KEY}"})
        client.get("/admin/health", headers={"Authorization": "Bearer wrong-key-000"})
    assert llm.calls, "the turn reached the model"
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records if r.levelno >= logging.INFO)
    assert logged, "nothing was logged at all"
    for word in SECRET_WORDS:
        assert word not in logged, f"{word!r} appears in the INFO logs"
    system_prompt_start = llm.calls[0][0].content[:40]
    assert system_prompt_start not in logged, "the prompt appears in the INFO logs"
