/** One error type for everything that can go wrong talking to the server, with Korean text. */

const MESSAGES_BY_CODE: Record<string, string> = {
  network: '네트워크 연결에 문제가 있어요. 연결 상태를 확인한 뒤 다시 시도해 주세요.',
  empty_message: '메시지를 입력해 주세요.',
  message_too_long: '메시지가 너무 길어요. 2000자 이내로 입력해 주세요.',
  rate_limited: '요청이 너무 많아요. 잠시 후 다시 시도해 주세요.',
  invalid_session_id: '대화 정보가 올바르지 않아요. "새 대화"를 눌러 다시 시작해 주세요.',
  stream_incomplete: '답변이 중간에 끊겼어요. 다시 시도해 주세요.',
  upstream_unavailable: '상담 서버에 연결할 수 없어요. 잠시 후 다시 시도해 주세요.',
  upstream_timeout: '답변이 너무 오래 걸려요. 잠시 후 다시 시도해 주세요.',
  not_ready: '상담 서비스가 아직 준비 중이에요. 잠시 후 다시 시도해 주세요.',
  empty_audio: '녹음된 소리가 없어요. 다시 말씀해 주세요.',
  empty_transcript: '말씀을 알아듣지 못했어요. 조금 더 또렷하게 다시 말씀해 주세요.',
};

const MESSAGES_BY_STATUS: Record<number, string> = {
  413: '요청이 너무 커요. 메시지나 녹음을 짧게 줄여 주세요.',
  415: '지원하지 않는 오디오 형식이에요.',
  429: MESSAGES_BY_CODE.rate_limited,
  502: '상담 서버와 연결이 원활하지 않아요. 잠시 후 다시 시도해 주세요.',
  503: '상담 서비스가 아직 준비 중이에요. 잠시 후 다시 시도해 주세요.',
  504: '답변이 너무 오래 걸려요. 잠시 후 다시 시도해 주세요.',
};

const GENERIC = '답변을 가져오지 못했어요. 다시 시도해 주세요.';
const HANGUL = /[\uAC00-\uD7A3]/;

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The sentence shown to the shopper. */
  get userMessage(): string {
    return koreanMessage(this.code, this.message, this.status);
  }
}

export function koreanMessage(code: string, serverMessage = '', status = 0): string {
  if (MESSAGES_BY_CODE[code]) return MESSAGES_BY_CODE[code];
  return koreanPart(serverMessage) ?? MESSAGES_BY_STATUS[status] ?? GENERIC;
}

/** llm_server writes "한국어 문장. / English sentence."; the shopper gets the Korean half. */
function koreanPart(message: string): string | undefined {
  return message
    .split(' / ')
    .map((part) => part.trim())
    .find((part) => HANGUL.test(part));
}

/** Turns a non-2xx response into an ApiError, reading the `{"error": {...}}` body when present. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = response.statusText;
  try {
    const body = await response.json();
    if (body?.error?.code) code = String(body.error.code);
    if (body?.error?.message) message = String(body.error.message);
  } catch {
    // Not JSON (e.g. a proxy's HTML page): keep the status-based message.
  }
  return new ApiError(code, message, response.status);
}

export function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: string }).name === 'AbortError';
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('network', error instanceof Error ? error.message : String(error));
}
