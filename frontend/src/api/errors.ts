/**
 * What can go wrong talking to the server. The server (and the shop's proxy) own the error
 * codes and word each one in Korean; the widget keeps no catalogue of its own: it shows the
 * server's sentence and only decides what the shopper can do about it.
 */

/** retry: the same request may work now; shorten: it will not until the input is smaller;
 * wait: it will after a pause; dismiss: nothing to repeat (a new question is needed). */
export type ErrorAction = 'retry' | 'shorten' | 'wait' | 'dismiss';

/** The one local sentence: for when no server answered with one (offline, a cut stream, an HTML error page). */
export const NO_ANSWER_MESSAGE = '상담 서버의 응답을 받지 못했어요. 연결을 확인한 뒤 다시 시도해 주세요.';

/** Codes whose action differs from what their HTTP status says (SSE error events have no status). */
const ACTION_BY_CODE: Record<string, ErrorAction> = {
  message_too_long: 'shorten',
  payload_too_large: 'shorten',
  rate_limited: 'wait',
  not_ready: 'wait',
  empty_message: 'dismiss',
  empty_input: 'dismiss',
  empty_audio: 'dismiss',
  empty_transcript: 'dismiss',
  unsupported_language: 'dismiss',
  unsupported_media_type: 'dismiss',
  invalid_session_id: 'dismiss',
};

const DEFAULT_WAIT_S = 3;
const HANGUL = /[\uAC00-\uD7A3]/;

export function actionFor(code: string, status = 0): ErrorAction {
  if (ACTION_BY_CODE[code]) return ACTION_BY_CODE[code];
  if (status === 413) return 'shorten';
  if (status === 429 || status === 503) return 'wait';
  if (status >= 400 && status < 500) return 'dismiss';
  return 'retry';
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    /** From Retry-After, when the server sent one. */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The sentence shown to the shopper: the server's own, when it sent a Korean one. */
  get userMessage(): string {
    return HANGUL.test(this.message) ? this.message : NO_ANSWER_MESSAGE;
  }

  get action(): ErrorAction {
    return actionFor(this.code, this.status);
  }

  /** Seconds to wait before a retry makes sense (only for `wait`). */
  get waitS(): number {
    return this.action === 'wait' ? (this.retryAfterS ?? DEFAULT_WAIT_S) : 0;
  }
}

/** Turns a non-2xx response into an ApiError, reading the `{"error": {...}}` body when present. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = '';
  try {
    const body = await response.json();
    if (body?.error?.code) code = String(body.error.code);
    if (body?.error?.message) message = String(body.error.message);
  } catch {
    // Not JSON (e.g. a load balancer's HTML page): no server sentence to show.
  }
  return new ApiError(code, message, response.status, retryAfter(response.headers.get('Retry-After')));
}

function retryAfter(header: string | null): number | undefined {
  const seconds = Number(header);
  return header && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

export function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: string }).name === 'AbortError';
}

/** Anything thrown that is not an ApiError means no server answered: a network failure. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('network', error instanceof Error ? error.message : String(error));
}
