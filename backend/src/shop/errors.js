'use strict';
/**
 * The shop API's errors: HttpError (../errors.js renders them) with their own codes.
 *
 *   ShopError
 *   ├── 400 invalid_order_query  phone4 is not four digits / order number malformed
 *   ├── 400 invalid_cart_item    sku / size / qty missing or malformed
 *   ├── 400 invalid_session_id   no usable session (X-Session-ID or the sid cookie)
 *   ├── 400 invalid_handoff      transcript / contact malformed
 *   ├── 400 invalid_json         the body is not JSON
 *   ├── 401 unauthorized         service route without the right Bearer token
 *   ├── 404 order_not_found      wrong order number OR wrong phone digits (one answer)
 *   ├── 404 product_not_found    no such product on sale
 *   ├── 404 cart_item_not_found  that sku/size is not in the cart
 *   ├── 409 size_unavailable     the size does not exist or lacks stock (+ sizes in stock)
 *   ├── 429 rate_limited         too many order lookups / handoffs
 *   └── 503 shop_unavailable     MongoDB unreachable, or the service token unset
 */
const { HttpError } = require('../errors');

const SHOP_ERRORS = {
  invalid_order_query: [400, '주문번호와 주문자 휴대폰 번호 뒤 4자리를 확인해 주세요.'],
  invalid_cart_item: [400, '담을 상품(sku), 사이즈, 수량(1~10)을 확인해 주세요.'],
  invalid_session_id: [400, '세션 정보가 없습니다. 페이지를 새로고침해 주세요.'],
  invalid_handoff: [400, '상담 요청 내용을 확인해 주세요.'],
  invalid_json: [400, '요청 본문이 올바른 JSON이 아닙니다.'],
  unauthorized: [401, '인증이 필요합니다.'],
  order_not_found: [404, '주문번호 또는 휴대폰 번호 뒤 4자리와 일치하는 주문을 찾을 수 없습니다.'],
  product_not_found: [404, '판매 중인 상품을 찾을 수 없습니다.'],
  cart_item_not_found: [404, '장바구니에 해당 상품이 없습니다.'],
  size_unavailable: [409, '선택한 사이즈는 재고가 없습니다.'],
  rate_limited: [429, '요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.'],
  shop_unavailable: [503, '쇼핑몰 서버에 일시적으로 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.'],
};

class ShopError extends HttpError {
  constructor(code, message, { headers, cause, extra } = {}) {
    const [status, fallback] = SHOP_ERRORS[code] || [500, undefined];
    super(code, message || fallback, { headers, cause });
    this.status = status;
    this.extra = extra;
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

module.exports = { ShopError, SHOP_ERRORS };
