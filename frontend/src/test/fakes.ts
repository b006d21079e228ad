/** Small honest fakes: a fetch that answers with real Response objects and SSE bytes. */

export interface Recorded {
  url: string;
  init: RequestInit;
}

export function sse(events: [string, unknown][]): string {
  return events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

export function sseResponse(body: string, chunkSize = 7): Response {
  const bytes = new TextEncoder().encode(body);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += chunkSize) controller.enqueue(bytes.slice(i, i + chunkSize));
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } });
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** A response that never ends until the request's signal aborts it. */
export function hangingResponse(first: string, signal?: AbortSignal | null): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
      signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    },
  });
  return new Response(stream);
}

export class FakeFetch {
  calls: Recorded[] = [];
  private readonly replies: ((init: RequestInit) => Response | Promise<Response>)[] = [];

  reply(fn: (init: RequestInit) => Response | Promise<Response>): this {
    this.replies.push(fn);
    return this;
  }

  fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    this.calls.push({ url: String(input), init });
    const next = this.replies.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next(init);
  };
}
