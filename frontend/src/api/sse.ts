/**
 * Incremental Server-Sent Events parser (WHATWG "event stream interpretation").
 *
 * `EventSource` cannot POST, so the widget reads the stream with fetch and feeds raw
 * bytes here. Bytes may be split anywhere: inside an event, inside a multibyte UTF-8
 * character, or between the CR and LF of a CRLF line ending.
 */

export interface SSEEvent {
  event: string;
  data: string;
  id?: string;
}

export class SSEParser {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  private eventType = '';
  private dataLines: string[] = [];
  private lastId: string | undefined;

  /** Feeds one chunk; returns the events completed by it. */
  feed(chunk: Uint8Array | string): SSEEvent[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.drainLines(false);
  }

  /** Flushes at end of stream. An event without its blank line is dropped, as the spec says. */
  end(): SSEEvent[] {
    this.buffer += this.decoder.decode();
    const events = this.drainLines(true);
    this.buffer = '';
    this.eventType = '';
    this.dataLines = [];
    return events;
  }

  private drainLines(final: boolean): SSEEvent[] {
    const events: SSEEvent[] = [];
    let line: string | null;
    while ((line = this.nextLine(final)) !== null) {
      const event = this.processLine(line);
      if (event) events.push(event);
    }
    return events;
  }

  private nextLine(final: boolean): string | null {
    const match = /\r\n|\r|\n/.exec(this.buffer);
    if (!match) return null;
    // A trailing CR may be the first half of a CRLF that the next chunk completes.
    if (match[0] === '\r' && match.index === this.buffer.length - 1 && !final) return null;
    const line = this.buffer.slice(0, match.index);
    this.buffer = this.buffer.slice(match.index + match[0].length);
    return line;
  }

  private processLine(line: string): SSEEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.eventType = value;
    else if (field === 'data') this.dataLines.push(value);
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    return null;
  }

  private dispatch(): SSEEvent | null {
    const hasData = this.dataLines.length > 0;
    const event: SSEEvent = { event: this.eventType || 'message', data: this.dataLines.join('\n') };
    if (this.lastId !== undefined) event.id = this.lastId;
    this.eventType = '';
    this.dataLines = [];
    return hasData ? event : null;
  }
}

/** Yields the events of a fetch response body until the stream ends or is aborted. */
export async function* readSSE(body: ReadableStream<Uint8Array>): AsyncGenerator<SSEEvent> {
  const reader = body.getReader();
  const parser = new SSEParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* parser.feed(value);
    }
    yield* parser.end();
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
