'use strict';
/**
 * The backend's one error type and its renderer: every failure leaves as
 * {"error": {"code", "message"}} with a meaningful status.
 *
 *   HttpError
 *   ├── 400 bad_request          a request Express or a body parser rejected
 *   ├── 403 origin_not_allowed   a page whose origin is not in CORS_ORIGINS
 *   ├── 404 not_found            unknown /api route
 *   ├── 413 payload_too_large    request body over MAX_UPLOAD_MB (or a body parser's limit)
 *   ├── 415 unsupported_media_type a body type a parser does not take
 *   ├── 429 rate_limited         RATE_LIMIT_PER_MIN exceeded (with Retry-After)
 *   ├── 502 upstream_unavailable llm_server refused / reset the connection
 *   ├── 504 upstream_timeout     llm_server silent for UPSTREAM_IDLE_TIMEOUT_S
 *   └── 500 internal_error       anything else (a bug)
 *
 * These are the proxy's own errors (one Korean sentence each, for the shopper); errors
 * from llm_server pass through as llm_server wrote them.
 */

const MESSAGES = {
  origin_not_allowed: '이 사이트에서는 쇼핑 도우미를 사용할 수 없습니다. 상점 관리자에게 문의해 주세요.',
  bad_request: '잘못된 요청입니다.',
  not_found: '요청한 API를 찾을 수 없습니다.',
  payload_too_large: '업로드 파일이 너무 큽니다.',
  unsupported_media_type: '지원하지 않는 요청 형식입니다.',
  rate_limited: '요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.',
  upstream_unavailable: 'AI 상담 서버에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.',
  upstream_timeout: 'AI 상담 서버의 응답이 지연되고 있습니다. 잠시 후 다시 시도해 주세요.',
  internal_error: '서버 내부 오류가 발생했습니다.',
};

const STATUSES = {
  origin_not_allowed: 403,
  bad_request: 400,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  upstream_unavailable: 502,
  upstream_timeout: 504,
  internal_error: 500,
};

class HttpError extends Error {
  constructor(code, message = MESSAGES[code], { headers = {}, cause } = {}) {
    super(message, { cause });
    this.code = code;
    this.status = STATUSES[code] || 500;
    this.headers = headers;
  }

  toJSON() {
    return { error: { code: this.code, message: this.message } };
  }
}

function sendError(res, error) {
  res.status(error.status).set(error.headers).json(error.toJSON());
}

const CODES_BY_STATUS = { 413: 'payload_too_large', 415: 'unsupported_media_type' };

function toHttpError(err) {
  if (err instanceof HttpError) return err;
  // Express and its body parsers raise client errors (4xx) with English text ("request
  // entity too large"): keep the status, give the shopper our code and Korean sentence.
  const status = err.status || err.statusCode;
  if (status >= 400 && status < 500) {
    const error = new HttpError(CODES_BY_STATUS[status] || 'bad_request', undefined, { cause: err });
    error.status = status;
    return error;
  }
  return new HttpError('internal_error', undefined, { cause: err });
}

// The innermost cause says what really happened (e.g. ECONNREFUSED under "fetch failed").
function describe(err) {
  const chain = [];
  for (let e = err; e; e = e.cause) chain.push(e.code || e.message || String(e));
  return chain.join(' <- ');
}

function errorMiddleware(logger) {
  // Express recognises error handlers by their four parameters.
  // eslint-disable-next-line no-unused-vars
  return function handleError(err, req, res, next) {
    const error = toHttpError(err);
    if (error.status >= 500) {
      logger.error('request_failed', { request_id: req.id, code: error.code, error: describe(err) });
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendError(res, error);
  };
}

module.exports = { HttpError, MESSAGES, sendError, errorMiddleware };
