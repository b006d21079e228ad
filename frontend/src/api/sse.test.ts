import { describe, expect, it } from 'vitest';
import { readSSE, type SSEEvent } from './sse';

const encoder = new TextEncoder();

function streamOf(chunks: (Uint8Array | string)[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      chunks.forEach((c) => controller.enqueue(typeof c === 'string' ? encoder.encode(c) : c));
      controller.close();
    },
  });
}

async function parseChunks(chunks: (Uint8Array | string)[]): Promise<SSEEvent[]> {
  const events: SSEEvent[] = [];
  for await (const event of readSSE(streamOf(chunks))) events.push(event);
  return events;
}

// sse-starlette ends lines with CRLF; LF and CR alone are valid too. (A stream that ends
// in a lone CR loses its last event in eventsource-parser, which waits for a possible LF.)
const STREAM =
  'event: meta\r\ndata: {"session_id":"abc12345","products":[]}\r\n\r\n' +
  ': ping\r\n\r\n' +
  'event: token\rdata: {"text":"안녕하세요, 티셔츠는 ₩29,000"}\r\r' +
  'event: token\ndata: {"text":"이에요 😀"}\n\n' +
  'event: done\r\ndata: {"tokens":2}\r\n\r\n';

const EXPECTED: SSEEvent[] = [
  { event: 'meta', data: '{"session_id":"abc12345","products":[]}' },
  { event: 'token', data: '{"text":"안녕하세요, 티셔츠는 ₩29,000"}' },
  { event: 'token', data: '{"text":"이에요 😀"}' },
  { event: 'done', data: '{"tokens":2}' },
];

describe('readSSE', () => {
  it('parses a whole stream with CRLF, LF and CR line endings and skips comments', async () => {
    expect(await parseChunks([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same events for a split at every byte position', async () => {
    const bytes = encoder.encode(STREAM);
    for (let i = 1; i < bytes.length; i += 1) {
      expect(await parseChunks([bytes.slice(0, i), bytes.slice(i)]), `split at byte ${i}`).toEqual(EXPECTED);
    }
  });

  it('gives the same events when fed one byte at a time', async () => {
    const bytes = encoder.encode(STREAM);
    expect(await parseChunks(Array.from(bytes, (b) => new Uint8Array([b])))).toEqual(EXPECTED);
  });

  it('reassembles a Korean character split across chunks', async () => {
    const bytes = encoder.encode('event: token\ndata: {"text":"한"}\n\n');
    const cut = bytes.indexOf(0xed) + 1; // inside the 3-byte sequence of 한 (ED 95 9C)
    expect(await parseChunks([bytes.slice(0, cut), bytes.slice(cut)])).toEqual([{ event: 'token', data: '{"text":"한"}' }]);
  });

  it('joins multi-line data, keeps the value after one optional space and the last id', async () => {
    expect(await parseChunks(['data:first\ndata:  second\nevent:x\nid: 7\n\n'])).toEqual([{ event: 'x', data: 'first\n second', id: '7' }]);
  });

  it('skips events without data', async () => {
    expect(await parseChunks(['event: ping\n\n', 'event: token\ndata: {"text":"ok"}\n\n'])).toEqual([{ event: 'token', data: '{"text":"ok"}' }]);
  });

  it('cancels the body when the consumer stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('data: 1\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of readSSE(body)) {
      expect(event.data).toBe('1');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cancelled).toBe(true);
  });
});
