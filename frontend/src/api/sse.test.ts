import { describe, expect, it } from 'vitest';
import { readSSE, SSEParser, type SSEEvent } from './sse';

const encoder = new TextEncoder();

function parseChunks(chunks: (Uint8Array | string)[]): SSEEvent[] {
  const parser = new SSEParser();
  return [...chunks.flatMap((c) => parser.feed(c)), ...parser.end()];
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      chunks.forEach((c) => controller.enqueue(c));
      controller.close();
    },
  });
}

const STREAM =
  'event: meta\r\ndata: {"session_id":"abc12345","products":[]}\r\n\r\n' +
  ': ping\r\n\r\n' +
  'event: token\r\ndata: {"text":"안녕하세요, 티셔츠는 ₩29,000"}\r\n\r\n' +
  'event: token\ndata: {"text":"이에요 😀"}\n\n' +
  'event: done\rdata: {"tokens":2}\r\r';

const EXPECTED: SSEEvent[] = [
  { event: 'meta', data: '{"session_id":"abc12345","products":[]}' },
  { event: 'token', data: '{"text":"안녕하세요, 티셔츠는 ₩29,000"}' },
  { event: 'token', data: '{"text":"이에요 😀"}' },
  { event: 'done', data: '{"tokens":2}' },
];

describe('SSEParser', () => {
  it('parses a whole stream with CRLF, LF and CR line endings and skips comments', () => {
    expect(parseChunks([encoder.encode(STREAM)])).toEqual(EXPECTED);
  });

  it('gives the same events for a split at every byte position', () => {
    const bytes = encoder.encode(STREAM);
    for (let i = 1; i < bytes.length; i += 1) {
      expect(parseChunks([bytes.slice(0, i), bytes.slice(i)]), `split at byte ${i}`).toEqual(EXPECTED);
    }
  });

  it('gives the same events when fed one byte at a time', () => {
    const bytes = encoder.encode(STREAM);
    expect(parseChunks(Array.from(bytes, (b) => new Uint8Array([b])))).toEqual(EXPECTED);
  });

  it('reassembles a Korean character split across chunks', () => {
    const bytes = encoder.encode('event: token\ndata: {"text":"한"}\n\n');
    const cut = bytes.indexOf(0xed) + 1; // inside the 3-byte sequence of 한 (ED 95 9C)
    const parser = new SSEParser();
    expect(parser.feed(bytes.slice(0, cut))).toEqual([]);
    expect(parser.feed(bytes.slice(cut))).toEqual([{ event: 'token', data: '{"text":"한"}' }]);
  });

  it('waits for the LF after a chunk that ends in CR', () => {
    const parser = new SSEParser();
    expect(parser.feed('data: a\r\n\r')).toEqual([]);
    expect(parser.feed('\ndata: b\r\n\r\n')).toEqual([
      { event: 'message', data: 'a' },
      { event: 'message', data: 'b' },
    ]);
  });

  it('joins multi-line data and keeps the value after one optional space', () => {
    expect(parseChunks(['data:first\ndata:  second\nevent:x\n\n'])).toEqual([{ event: 'x', data: 'first\n second' }]);
  });

  it('drops an unterminated event at end of stream and events without data', () => {
    expect(parseChunks(['event: ping\n\n', 'event: token\ndata: {"text":"cut"}'])).toEqual([]);
  });
});

describe('readSSE', () => {
  it('reads events from a byte stream split mid-event and mid-character', async () => {
    const bytes = encoder.encode(STREAM);
    const cuts = [3, 20, 71, 72, 73, 90, 130];
    const chunks = cuts.map((c, i) => bytes.slice(i ? cuts[i - 1] : 0, c)).concat([bytes.slice(cuts[cuts.length - 1])]);
    const events: SSEEvent[] = [];
    for await (const event of readSSE(streamOf(chunks))) events.push(event);
    expect(events).toEqual(EXPECTED);
  });
});
