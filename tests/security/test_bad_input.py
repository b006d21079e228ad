"""Hostile or careless input to the real app (embedded Chroma with the demo data, fake LLM):
every case is a clear 4xx {"error": {"code", "message"}} in Korean, never a 500 or a hang."""

import json

import pytest


def assert_clear_4xx(response, *statuses):
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] and body["error"]["message"]
    assert any("\uac00" <= ch <= "\ud7a3" for ch in body["error"]["message"]), body


@pytest.mark.parametrize("path", ["/chat", "/chat/stream"])
def test_wrong_content_types(client, path):
    assert_clear_4xx(client.post(path, content=b"message=hi", headers={"content-type": "application/x-www-form-urlencoded"}), 415, 422)
    assert_clear_4xx(client.post(path, content=b"hi", headers={"content-type": "text/plain"}), 415, 422)
    assert_clear_4xx(client.post(path), 415, 422)


@pytest.mark.parametrize("path", ["/chat", "/chat/stream"])
def test_invalid_utf8_and_broken_json(client, path):
    headers = {"content-type": "application/json"}
    assert_clear_4xx(client.post(path, content=b'{"message": "\xff\xfe\xc3("}', headers=headers), 400, 422)
    assert_clear_4xx(client.post(path, content=b'{"message": ', headers=headers), 400, 422)
    assert_clear_4xx(client.post(path, content=b'["message"]', headers=headers), 400, 422)
    assert_clear_4xx(client.post(path, json={"message": 42}), 400, 422)


def test_a_message_over_max_message_chars(client):
    assert_clear_4xx(client.post("/chat", json={"message": "가" * 2001}), 413, 422)


def test_ten_megabytes_of_json(client):
    body = json.dumps({"message": "가", "padding": "x" * (10 * 1024 * 1024)})
    assert_clear_4xx(client.post("/chat", content=body, headers={"content-type": "application/json"}), 413, 422)


def test_deeply_nested_json(client):
    body = '{"message": "안녕", "session_id": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert_clear_4xx(client.post("/chat", content=body, headers={"content-type": "application/json"}), 400, 413, 422)


def test_control_characters_and_lone_surrogates_in_the_message(client):
    body = '{"message": "반팔\\u0000티셔츠\\ud800 있어요?"}'.encode()  # JSON escapes: a NUL, a lone surrogate
    response = client.post("/chat", content=body, headers={"content-type": "application/json"})
    assert response.status_code in (200, 400, 422), response.text[:300]
    if response.status_code != 200:
        assert_clear_4xx(response, 400, 422)


def test_a_hostile_session_id_is_refused(client):
    for session_id in ("../../etc/passwd", "x" * 500, "a b", "%00admin"):
        response = client.post("/chat", json={"message": "배송비"}, headers={"X-Session-ID": session_id})
        assert response.status_code in (200, 400), response.text[:200]
        if response.status_code == 200:
            assert response.headers["x-session-id"] != session_id  # replaced, never used as given
