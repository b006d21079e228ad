/**
 * Server-Sent Events over fetch, parsed by `eventsource-parser` (a maintained WHATWG
 * "event stream interpretation"). `EventSource` cannot POST, so the widget reads the
 * response body itself; bytes may be split anywhere (inside an event, inside a multibyte
 * UTF-8 character, between the CR and LF of a CRLF).
 */

import { EventSourceParserStream } from 'eventsource-parser/stream';

export interface SSEEvent {
  event: string;
  data: string;
  id?: string;
}

/** Yields the events of a fetch response body until the stream ends or is aborted. */
export async function* readSSE(body: ReadableStream<Uint8Array>): AsyncGenerator<SSEEvent> {
  const reader = body
    // TS's DOM lib types the decoder's writable side as BufferSource, which it will not
    // match to Uint8Array (a variance gap, not a runtime difference).
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const event: SSEEvent = { event: value.event || 'message', data: value.data };
      if (value.id !== undefined) event.id = value.id;
      yield event;
    }
  } finally {
    // Stops the pipe and cancels the response body when the consumer leaves early.
    reader.cancel().catch(() => undefined);
  }
}
