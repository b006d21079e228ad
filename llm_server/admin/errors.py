"""Admin errors, in the server's one hierarchy (llm_server.errors.AppError)."""

from __future__ import annotations

from llm_server.errors import AppError, BadRequest, NotFound, ServiceUnavailable


class AdminUnauthorized(AppError):
    status_code = 401
    code = "admin_unauthorized"
    default_message = "관리자 키가 필요합니다. (Authorization: Bearer <ADMIN_API_KEY>)"


class AdminForbidden(AppError):
    status_code = 403
    code = "admin_forbidden"
    default_message = "관리자 키가 올바르지 않습니다."


class AdminDisabled(ServiceUnavailable):
    code = "admin_disabled"
    default_message = "관리자 기능이 꺼져 있습니다. 서버에 ADMIN_API_KEY를 설정해 주세요."


class ItemNotFound(NotFound):
    code = "item_not_found"
    default_message = "해당 항목을 찾을 수 없습니다."


class TurnNotFound(NotFound):
    code = "turn_not_found"
    default_message = "평가할 답변을 찾을 수 없습니다. 대화가 만료되었을 수 있어요."


class InvalidCsv(BadRequest):
    code = "invalid_csv"
    default_message = "CSV 파일을 읽을 수 없습니다. question,answer[,category] 열이 있는 UTF-8 CSV를 올려 주세요."


class ShopSourceUnavailable(ServiceUnavailable):
    code = "shop_db_unavailable"
    default_message = "상품 원본(MongoDB)에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요."
