'use strict';
// No buffering: each chunk the upstream writes reaches the browser before the next one exists.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startUpstream, startProxy, rawRequest, waitFor } = require('../helpers');

let upstream;
let proxy;
let release; // the upstream holds the rest of its stream until a test calls release()
let upstreamClosed;

function sseUpstream(req, res) {
  upstreamClosed = false;
  res.on('close', () => {
    upstreamClosed = !res.writableFinished;
  });
  if (req.url === '/chunked') {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.write('{"n":1}\n');
    release = () => res.end('{"n":2}\n');
    return;
  }
  if (req.url === '/die') {
    res.writeHead(200, { 'content-type': req.headers.accept });
    res.write('event: token\ndata: {"text":"첫"}\n\n');
    release = () => res.destroy();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
  res.write('event: meta\ndata: {"products":[]}\n\n');
  release = () => {
    res.write('event: token\ndata: {"text":"네"}\n\n');
    res.end('event: done\ndata: {}\n\n');
  };
}

before(async () => {
  upstream = await startUpstream(sseUpstream);
  proxy = await startProxy({ LLM_API_URL: upstream.url });
});
after(async () => {
  await proxy.close();
  await upstream.close();
});

/** Reads a response body as text, exposing what has arrived so far. */
function collect(res) {
  const state = { text: '', ended: false, error: null };
  res.setEncoding('utf8');
  res.on('data', (chunk) => {
    state.text += chunk;
  });
  res.on('end', () => {
    state.ended = true;
  });
  res.on('error', (err) => {
    state.error = err;
  });
  res.on('aborted', () => {
    state.error = new Error('aborted');
  });
  return state;
}

test('the first SSE event arrives while the upstream is still generating', async () => {
  const { req, response } = rawRequest(`${proxy.url}/api/llm/chat/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip, br' },
  });
  req.end('{"message":"안녕"}');
  const res = await response;
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'], /^text\/event-stream/);
  assert.equal(res.headers['content-encoding'], undefined, 'SSE must not be compressed');
  assert.equal(res.headers['cache-control'], 'no-cache');
  assert.equal(res.headers['x-accel-buffering'], 'no');
  const body = collect(res);
  await waitFor(() => body.text.includes('event: meta'), 2000, 'the meta event before the upstream finishes');
  assert.equal(body.text.includes('event: done'), false);
  release();
  await waitFor(() => body.ended, 2000, 'end of stream');
  assert.match(body.text, /event: token\ndata: \{"text":"네"\}\n\nevent: done/);
});

test('a chunked non-SSE response is also written through chunk by chunk', async () => {
  const { req, response } = rawRequest(`${proxy.url}/api/llm/chunked`);
  req.end();
  const res = await response;
  const body = collect(res);
  await waitFor(() => body.text === '{"n":1}\n', 2000, 'the first chunk');
  release();
  await waitFor(() => body.ended, 2000, 'end of stream');
  assert.equal(body.text, '{"n":1}\n{"n":2}\n');
});

test('a browser disconnect aborts the upstream request', async () => {
  const { req, response } = rawRequest(`${proxy.url}/api/llm/chat/stream`, { method: 'POST' });
  req.end('{}');
  const res = await response;
  const body = collect(res);
  await waitFor(() => body.text.includes('event: meta'), 2000, 'first event');
  res.destroy();
  await waitFor(() => upstreamClosed === true, 2000, 'the upstream to see its response aborted');
});

test('an upstream dying mid-SSE ends the stream with an error event', async () => {
  const { req, response } = rawRequest(`${proxy.url}/api/llm/die`, { headers: { accept: 'text/event-stream' } });
  req.end();
  const body = collect(await response);
  await waitFor(() => body.text.includes('첫'), 2000, 'first token');
  release();
  await waitFor(() => body.ended || body.error, 2000, 'the stream to end');
  assert.match(body.text, /event: error\ndata: \{"code":"upstream_unavailable","message":"[^"]+"\}\n\n$/);
});

test('an upstream dying mid-body cuts the client connection instead of faking a clean end', async () => {
  const { req, response } = rawRequest(`${proxy.url}/api/llm/die`, { headers: { accept: 'application/octet-stream' } });
  req.end();
  const body = collect(await response);
  await waitFor(() => body.text.length > 0, 2000, 'first bytes');
  release();
  await waitFor(() => body.error, 2000, 'the client to see the connection cut');
  assert.equal(body.ended, false);
});
