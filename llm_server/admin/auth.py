"""ADMIN_API_KEY as `Authorization: Bearer <key>`, compared in constant time.

Both sides are hashed first, so `hmac.compare_digest` compares equal-length digests and
the comparison time does not reveal the key's length. The key is never logged.
"""

from __future__ import annotations

import hashlib
import hmac

from llm_server.admin.errors import AdminDisabled, AdminForbidden, AdminUnauthorized

SCHEME = "bearer"


def check_admin_key(authorization: str | None, configured: str) -> None:
    """Raises 503 admin_disabled (no key configured), 401 (no bearer key) or 403 (wrong key)."""
    if not configured:
        raise AdminDisabled()
    given = bearer_token(authorization)
    if given is None:
        raise AdminUnauthorized()
    if not hmac.compare_digest(_digest(given), _digest(configured)):
        raise AdminForbidden()


def bearer_token(authorization: str | None) -> str | None:
    scheme, _, token = (authorization or "").strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == SCHEME and token else None


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()
