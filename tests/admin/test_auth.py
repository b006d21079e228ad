"""Every /admin route: 401 without a key, 403 with a wrong one, 503 when no key is configured."""

from __future__ import annotations

import re

from tests.admin.conftest import AUTH

BODIES = {
    ("POST", "/admin/faq"): {"question": "q", "answer": "a"},
    ("PUT", "/admin/faq/{item_id}"): {"question": "q", "answer": "a"},
    ("POST", "/admin/try"): {"message": "배송비"},
    ("POST", "/admin/feedback/{turn_id}/fix"): {"answer": "a"},
}


def admin_routes(app) -> list[tuple[str, str]]:
    routes = [
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        if path.startswith("/admin")
        for method in operations
    ]
    assert len(routes) >= 14, routes
    return routes


def concrete(path: str) -> str:
    return re.sub(r"\{kind\}", "products", re.sub(r"\{(?!kind)\w+\}", "BS-BG-0001", path))


def call(client, method, path, headers):
    body = BODIES.get((method, path))
    return client.request(method, concrete(path) + ("?q=x" if path == "/admin/search" else ""), json=body, headers=headers)


def test_every_admin_route_needs_the_key(admin):
    for method, path in admin_routes(admin.app):
        missing = call(admin, method, path, {})
        assert missing.status_code == 401, (method, path)
        assert missing.json()["error"]["code"] == "admin_unauthorized"
        wrong = call(admin, method, path, {"Authorization": "Bearer not-the-key"})
        assert wrong.status_code == 403, (method, path)
        assert wrong.json()["error"]["code"] == "admin_forbidden"
        assert call(admin, method, path, {"Authorization": "Basic abc"}).status_code == 401


def test_the_right_key_is_accepted_and_never_logged(admin, caplog):
    with caplog.at_level("DEBUG"):
        assert admin.get("/admin/auth", headers=AUTH).json() == {"ok": True}
        admin.get("/admin/auth", headers={"Authorization": "Bearer wrong-key-123"})
    assert AUTH["Authorization"].split()[1] not in caplog.text and "wrong-key-123" not in caplog.text


def test_admin_is_disabled_without_a_configured_key(make_admin):
    client = make_admin(admin_api_key="")
    for headers in ({}, AUTH):
        response = client.get("/admin/collections", headers=headers)
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "admin_disabled"
    assert client.post("/chat", json={"message": "배송비 얼마예요?"}).status_code == 200
