import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatClient } from '../api/client';
import { NO_ANSWER_MESSAGE } from '../api/errors';
import { AudioQueue, type ClipPlayer } from '../audio/audioQueue';
import { FakeFetch, hangingResponse, jsonResponse, sse, sseResponse } from '../test/fakes';
import { ChatController } from './controller';
import { SessionStore } from './session';

class SilentPlayer implements ClipPlayer {
  played: number[] = [];
  async play(clip: { index: number }) {
    this.played.push(clip.index);
  }
  stop() {}
}

const META = { session_id: 'server-given-id', products: [{ sku: 'T1', name: '티셔츠', price: 19000 }], faq: [], suggestions: ['더 보여줘'] };

function setup(fake: FakeFetch) {
  const player = new SilentPlayer();
  const sessions = new SessionStore(localStorage);
  const controller = new ChatController(new ChatClient('/api/llm', fake.fetch), sessions, new AudioQueue(player));
  return { controller, player, sessions };
}

const settle = (controller: ChatController) =>
  new Promise<void>((resolve) => {
    const check = () => (controller.getState().busy ? setTimeout(check, 1) : resolve());
    setTimeout(check, 1);
  });

beforeEach(() => localStorage.clear());

describe('ChatController', () => {
  it('streams an answer, keeps products and suggestions, adopts the server session id', async () => {
    const fake = new FakeFetch().reply(() => sseResponse(sse([['meta', META], ['token', { text: '이 ' }], ['token', { text: '티셔츠요' }], ['done', {}]])));
    const { controller } = setup(fake);
    const firstId = controller.getState().sessionId;
    controller.sendText('  티셔츠 추천  ');
    await settle(controller);
    const [user, answer] = controller.getState().messages;
    expect(user).toMatchObject({ role: 'user', content: '티셔츠 추천' });
    expect(answer).toMatchObject({ role: 'assistant', content: '이 티셔츠요', status: 'done', suggestions: ['더 보여줘'] });
    expect(answer.products[0].sku).toBe('T1');
    expect(JSON.parse(String(fake.calls[0].init.body)).session_id).toBe(firstId);
    expect(controller.getState().sessionId).toBe('server-given-id');
    expect(new SessionStore(localStorage).current()).toBe('server-given-id');
  });

  it('stop aborts the request and keeps the partial answer as stopped', async () => {
    const fake = new FakeFetch().reply((init) => hangingResponse(sse([['meta', META], ['token', { text: '부분' }]]), init.signal));
    const { controller } = setup(fake);
    controller.sendText('길게 답해줘');
    await new Promise((r) => setTimeout(r, 20));
    expect(controller.getState().busy).toBe(true);
    controller.stop();
    await settle(controller);
    expect(fake.calls[0].init.signal?.aborted).toBe(true);
    expect(controller.getState().messages[1]).toMatchObject({ content: '부분', status: 'stopped' });
    expect(controller.getState().error).toBeNull();
  });

  it("shows the server's Korean error with retry, and retry sends the same question again", async () => {
    const fake = new FakeFetch()
      .reply(() => jsonResponse({ error: { code: 'upstream_unavailable', message: 'AI 상담 서버에 연결할 수 없습니다.' } }, 502))
      .reply(() => sseResponse(sse([['meta', META], ['token', { text: '됐어요' }], ['done', {}]])));
    const { controller } = setup(fake);
    controller.sendText('배송 문의');
    await settle(controller);
    expect(controller.getState().error).toEqual({ message: 'AI 상담 서버에 연결할 수 없습니다.', action: 'retry', retryable: true });
    expect(controller.getState().messages.map((m) => m.role)).toEqual(['user']);
    controller.retry();
    await settle(controller);
    expect(JSON.parse(String(fake.calls[1].init.body)).message).toBe('배송 문의');
    expect(controller.getState().messages.map((m) => m.content)).toEqual(['배송 문의', '됐어요']);
    expect(controller.getState().error).toBeNull();
  });

  it('voice: the transcript replaces the placeholder and audio clips are played', async () => {
    const fake = new FakeFetch().reply(() =>
      sseResponse(sse([['transcript', { text: '반품 규정 알려줘' }], ['meta', META], ['token', { text: '7일 이내' }], ['audio', { index: 0, text: '7일 이내', wav_base64: '' }], ['done', {}]])),
    );
    const { controller, player } = setup(fake);
    controller.sendVoice({ blob: new Blob(['x']), filename: 'voice.webm' });
    expect(controller.getState().messages[0]).toMatchObject({ role: 'user', status: 'pending', via: 'voice' });
    await settle(controller);
    expect(controller.getState().messages.map((m) => m.content)).toEqual(['반품 규정 알려줘', '7일 이내']);
    expect(player.played).toEqual([0]);
  });

  it('restores history and starts over with a new id on 새 대화', async () => {
    localStorage.setItem('blankspace-chat.session-id', 'restored-1');
    const fake = new FakeFetch()
      .reply(() => jsonResponse({ session_id: 'restored-1', messages: [{ role: 'user', content: '안녕' }, { role: 'assistant', content: '반가워요' }] }))
      .reply(() => jsonResponse({ session_id: 'restored-1', deleted: true }));
    const { controller } = setup(fake);
    await controller.loadHistory();
    expect(fake.calls[0].url).toBe('/api/llm/sessions/restored-1');
    expect(controller.getState().messages.map((m) => m.content)).toEqual(['안녕', '반가워요']);
    await controller.newConversation();
    expect(fake.calls[1]).toMatchObject({ url: '/api/llm/sessions/restored-1', init: { method: 'DELETE' } });
    expect(controller.getState().messages).toEqual([]);
    expect(controller.getState().sessionId).not.toBe('restored-1');
    expect(localStorage.getItem('blankspace-chat.session-id')).toBe(controller.getState().sessionId);
  });

  describe('error actions', () => {
    afterEach(() => vi.useRealTimers());

    it('rate limited: waits for Retry-After before offering a retry', async () => {
      const limited = jsonResponse({ error: { code: 'rate_limited', message: '요청이 너무 많습니다. 2초 후에 다시 시도해 주세요.' } }, 429);
      limited.headers.set('Retry-After', '2');
      vi.useFakeTimers({ shouldAdvanceTime: true });
      const { controller } = setup(new FakeFetch().reply(() => limited));
      controller.sendText('배송 문의');
      await settle(controller);
      expect(controller.getState().error).toEqual({ message: '요청이 너무 많습니다. 2초 후에 다시 시도해 주세요.', action: 'wait', retryable: false });
      vi.advanceTimersByTime(2000);
      expect(controller.getState().error?.retryable).toBe(true);
    });

    it('message too long: asks to shorten and offers no retry of the same text', async () => {
      const body = { error: { code: 'message_too_long', message: '메시지가 너무 깁니다. 2000자 이내로 입력해 주세요.' } };
      const { controller } = setup(new FakeFetch().reply(() => jsonResponse(body, 422)));
      controller.sendText('긴 글');
      await settle(controller);
      expect(controller.getState().error).toEqual({ message: body.error.message, action: 'shorten', retryable: false });
    });

    it('no server answer: one local Korean sentence and a retry', async () => {
      const { controller } = setup(new FakeFetch());
      controller.sendText('배송 문의');
      await settle(controller);
      expect(controller.getState().error).toEqual({ message: NO_ANSWER_MESSAGE, action: 'retry', retryable: true });
    });
  });
});
