'use strict';
// Every failure is a JSON {"error": {"code", "message"}} with the right status, never a hang or a 500.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { startUpstream, startProxy, rawRequest, readAll, delay, freePort, waitFor } = require('../helpers');

const cleanup = [];
after(async () => {
  for (const close of cleanup.reverse()) await close();
});

async function setup(handler, env = {}) {
  const upstream = await startUpstream(handler);
  const proxy = await startProxy({ LLM_API_URL: upstream.url, ...env });
  cleanup.push(upstream.close, proxy.close);
  return { upstream, proxy };
}

function assertKoreanError(json, code) {
  assert.equal(json.error.code, code);
  assert.match(json.error.message, /[가-힣]/);
}

test('a refused connection is a 502 upstream_unavailable', async () => {
  const proxy = await startProxy({ LLM_API_URL: `http://127.0.0.1:${await freePort()}` });
  cleanup.push(proxy.close);
  const res = await fetch(`${proxy.url}/api/llm/chat`, { method: 'POST', body: '{}' });
  assert.equal(res.status, 502);
  assertKoreanError(await res.json(), 'upstream_unavailable');
  assert.ok(proxy.logs.some((l) => l.event === 'request_failed' && /ECONNREFUSED/.test(l.error)));
});

test('an upstream silent past UPSTREAM_IDLE_TIMEOUT_S is a 504', async () => {
  const { upstream, proxy } = await setup(() => {}, { UPSTREAM_IDLE_TIMEOUT_S: '0.3' });
  const started = Date.now();
  const res = await fetch(`${proxy.url}/api/llm/chat`, { method: 'POST', body: '{}' });
  assert.equal(res.status, 504);
  assertKoreanError(await res.json(), 'upstream_timeout');
  assert.ok(Date.now() - started < 2000);
  assert.equal(upstream.requests.length, 1);
});

test('the idle timer is per chunk: a slow but alive upstream is not cut', async () => {
  const { proxy } = await setup(
    async (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 6; i += 1) {
        await delay(150);
        res.write(`${i}`);
      }
      res.end();
    },
    { UPSTREAM_IDLE_TIMEOUT_S: '0.4' },
  );
  const res = await fetch(`${proxy.url}/api/llm/slow`);
  assert.equal(await res.text(), '012345');
});

test('headers that take longer than the idle timeout are a 504, shorter ones are fine', async () => {
  const { proxy } = await setup(
    (req, res) => setTimeout(() => res.end('late'), Number(req.url.slice(1))),
    { UPSTREAM_IDLE_TIMEOUT_S: '0.5' },
  );
  assert.equal(await (await fetch(`${proxy.url}/api/llm/300`)).text(), 'late');
  assert.equal((await fetch(`${proxy.url}/api/llm/900`)).status, 504);
});

test('a declared Content-Length over MAX_UPLOAD_MB is a 413 before anything is forwarded', async () => {
  const { upstream, proxy } = await setup((req, res) => res.end('{}'), { MAX_UPLOAD_MB: '1' });
  const { req, response } = rawRequest(`${proxy.url}/api/llm/stt`, {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': 1024 * 1024 + 1 },
  });
  req.on('error', () => {}); // the proxy may close before the body is written
  req.write(Buffer.alloc(1024));
  const res = await response;
  assert.equal(res.statusCode, 413);
  assertKoreanError(JSON.parse(await readAll(res)), 'payload_too_large');
  assert.equal(upstream.requests.length, 0);
  req.destroy();
});

test('a chunked body is counted as it streams and stopped with a 413 at the limit', async () => {
  let upstreamBytes = 0;
  const { proxy } = await setup(
    async (req, res) => {
      try {
        for await (const chunk of req) upstreamBytes += chunk.length;
        res.end('{}');
      } catch {
        // the proxy aborting the upload is the expected outcome
      }
    },
    { MAX_UPLOAD_MB: '1' },
  );
  const { req, response } = rawRequest(`${proxy.url}/api/llm/voice/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
  });
  req.on('error', () => {});
  for (let i = 0; i < 20 && !req.destroyed; i += 1) {
    req.write(Buffer.alloc(64 * 1024));
    await delay(5);
  }
  req.end();
  const res = await response;
  assert.equal(res.statusCode, 413);
  assertKoreanError(JSON.parse(await readAll(res)), 'payload_too_large');
  assert.ok(upstreamBytes <= 1024 * 1024, `upstream got ${upstreamBytes} bytes`);
});

test('RATE_LIMIT_PER_MIN answers 429 with Retry-After and a JSON error', async () => {
  const { proxy } = await setup((req, res) => res.end('{}'), { RATE_LIMIT_PER_MIN: '3' });
  const statuses = [];
  for (let i = 0; i < 4; i += 1) {
    const res = await fetch(`${proxy.url}/api/llm/products/search?q=티셔츠`);
    statuses.push(res.status);
    if (res.status === 429) {
      assert.match(res.headers.get('retry-after'), /^\d+$/);
      assert.ok(Number(res.headers.get('retry-after')) <= 60);
      assertKoreanError(await res.json(), 'rate_limited');
    } else await res.arrayBuffer();
  }
  assert.deepEqual(statuses, [200, 200, 200, 429]);
  assert.equal((await fetch(`${proxy.url}/api/health`)).status, 200, '/api/health is not rate limited');
});

test('RATE_LIMIT_PER_MIN=0 disables the limit', async () => {
  const { proxy } = await setup((req, res) => res.end('{}'), { RATE_LIMIT_PER_MIN: '0' });
  for (let i = 0; i < 150; i += 1) {
    const res = await fetch(`${proxy.url}/api/llm/x`);
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  }
});

test('a browser abandoning an upload aborts the upstream request and is not logged as a failure', async () => {
  let upstreamAborted = false;
  const { proxy } = await setup(async (req, res) => {
    try {
      for await (const chunk of req) void chunk;
      res.end('{}');
    } catch {
      upstreamAborted = true;
    }
  });
  const { req, response } = rawRequest(`${proxy.url}/api/llm/stt`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
  });
  response.catch(() => {}); // no response is coming: we hang up first
  req.write(Buffer.alloc(64 * 1024));
  await delay(100);
  req.destroy();
  await waitFor(() => upstreamAborted, 2000, 'the upstream to see the upload aborted');
  await waitFor(() => proxy.logs.some((l) => l.event === 'request'), 2000, 'the access log line');
  assert.equal(proxy.logs.filter((l) => l.event === 'request_failed').length, 0, JSON.stringify(proxy.logs));
});

test('an upstream going silent mid-SSE ends the stream with an upstream_timeout error event', async () => {
  const { proxy } = await setup(
    (req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: meta\ndata: {}\n\n'); // ...and nothing more, connection left open
    },
    { UPSTREAM_IDLE_TIMEOUT_S: '0.3' },
  );
  const res = await fetch(`${proxy.url}/api/llm/chat/stream`, { method: 'POST', body: '{}' });
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.match(text, /^event: meta\ndata: \{\}\n\nevent: error\ndata: \{"code":"upstream_timeout","message":"[^"]*[가-힣][^"]*"\}\n\n$/);
});
