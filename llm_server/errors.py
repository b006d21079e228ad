"""The server's one error hierarchy, rendered as {"error": {"code", "message"}}.

The server owns the codes and one Korean message each (what the shopper reads); clients
map codes to actions and never keep their own catalogue. English detail goes to the logs
and to docs/api.md, never into `message`.

    AppError (500 internal_error)
    ├── BadRequest (400)
    │   ├── InvalidSessionId (400 invalid_session_id)
    │   └── EmptyInput (400 empty_input)
    ├── Unprocessable (422)
    │   └── EmptyMessage (422 empty_message)
    ├── PayloadTooLarge (413)
    ├── UnsupportedMediaType (415)
    ├── NotFound (404)
    ├── StorageFull (507 storage_full)
    ├── ServiceUnavailable (503)
    │   ├── NotReady (503 not_ready)
    │   ├── EmbeddingModelMismatch (503 embedding_model_mismatch)
    │   ├── VectorStoreUnavailable (503 vector_store_unavailable)
    │   └── LLMUnavailable (503 llm_unavailable)
    └── UpstreamError (502 upstream_error)
"""

from __future__ import annotations


class AppError(Exception):
    status_code = 500
    code = "internal_error"
    default_message = "서버 오류가 발생했습니다. 잠시 후 다시 시도해 주세요."

    def __init__(self, message: str | None = None, *, code: str | None = None, detail: str | None = None):
        """`message`: Korean, for the shopper; `detail`: English, for logs and /health/ready."""
        self.message = message or self.default_message
        self.detail = detail or self.message
        super().__init__(self.detail)
        if code:
            self.code = code

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


class BadRequest(AppError):
    status_code = 400
    code = "bad_request"
    default_message = "잘못된 요청입니다."


class InvalidSessionId(BadRequest):
    code = "invalid_session_id"
    default_message = "세션 ID 형식이 올바르지 않습니다. (영문, 숫자, '-', '_' 8~64자)"


class EmptyInput(BadRequest):
    code = "empty_input"


class Unprocessable(AppError):
    status_code = 422
    code = "unprocessable"
    default_message = "요청을 처리할 수 없습니다."


class EmptyMessage(Unprocessable):
    code = "empty_message"
    default_message = "메시지를 입력해 주세요."


class PayloadTooLarge(AppError):
    status_code = 413
    code = "payload_too_large"
    default_message = "요청이 너무 큽니다."


class UnsupportedMediaType(AppError):
    status_code = 415
    code = "unsupported_media_type"


class NotFound(AppError):
    status_code = 404
    code = "not_found"
    default_message = "요청한 경로를 찾을 수 없습니다."


class StorageFull(AppError):
    """A write the vector store refused because its disk is full (or a file hit its size limit).
    Reads keep working; the write can be retried once space is freed."""

    status_code = 507
    code = "storage_full"
    default_message = "저장 공간이 부족해 변경 내용을 저장하지 못했습니다. 관리자에게 문의해 주세요."


class ServiceUnavailable(AppError):
    status_code = 503
    code = "service_unavailable"
    default_message = "서비스를 일시적으로 사용할 수 없습니다. 잠시 후 다시 시도해 주세요."


class NotReady(ServiceUnavailable):
    code = "not_ready"
    default_message = "서버가 아직 준비 중입니다. 잠시 후 다시 시도해 주세요."


class EmbeddingModelMismatch(ServiceUnavailable):
    code = "embedding_model_mismatch"
    default_message = "상품 검색 색인을 다시 만들어야 합니다. 잠시 후 다시 시도해 주세요."


class VectorStoreUnavailable(ServiceUnavailable):
    code = "vector_store_unavailable"
    default_message = "상품 검색을 잠시 사용할 수 없습니다. 잠시 후 다시 시도해 주세요."


class LLMUnavailable(ServiceUnavailable):
    code = "llm_unavailable"
    default_message = "답변 모델에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요."


class UpstreamError(AppError):
    status_code = 502
    code = "upstream_error"
    default_message = "답변 모델이 오류를 보냈습니다. 다시 시도해 주세요."
