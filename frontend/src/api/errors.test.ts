import { describe, expect, it } from 'vitest';
import { ApiError, actionFor, errorFromResponse, NO_ANSWER_MESSAGE, toApiError } from './errors';

describe('ApiError.userMessage', () => {
  it("shows the server's Korean sentence as it is", () => {
    const message = '지원하지 않는 오디오 형식입니다. 녹음을 다시 해 주세요.';
    expect(new ApiError('unsupported_media_type', message, 415).userMessage).toBe(message);
  });

  it('shows the one local sentence when no server sentence is there to show', () => {
    expect(toApiError(new TypeError('Failed to fetch')).userMessage).toBe(NO_ANSWER_MESSAGE);
    expect(new ApiError('http_500', 'Internal Server Error', 500).userMessage).toBe(NO_ANSWER_MESSAGE);
  });
});

describe('actionFor', () => {
  it.each([
    ['message_too_long', 422, 'shorten'],
    ['payload_too_large', 413, 'shorten'],
    ['http_413', 413, 'shorten'],
    ['rate_limited', 429, 'wait'],
    ['not_ready', 503, 'wait'],
    ['http_503', 503, 'wait'],
    ['empty_transcript', 0, 'dismiss'],
    ['invalid_session_id', 400, 'dismiss'],
    ['upstream_unavailable', 502, 'retry'],
    ['upstream_timeout', 504, 'retry'],
    ['llm_unavailable', 0, 'retry'],
    ['network', 0, 'retry'],
    ['stream_incomplete', 0, 'retry'],
  ] as const)('%s (%i) -> %s', (code, status, action) => {
    expect(actionFor(code, status)).toBe(action);
  });
});

describe('errorFromResponse', () => {
  it('reads code, message and Retry-After from the JSON error body', async () => {
    const body = { error: { code: 'rate_limited', message: '요청이 너무 많습니다. 5초 후에 다시 시도해 주세요.' } };
    const response = new Response(JSON.stringify(body), { status: 429, headers: { 'Retry-After': '5' } });
    const error = await errorFromResponse(response);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, message: body.error.message, retryAfterS: 5 });
    expect([error.action, error.waitS, error.userMessage]).toEqual(['wait', 5, body.error.message]);
  });

  it('survives a non-JSON body', async () => {
    const error = await errorFromResponse(new Response('<h1>Bad Gateway</h1>', { status: 502, statusText: 'Bad Gateway' }));
    expect(error).toMatchObject({ code: 'http_502', status: 502 });
    expect([error.action, error.userMessage]).toEqual(['retry', NO_ANSWER_MESSAGE]);
  });
});
