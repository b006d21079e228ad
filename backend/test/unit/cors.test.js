'use strict';
// CORS_ORIGINS: allowlisted shop origins get CORS answers, same-origin pages pass, others get 403.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { once } = require('node:events');
const { WebSocket, WebSocketServer } = require('ws');
const { startUpstream, startProxy, listen, closer } = require('../helpers');
const { parseOrigins } = require('../../src/middleware/cors');

const SHOP = 'https://shop.example.com';
let upstream;
let proxy;

before(async () => {
  upstream = await startUpstream((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-session-id', 'sess-from-server');
    res.end('{"ok":true}');
  });
  proxy = await startProxy({ LLM_API_URL: upstream.url, CORS_ORIGINS: `${SHOP}, http://127.0.0.1:3000/` });
});
after(async () => {
  await proxy.close();
  await upstream.close();
});

test('CORS_ORIGINS entries are normalised to origins and a non-http entry is refused', () => {
  assert.deepEqual(parseOrigins(' https://a.shop/ ,http://b.shop:8080'), ['https://a.shop', 'http://b.shop:8080']);
  assert.deepEqual(parseOrigins(''), []);
  assert.throws(() => parseOrigins('ftp://a.shop'), /CORS_ORIGINS/);
  assert.throws(() => parseOrigins('not a url'));
});

test('a preflight from an allowlisted origin allows credentials and X-Session-ID', async () => {
  const res = await fetch(`${proxy.url}/api/llm/chat/stream`, {
    method: 'OPTIONS',
    headers: { origin: SHOP, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-session-id' },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), SHOP);
  assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
  assert.match(res.headers.get('access-control-allow-headers'), /X-Session-ID/i);
  assert.match(res.headers.get('access-control-allow-methods'), /POST/);
  assert.equal(upstream.requests.length, 0, 'the preflight is answered by the proxy');
});

test('an allowlisted origin gets the answer with X-Session-ID exposed', async () => {
  const res = await fetch(`${proxy.url}/api/llm/sessions`, { headers: { origin: 'http://127.0.0.1:3000' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), 'http://127.0.0.1:3000');
  assert.match(res.headers.get('access-control-expose-headers'), /X-Session-ID/i);
  assert.match(res.headers.get('vary'), /origin/i);
  await res.arrayBuffer();
});

test('another origin is refused with 403 before reaching llm_server, preflight included', async () => {
  const before = upstream.requests.length;
  for (const method of ['OPTIONS', 'POST']) {
    const res = await fetch(`${proxy.url}/api/llm/chat/stream`, {
      method,
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'content-type': 'text/plain' },
      body: method === 'POST' ? '{"message":"hi"}' : undefined,
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const json = await res.json();
    assert.equal(json.error.code, 'origin_not_allowed');
    assert.match(json.error.message, /[가-힣]/);
  }
  assert.equal(upstream.requests.length, before);
});

test('same-origin pages (Origin equal to the Host) and requests without Origin pass', async () => {
  const sameOrigin = await fetch(`${proxy.url}/api/llm/x`, { method: 'POST', headers: { origin: proxy.url }, body: '{}' });
  assert.equal(sameOrigin.status, 200);
  await sameOrigin.arrayBuffer();
  const noOrigin = await fetch(`${proxy.url}/api/llm/x`);
  assert.equal(noOrigin.status, 200);
  await noOrigin.arrayBuffer();
});

test('WebSocket handshakes check the Origin too (no preflight protects them)', async () => {
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: '/ws/chat' });
  wss.on('connection', (socket) => socket.on('message', (data) => socket.send(data)));
  const port = await listen(server);
  const wsProxy = await startProxy({ LLM_API_URL: `http://127.0.0.1:${port}`, CORS_ORIGINS: SHOP });
  try {
    const evil = new WebSocket(`ws://127.0.0.1:${wsProxy.port}/api/llm/ws/chat`, { origin: 'https://evil.example' });
    evil.on('error', () => {});
    const [request, response] = await once(evil, 'unexpected-response');
    request.destroy();
    assert.equal(response.statusCode, 403);
    const shop = new WebSocket(`ws://127.0.0.1:${wsProxy.port}/api/llm/ws/chat`, { origin: SHOP });
    await once(shop, 'open');
    shop.close();
    await once(shop, 'close');
  } finally {
    await wsProxy.close();
    await closer(server)();
  }
});
