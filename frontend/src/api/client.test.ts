import { describe, expect, it } from 'vitest';
import { FakeFetch, jsonResponse, sse, sseResponse } from '../test/fakes';
import { ChatClient } from './client';
import { ApiError, NO_ANSWER_MESSAGE } from './errors';

const META = { session_id: 'srv-session-1', products: [{ sku: 'T1', name: '티셔츠', price: 19000 }], faq: [], suggestions: ['다른 색상도 있나요?'] };

describe('ChatClient.streamChat', () => {
  it('sends the session id in body and header and dispatches events in order', async () => {
    const fake = new FakeFetch().reply(() =>
      sseResponse(sse([['meta', META], ['token', { text: '추천' }], ['token', { text: '해요' }], ['done', { session_id: 'srv-session-1' }]])),
    );
    const seen: string[] = [];
    await new ChatClient('/api/llm/', fake.fetch).streamChat('티셔츠', 'abcdefgh1', {
      onMeta: (m) => seen.push(`meta:${m.products[0].name}`),
      onToken: (t) => seen.push(t),
      onDone: () => seen.push('done'),
    });
    expect(seen).toEqual(['meta:티셔츠', '추천', '해요', 'done']);
    const { url, init } = fake.calls[0];
    expect(url).toBe('/api/llm/chat/stream');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['X-Session-ID']).toBe('abcdefgh1');
    expect(JSON.parse(String(init.body))).toEqual({ message: '티셔츠', session_id: 'abcdefgh1' });
  });

  it("turns an error event into an ApiError with the server's Korean message", async () => {
    const message = '답변을 만드는 중 문제가 생겼습니다. 다시 시도해 주세요.';
    const fake = new FakeFetch().reply(() => sseResponse(sse([['meta', META], ['error', { code: 'llm_unavailable', message }]])));
    const error = await new ChatClient('/api/llm', fake.fetch).streamChat('x', 'abcdefgh1', {}).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect([error.code, error.userMessage, error.action]).toEqual(['llm_unavailable', message, 'retry']);
  });

  it.each(['extractive', 'generate', 'grounded'])('accepts answer_mode %s (grounded: the previous release)', async (mode) => {
    const fake = new FakeFetch().reply(() => sseResponse(sse([['meta', { ...META, answer_mode: mode }], ['done', { session_id: 'srv-session-1' }]])));
    const seen: string[] = [];
    await new ChatClient('/api/llm', fake.fetch).streamChat('x', 'abcdefgh1', { onMeta: (m) => seen.push(m.answer_mode) });
    expect(seen).toEqual([mode]);
  });

  it('treats a stream that ends without done as an error', async () => {
    const fake = new FakeFetch().reply(() => sseResponse(sse([['token', { text: '중간' }]])));
    const error = await new ChatClient('/api/llm', fake.fetch).streamChat('x', 'abcdefgh1', {}).catch((e) => e);
    expect(error.code).toBe('stream_incomplete');
  });

  it('reads the JSON error of a non-2xx response', async () => {
    const message = '메시지가 너무 깁니다. 2000자 이내로 입력해 주세요.';
    const fake = new FakeFetch().reply(() => jsonResponse({ error: { code: 'message_too_long', message } }, 413));
    const error = await new ChatClient('/api/llm', fake.fetch).streamChat('x', 'abcdefgh1', {}).catch((e) => e);
    expect(error).toMatchObject({ code: 'message_too_long', status: 413 });
    expect([error.userMessage, error.action]).toEqual([message, 'shorten']);
  });

  it('maps a network failure and a 503 without body to the local Korean sentence', async () => {
    const fake = new FakeFetch().reply(() => new Response('<html>', { status: 503 }));
    const down = await new ChatClient('/api/llm', fake.fetch).streamChat('x', 'abcdefgh1', {}).catch((e) => e);
    expect([down.userMessage, down.action]).toEqual([NO_ANSWER_MESSAGE, 'wait']);
    const offline = await new ChatClient('/api/llm', fake.fetch).streamChat('x', 'abcdefgh1', {}).catch((e) => e);
    expect([offline.code, offline.userMessage, offline.action]).toEqual(['network', NO_ANSWER_MESSAGE, 'retry']);
  });
});

describe('ChatClient.streamVoice', () => {
  it('posts multipart audio + session_id and dispatches transcript and audio', async () => {
    const fake = new FakeFetch().reply(() =>
      sseResponse(
        sse([
          ['transcript', { text: 'What is the return policy' }],
          ['meta', META],
          ['token', { text: '반품은' }],
          ['audio', { index: 0, text: '반품은.', wav_base64: 'UklGRg==' }],
          ['done', {}],
        ]),
      ),
    );
    const seen: string[] = [];
    await new ChatClient('/api/llm', fake.fetch).streamVoice(new Blob(['x'], { type: 'audio/webm' }), 'voice.webm', 'abcdefgh1', {
      onTranscript: (t) => seen.push(`t:${t}`),
      onAudio: (c) => seen.push(`a:${c.index}`),
    });
    expect(seen).toEqual(['t:What is the return policy', 'a:0']);
    const form = fake.calls[0].init.body as FormData;
    expect(fake.calls[0].url).toBe('/api/llm/voice/chat');
    expect(form.get('session_id')).toBe('abcdefgh1');
    expect((form.get('audio') as File).name).toBe('voice.webm');
  });
});
