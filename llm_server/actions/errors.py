"""The shop backend's refusals as the project's errors (llm_server/errors.py).

    AppError
    ├── BadRequest (400)
    │   └── ShopRequestInvalid (400, the backend's code: invalid_order_query, invalid_cart_item, ...)
    ├── NotFound (404)
    │   ├── OrderNotFound (404 order_not_found)        wrong order number OR wrong phone digits
    │   └── ProductNotFound (404 product_not_found)
    ├── SizeUnavailable (409 size_unavailable)         carries the sizes in stock
    ├── ShopRateLimited (429 rate_limited)
    ├── ServiceUnavailable (503)
    │   └── ShopUnavailable (503 shop_unavailable)     backend or its MongoDB unreachable, not configured
    └── UpstreamError (502)
        └── ShopRejected (502 shop_rejected)           the backend refused our token or answered nonsense
"""

from __future__ import annotations

from llm_server.errors import AppError, BadRequest, NotFound, ServiceUnavailable, UpstreamError


class ShopRequestInvalid(BadRequest):
    code = "shop_request_invalid"


class OrderNotFound(NotFound):
    code = "order_not_found"
    default_message = "주문번호 또는 휴대폰 번호 뒤 4자리와 일치하는 주문을 찾을 수 없습니다."


class ProductNotFound(NotFound):
    code = "product_not_found"
    default_message = "판매 중인 상품을 찾을 수 없습니다."


class SizeUnavailable(AppError):
    status_code = 409
    code = "size_unavailable"
    default_message = "선택한 사이즈는 재고가 없습니다."

    def __init__(self, message: str | None = None, *, sizes_in_stock: list[str] | None = None):
        super().__init__(message)
        self.sizes_in_stock = list(sizes_in_stock or [])


class ShopRateLimited(AppError):
    status_code = 429
    code = "rate_limited"
    default_message = "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요."


class ShopUnavailable(ServiceUnavailable):
    code = "shop_unavailable"
    default_message = "쇼핑몰 서버에 일시적으로 연결할 수 없습니다. 잠시 후 다시 시도해 주세요."


class ShopRejected(UpstreamError):
    code = "shop_rejected"
    default_message = "쇼핑몰 서버가 요청을 처리하지 못했습니다. 잠시 후 다시 시도해 주세요."


BY_CODE: dict[str, type[AppError]] = {
    "order_not_found": OrderNotFound,
    "product_not_found": ProductNotFound,
    "cart_item_not_found": NotFound,
    "rate_limited": ShopRateLimited,
    "shop_unavailable": ShopUnavailable,
}


def from_response(status: int, body: object) -> AppError:
    """The backend's {"error": {"code", "message", ...}} as one of ours."""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return ShopUnavailable() if status >= 500 else ShopRejected()
    code, message = str(error.get("code", "")), error.get("message")
    if code == "size_unavailable":
        return SizeUnavailable(message, sizes_in_stock=error.get("sizes_in_stock"))
    if code in BY_CODE:
        return BY_CODE[code](message, code=code)
    if status in (401, 403):
        return ShopRejected()
    if 400 <= status < 500:
        return ShopRequestInvalid(message, code=code or None)
    return ShopUnavailable() if status in (502, 503, 504) else ShopRejected()
