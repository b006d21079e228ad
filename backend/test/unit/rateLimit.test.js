'use strict';
// Per-session and per-IP budgets on HTTP and on WebSocket messages alike (in-memory store).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { once } = require('node:events');
const { WebSocket, WebSocketServer } = require('ws');
const { startUpstream, startProxy, listen, closer } = require('../helpers');

let upstream;
let wsUpstream;
let forwarded = 0;
const cleanup = [];

before(async () => {
  upstream = await startUpstream((req, res) => res.end('{}'));
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: '/ws/chat' });
  wss.on('connection', (socket) => {
    socket.on('message', () => {
      forwarded += 1;
      socket.send(JSON.stringify({ event: 'done', data: {} }));
    });
  });
  wsUpstream = { port: await listen(server), close: closer(server) };
});
after(async () => {
  for (const close of cleanup.reverse()) await close();
  await upstream.close();
  await wsUpstream.close();
});

async function proxyWith(env) {
  const proxy = await startProxy({ LLM_API_URL: upstream.url, ...env });
  cleanup.push(proxy.close);
  return proxy;
}

async function statusOf(url, sessionId) {
  const res = await fetch(url, { headers: sessionId ? { 'x-session-id': sessionId } : {} });
  await res.arrayBuffer();
  return res;
}

test('each session has its own budget: one spent session does not block another', async () => {
  const proxy = await proxyWith({ RATE_LIMIT_PER_MIN: '2', RATE_LIMIT_IP_PER_MIN: '0' });
  const url = `${proxy.url}/api/llm/x`;
  const a = [];
  for (let i = 0; i < 3; i += 1) a.push((await statusOf(url, 'session-aaaa')).status);
  assert.deepEqual(a, [200, 200, 429]);
  assert.equal((await statusOf(url, 'session-bbbb')).status, 200);
  const refused = await statusOf(url, 'session-aaaa');
  assert.equal(refused.status, 429);
  const retryAfter = Number(refused.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
});

test('the session id is also read from the sid cookie', async () => {
  const proxy = await proxyWith({ RATE_LIMIT_PER_MIN: '1', RATE_LIMIT_IP_PER_MIN: '0' });
  const get = (cookie) => fetch(`${proxy.url}/api/llm/x`, { headers: { cookie } }).then(async (r) => (await r.arrayBuffer(), r.status));
  assert.deepEqual([await get('sid=cookie-1111'), await get('a=b; sid=cookie-1111'), await get('sid=cookie-2222')], [200, 429, 200]);
});

test('the per-IP budget caps an address that rotates session ids', async () => {
  const proxy = await proxyWith({ RATE_LIMIT_PER_MIN: '100', RATE_LIMIT_IP_PER_MIN: '3' });
  const statuses = [];
  for (let i = 0; i < 5; i += 1) statuses.push((await statusOf(`${proxy.url}/api/llm/x`, `rotating-${i}-xxxx`)).status);
  assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
});

async function openChat(proxy, sessionId) {
  const client = new WebSocket(`ws://127.0.0.1:${proxy.port}/api/llm/ws/chat`, { headers: { 'x-session-id': sessionId } });
  const frames = [];
  client.on('message', (data) => frames.push(JSON.parse(data)));
  await once(client, 'open');
  return { client, frames };
}

async function waitForFrames(frames, count) {
  const deadline = Date.now() + 3000;
  while (frames.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${frames.length} of ${count} frames`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('WebSocket messages spend the same budget: over it an error frame, nothing forwarded', async () => {
  const proxy = await proxyWith({ LLM_API_URL: `http://127.0.0.1:${wsUpstream.port}`, RATE_LIMIT_PER_MIN: '4', RATE_LIMIT_IP_PER_MIN: '0' });
  const start = forwarded;
  const { client, frames } = await openChat(proxy, 'ws-session-1'); // the handshake costs 1
  for (let i = 0; i < 5; i += 1) client.send(JSON.stringify({ message: `질문 ${i}` }));
  await waitForFrames(frames, 5);
  assert.equal(forwarded - start, 3);
  const errors = frames.filter((f) => f.event === 'error');
  assert.equal(errors.length, 2);
  assert.equal(errors[0].data.code, 'rate_limited');
  assert.match(errors[0].data.message, /초 후에 다시 시도/);
  assert.ok(errors[0].data.retry_after_s >= 1);
  client.close();
  await once(client, 'close');
});

test('a spent budget refuses the WebSocket handshake with 429 + Retry-After', async () => {
  const proxy = await proxyWith({ LLM_API_URL: `http://127.0.0.1:${wsUpstream.port}`, RATE_LIMIT_PER_MIN: '1', RATE_LIMIT_IP_PER_MIN: '0' });
  const first = await openChat(proxy, 'ws-session-2');
  const second = new WebSocket(`ws://127.0.0.1:${proxy.port}/api/llm/ws/chat`, { headers: { 'x-session-id': 'ws-session-2' } });
  second.on('error', () => {});
  const [request, response] = await once(second, 'unexpected-response');
  request.destroy();
  assert.equal(response.statusCode, 429);
  assert.match(response.headers['retry-after'], /^\d+$/);
  first.client.close();
});

test('1,000 messages on one socket: the budget holds and the flood ends in a clean 1008 close', async () => {
  const proxy = await proxyWith({ LLM_API_URL: `http://127.0.0.1:${wsUpstream.port}`, RATE_LIMIT_PER_MIN: '11', RATE_LIMIT_IP_PER_MIN: '0' });
  const start = forwarded;
  const { client } = await openChat(proxy, 'ws-flood-1');
  const closed = once(client, 'close');
  for (let i = 0; i < 1000 && client.readyState === WebSocket.OPEN; i += 1) client.send('{"message":"a"}');
  const [code] = await closed;
  assert.equal(code, 1008);
  assert.equal(forwarded - start, 10);
});

test('a frame over 64 KiB closes the socket with 1009 instead of reaching llm_server', async () => {
  const proxy = await proxyWith({ LLM_API_URL: `http://127.0.0.1:${wsUpstream.port}` });
  const start = forwarded;
  const { client } = await openChat(proxy, 'ws-big-1');
  client.on('error', () => {});
  const closed = once(client, 'close');
  client.send(JSON.stringify({ message: 'a'.repeat(70 * 1024) }));
  const [code] = await closed;
  assert.equal(code, 1009);
  assert.equal(forwarded, start);
});
