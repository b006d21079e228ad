/** HTTP client for the llm_server contract, reached through the shop backend's `/api/llm` proxy. */

import { ApiError, errorFromResponse, toApiError } from './errors';
import { readSSE } from './sse';
import type { AudioClip, ChatDone, ChatMeta, ErrorEvent, Product, StoredMessage } from './types';

export interface StreamHandlers {
  onTranscript?(text: string): void;
  onMeta?(meta: ChatMeta): void;
  onToken?(text: string): void;
  onAudio?(clip: AudioClip): void;
  onDone?(done: ChatDone): void;
}

export class ChatClient {
  private readonly base: string;

  constructor(apiBase = '/api/llm', private readonly fetchFn: typeof fetch = (...a) => fetch(...a)) {
    this.base = apiBase.replace(/\/+$/, '');
  }

  /** POST /chat/stream; resolves when `done` arrives, rejects with ApiError (or AbortError). */
  async streamChat(message: string, sessionId: string, handlers: StreamHandlers, signal?: AbortSignal) {
    const response = await this.send('/chat/stream', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', 'X-Session-ID': sessionId },
      body: JSON.stringify({ message, session_id: sessionId }),
      signal,
    });
    await dispatchStream(response, handlers);
  }

  /** POST /voice/chat with the recording; the answer streams back like a chat, plus audio. */
  async streamVoice(audio: Blob, filename: string, sessionId: string, handlers: StreamHandlers, signal?: AbortSignal) {
    const form = new FormData();
    form.append('audio', audio, filename);
    form.append('session_id', sessionId);
    const response = await this.send('/voice/chat', {
      method: 'POST',
      headers: { Accept: 'text/event-stream', 'X-Session-ID': sessionId },
      body: form,
      signal,
    });
    await dispatchStream(response, handlers);
  }

  async getHistory(sessionId: string): Promise<StoredMessage[]> {
    const response = await this.send(`/sessions/${encodeURIComponent(sessionId)}`, {});
    const body = await response.json();
    return Array.isArray(body?.messages) ? body.messages : [];
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.send(`/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' });
  }

  async searchProducts(query: string, limit: number): Promise<Product[]> {
    const params = new URLSearchParams({ q: query, limit: String(limit) });
    const response = await this.send(`/products/search?${params}`, {});
    const body = await response.json();
    return Array.isArray(body?.results) ? body.results : [];
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchFn(`${this.base}${path}`, { credentials: 'same-origin', ...init });
    } catch (error) {
      throw rethrowUnlessAbort(error);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }
}

function rethrowUnlessAbort(error: unknown): unknown {
  return (error as { name?: string })?.name === 'AbortError' ? error : toApiError(error);
}

/** Routes each SSE event to its handler; a stream that ends without `done` is an error. */
export async function dispatchStream(response: Response, handlers: StreamHandlers): Promise<void> {
  if (!response.body) throw new ApiError('stream_incomplete', 'response has no body');
  try {
    for await (const event of readSSE(response.body)) {
      if (handleEvent(event.event, parseData(event.data), handlers)) return;
    }
  } catch (error) {
    throw rethrowUnlessAbort(error);
  }
  throw new ApiError('stream_incomplete', 'stream ended before done');
}

function parseData(data: string): Record<string, unknown> {
  try {
    const value = JSON.parse(data);
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

/** Returns true when the stream is finished. */
function handleEvent(name: string, data: Record<string, unknown>, h: StreamHandlers): boolean {
  switch (name) {
    case 'transcript':
      h.onTranscript?.(String(data.text ?? ''));
      return false;
    case 'meta':
      h.onMeta?.(normalizeMeta(data));
      return false;
    case 'token':
      h.onToken?.(String(data.text ?? ''));
      return false;
    case 'audio':
      h.onAudio?.(data as unknown as AudioClip);
      return false;
    case 'done':
      h.onDone?.(data as ChatDone);
      return true;
    case 'error': {
      const { code, message } = data as Partial<ErrorEvent>;
      throw new ApiError(String(code ?? 'stream_error'), String(message ?? ''));
    }
    default:
      return false;
  }
}

/** The lists the widget renders are always arrays; `answer_mode` passes through as sent
 * (`extractive`, `generate`, or the previous release's `grounded`). */
function normalizeMeta(data: Record<string, unknown>): ChatMeta {
  const list = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
  return {
    ...(data as unknown as ChatMeta),
    session_id: String(data.session_id ?? ''),
    products: list(data.products),
    faq: list(data.faq),
    suggestions: list<string>(data.suggestions).filter((s) => typeof s === 'string' && s.trim()),
  };
}
