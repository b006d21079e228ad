/**
 * The conversation as a small store, independent of React: the widget subscribes to it,
 * tests drive it directly.
 */

import type { ChatClient, StreamHandlers } from '../api/client';
import { isAbort, toApiError, type ApiError, type ErrorAction } from '../api/errors';
import type { ChatMeta, Faq, Product } from '../api/types';
import type { AudioQueue } from '../audio/audioQueue';
import type { Recording } from '../voice/recorder';
import { shopMetaOf, type ShopMeta } from '../shop/meta';
import type { SessionStore } from './session';

export type MessageStatus = 'pending' | 'streaming' | 'done' | 'stopped' | 'error';

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: MessageStatus;
  products: Product[];
  faq: Faq[];
  suggestions: string[];
  via?: 'voice';
  /** The server's id for this answer (done event), for 👍/👎 feedback. */
  turnId?: string;
  /** What a shop action did in this turn (order card, cart, handoff). */
  shop?: ShopMeta;
}

export interface ChatError {
  /** The server's Korean sentence (or the widget's one line when no server answered). */
  message: string;
  action: ErrorAction;
  /** Whether "다시 시도" is offered now; a `wait` error becomes retryable after its pause. */
  retryable: boolean;
}

export interface ChatState {
  sessionId: string;
  messages: ChatMessage[];
  busy: boolean;
  error: ChatError | null;
}

type Turn = { kind: 'text'; text: string } | { kind: 'voice'; recording: Recording; userMessageId: string };

let counter = 0;
const nextId = () => `m${Date.now().toString(36)}${(counter += 1)}`;

function message(role: ChatMessage['role'], content: string, status: MessageStatus): ChatMessage {
  return { id: nextId(), role, content, status, products: [], faq: [], suggestions: [] };
}

export class ChatController {
  private state: ChatState;
  private abort: AbortController | null = null;
  private waitTimer: ReturnType<typeof setTimeout> | null = null;
  private lastTurn: Turn | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly client: ChatClient,
    private readonly sessions: SessionStore,
    private readonly audio: AudioQueue,
  ) {
    this.state = { sessionId: sessions.current(), messages: [], busy: false, error: null };
  }

  getState = (): ChatState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Restores the stored conversation after a reload. */
  async loadHistory(): Promise<void> {
    const sessionId = this.state.sessionId;
    try {
      const history = await this.client.getHistory(sessionId);
      if (this.state.messages.length > 0 || this.state.sessionId !== sessionId) return;
      this.update({ messages: history.map((m) => message(m.role, m.content, 'done')) });
    } catch {
      // A missing history is not worth an error banner: the shopper just starts fresh.
    }
  }

  sendText(text: string): void {
    const trimmed = text.trim();
    if (!trimmed || this.state.busy) return;
    this.update({ messages: [...this.state.messages, message('user', trimmed, 'done')] });
    void this.run({ kind: 'text', text: trimmed });
  }

  sendVoice(recording: Recording): void {
    if (this.state.busy) return;
    const placeholder = { ...message('user', '음성 인식 중…', 'pending'), via: 'voice' as const };
    this.update({ messages: [...this.state.messages, placeholder] });
    void this.run({ kind: 'voice', recording, userMessageId: placeholder.id });
  }

  /** Stop button: aborts the request, which makes the server cancel generation. */
  stop(): void {
    this.abort?.abort();
    this.audio.clear();
  }

  retry(): void {
    const turn = this.lastTurn;
    if (!turn || this.state.busy) return;
    const messages = this.state.messages
      .filter((m) => !(m.role === 'assistant' && m.status === 'error'))
      .map((m) => (turn.kind === 'voice' && m.id === turn.userMessageId ? { ...m, content: '음성 인식 중…', status: 'pending' as const } : m));
    this.setError(null);
    this.update({ messages });
    void this.run(turn);
  }

  async newConversation(): Promise<void> {
    this.stop();
    const old = this.state.sessionId;
    this.lastTurn = null;
    this.setError(null);
    this.update({ sessionId: this.sessions.renew(), messages: [], busy: false });
    await this.client.deleteSession(old).catch(() => undefined);
  }

  showError(messageText: string): void {
    this.setError({ message: messageText, action: 'dismiss', retryable: false });
  }

  dismissError(): void {
    this.setError(null);
  }

  private async run(turn: Turn): Promise<void> {
    this.lastTurn = turn;
    const abort = new AbortController();
    this.abort = abort;
    const answer = message('assistant', '', 'pending');
    this.setError(null);
    this.update({ messages: [...this.state.messages, answer], busy: true });
    try {
      await this.request(turn, this.handlers(answer.id, turn), abort.signal);
      this.patch(answer.id, { status: 'done' });
    } catch (error) {
      this.fail(answer.id, turn, error);
    } finally {
      // A newer turn (after "새 대화") owns `busy` now; only the current turn may clear it.
      if (this.abort === abort) {
        this.abort = null;
        this.update({ busy: false });
      }
    }
  }

  private request(turn: Turn, handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
    const sid = this.state.sessionId;
    if (turn.kind === 'text') return this.client.streamChat(turn.text, sid, handlers, signal);
    const { blob, filename } = turn.recording;
    return this.client.streamVoice(blob, filename, sid, handlers, signal);
  }

  private handlers(answerId: string, turn: Turn): StreamHandlers {
    return {
      onTranscript: (text) => {
        if (turn.kind === 'voice') this.patch(turn.userMessageId, { content: text, status: 'done' });
      },
      onMeta: (meta) => this.applyMeta(answerId, meta),
      onToken: (text) => this.appendToken(answerId, text),
      onAudio: (clip) => this.audio.enqueue(clip),
      onDone: (done) => {
        if ('turn_id' in done && done.turn_id) this.patch(answerId, { turnId: done.turn_id });
      },
    };
  }

  private applyMeta(answerId: string, meta: ChatMeta): void {
    if (meta.session_id && meta.session_id !== this.state.sessionId) {
      this.sessions.adopt(meta.session_id);
      this.update({ sessionId: meta.session_id });
    }
    const { products, faq, suggestions } = meta;
    this.patch(answerId, { products, faq, suggestions, shop: shopMetaOf(meta), status: 'streaming' });
  }

  private appendToken(answerId: string, text: string): void {
    const current = this.state.messages.find((m) => m.id === answerId);
    if (current) this.patch(answerId, { content: current.content + text, status: 'streaming' });
  }

  private fail(answerId: string, turn: Turn, error: unknown): void {
    const answer = this.state.messages.find((m) => m.id === answerId);
    if (isAbort(error)) {
      if (answer && !answer.content && answer.products.length === 0) this.remove(answerId);
      else this.patch(answerId, { status: 'stopped' });
      this.markVoicePlaceholder(turn, '(음성 질문이 취소되었어요)');
      return;
    }
    const apiError = toApiError(error);
    if (answer && !answer.content) this.remove(answerId);
    else this.patch(answerId, { status: 'error' });
    this.markVoicePlaceholder(turn, '(음성을 처리하지 못했어요)');
    this.showApiError(apiError);
  }

  /** The banner offers what the error allows: retry now, retry after a pause, or nothing. */
  private showApiError(error: ApiError): void {
    const { action } = error;
    this.setError({ message: error.userMessage, action, retryable: action === 'retry' });
    if (action !== 'wait') return;
    const shown = this.state.error;
    this.waitTimer = setTimeout(() => {
      this.waitTimer = null;
      if (this.state.error === shown && shown) this.update({ error: { ...shown, retryable: true } });
    }, error.waitS * 1000);
  }

  private setError(error: ChatError | null): void {
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.waitTimer = null;
    this.update({ error });
  }

  private markVoicePlaceholder(turn: Turn, text: string): void {
    if (turn.kind !== 'voice') return;
    const user = this.state.messages.find((m) => m.id === turn.userMessageId);
    if (user?.status === 'pending') this.patch(user.id, { content: text, status: 'error' });
  }

  private patch(id: string, changes: Partial<ChatMessage>): void {
    this.update({ messages: this.state.messages.map((m) => (m.id === id ? { ...m, ...changes } : m)) });
  }

  private remove(id: string): void {
    this.update({ messages: this.state.messages.filter((m) => m.id !== id) });
  }

  private update(changes: Partial<ChatState>): void {
    this.state = { ...this.state, ...changes };
    this.listeners.forEach((listener) => listener());
  }
}
