import { describe, expect, it } from 'vitest';
import { errorFromResponse, koreanMessage } from './errors';

describe('koreanMessage', () => {
  it('prefers the widget wording for known codes', () => {
    expect(koreanMessage('upstream_unavailable', 'fetch failed', 502)).toBe('상담 서버에 연결할 수 없어요. 잠시 후 다시 시도해 주세요.');
  });

  it('keeps only the Korean half of a bilingual server message', () => {
    expect(koreanMessage('unsupported_media_type', '지원하지 않는 오디오 형식입니다. / Unsupported audio format.', 415)).toBe(
      '지원하지 않는 오디오 형식입니다.',
    );
  });

  it('falls back to the status, then to a generic Korean sentence, for English-only messages', () => {
    expect(koreanMessage('weird', 'Service Unavailable', 503)).toBe('상담 서비스가 아직 준비 중이에요. 잠시 후 다시 시도해 주세요.');
    expect(koreanMessage('weird', 'boom', 500)).toBe('답변을 가져오지 못했어요. 다시 시도해 주세요.');
  });
});

describe('errorFromResponse', () => {
  it('reads code and message from the JSON error body', async () => {
    const response = new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), { status: 429 });
    expect(await errorFromResponse(response)).toMatchObject({ code: 'rate_limited', status: 429, message: 'slow down' });
  });

  it('survives a non-JSON body', async () => {
    const error = await errorFromResponse(new Response('<h1>Bad Gateway</h1>', { status: 502, statusText: 'Bad Gateway' }));
    expect(error).toMatchObject({ code: 'http_502', status: 502 });
    expect(error.userMessage).toBe('상담 서버와 연결이 원활하지 않아요. 잠시 후 다시 시도해 주세요.');
  });
});
