'use strict';
// GET /metrics on the proxy: the named series, fed by real requests through the real proxy.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { once } = require('node:events');
const { WebSocket, WebSocketServer } = require('ws');
const { startProxy, listen, closer, rawRequest } = require('../helpers');
const { routeLabel } = require('../../src/metrics');

let upstream;
let proxy;
let hold; // resolves a held SSE answer

before(async () => {
  const server = http.createServer((req, res) => {
    if (req.url === '/chat/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: token\ndata: {"text":"안녕"}\n\n');
      hold = () => res.end('event: done\ndata: {}\n\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  const wss = new WebSocketServer({ server, path: '/ws/chat' });
  wss.on('connection', (socket) => socket.on('message', () => socket.send('{"event":"done","data":{}}')));
  const port = await listen(server);
  upstream = { url: `http://127.0.0.1:${port}`, close: closer(server) };
  proxy = await startProxy({ LLM_API_URL: upstream.url });
});
after(async () => {
  await proxy.close();
  await upstream.close();
});

async function scrape(url = proxy.url) {
  const res = await fetch(`${url}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  return res.text();
}

function sample(text, name, labels) {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.split(' ').pop()) : 0;
}

const waitFor = async (predicate, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail('condition not reached');
};

test('exposes every named proxy series in Prometheus text format', async () => {
  await (await fetch(`${proxy.url}/api/llm/sessions/0123456789abcdef0123456789abcdef`)).text();
  const text = await scrape();
  for (const name of [
    'proxy_http_requests_total', 'proxy_upstream_latency_seconds', 'proxy_upstream_duration_seconds',
    'proxy_open_streams', 'proxy_aborts_total', 'proxy_rate_limited_total', 'proxy_process_cpu_seconds_total',
  ]) {
    assert.match(text, new RegExp(`^# TYPE ${name} `, 'm'), name);
  }
  // ids never become label values
  assert.equal(sample(text, 'proxy_http_requests_total', { route: '/api/llm/sessions/:id', status: '200' }), 1);
  assert.equal(sample(text, 'proxy_upstream_latency_seconds_count', { route: '/api/llm/sessions/:id', status: '200' }), 1);
});

test('an SSE answer is an open stream until it ends, then a completed upstream duration', async () => {
  const res = await fetch(`${proxy.url}/api/llm/chat/stream`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  const reader = res.body.getReader();
  await reader.read();
  assert.equal(sample(await scrape(), 'proxy_open_streams', { kind: 'sse' }), 1);
  hold();
  while (!(await reader.read()).done);
  await waitFor(async () => sample(await scrape(), 'proxy_open_streams', { kind: 'sse' }) === 0);
  const text = await scrape();
  assert.equal(sample(text, 'proxy_upstream_duration_seconds_count', { route: '/api/llm/chat/stream', outcome: 'completed' }), 1);
});

test('a shopper leaving mid-answer counts as a client_gone abort', async () => {
  const before = sample(await scrape(), 'proxy_aborts_total', { reason: 'client_gone' });
  const { req, response } = rawRequest(`${proxy.url}/api/llm/chat/stream`, { method: 'POST', headers: { 'content-type': 'application/json' } });
  req.end('{}');
  const res = await response;
  await once(res, 'data');
  res.destroy();
  await waitFor(async () => sample(await scrape(), 'proxy_aborts_total', { reason: 'client_gone' }) === before + 1);
  assert.equal(sample(await scrape(), 'proxy_open_streams', { kind: 'sse' }), 0);
});

test('an unreachable upstream counts as an upstream_error abort', async () => {
  const down = await startProxy({ LLM_API_URL: 'http://127.0.0.1:9' });
  try {
    assert.equal((await fetch(`${down.url}/api/llm/chat`, { method: 'POST', body: '{}' })).status, 502);
    const text = await scrape(down.url);
    assert.equal(sample(text, 'proxy_aborts_total', { reason: 'upstream_error' }), 1);
    assert.equal(sample(text, 'proxy_http_requests_total', { route: '/api/llm/chat', status: '502' }), 1);
  } finally {
    await down.close();
  }
});

test('WebSocket connections are open streams while bridged', async () => {
  const client = new WebSocket(`${proxy.url.replace('http', 'ws')}/api/llm/ws/chat`);
  await once(client, 'open');
  client.send('{"message":"안녕"}');
  await once(client, 'message');
  assert.equal(sample(await scrape(), 'proxy_open_streams', { kind: 'ws' }), 1);
  client.close();
  await waitFor(async () => sample(await scrape(), 'proxy_open_streams', { kind: 'ws' }) === 0);
});

test('rate-limit refusals are counted', async () => {
  const limited = await startProxy({ LLM_API_URL: upstream.url, RATE_LIMIT_PER_MIN: '1', RATE_LIMIT_IP_PER_MIN: '1' });
  try {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${limited.url}/api/llm/health`)).status);
    assert.ok(statuses.includes(429), String(statuses));
    const refused = statuses.filter((s) => s === 429).length;
    assert.equal(sample(await scrape(limited.url), 'proxy_rate_limited_total', { transport: 'http' }), refused);
  } finally {
    await limited.close();
  }
});

test('WebSocket refusals by the limiter are counted as transport ws', async () => {
  const limited = await startProxy({ LLM_API_URL: upstream.url, RATE_LIMIT_PER_MIN: '2', RATE_LIMIT_IP_PER_MIN: '2' });
  try {
    const client = new WebSocket(`${limited.url.replace('http', 'ws')}/api/llm/ws/chat`);
    await once(client, 'open');
    const frames = [];
    client.on('message', (data) => frames.push(JSON.parse(data)));
    for (let i = 0; i < 3; i += 1) client.send('{"message":"안녕"}');
    await waitFor(() => frames.some((f) => f.data && f.data.code === 'rate_limited'));
    const refused = frames.filter((f) => f.data && f.data.code === 'rate_limited').length;
    assert.equal(sample(await scrape(limited.url), 'proxy_rate_limited_total', { transport: 'ws' }), refused);
    client.close();
  } finally {
    await limited.close();
  }
});

test('route labels are bounded: ids, static files and unknown API paths collapse', () => {
  const req = (originalUrl) => ({ originalUrl });
  assert.equal(routeLabel(req('/api/llm/sessions/123e4567-e89b-12d3-a456-426614174000?x=1')), '/api/llm/sessions/:id');
  assert.equal(routeLabel(req('/widget.js')), '<static>');
  assert.equal(routeLabel(req('/api/nope/x'), 404), '<unmatched>');
  assert.equal(routeLabel(req('/api/shop/orders/42')), '/api/shop/orders/:id');
});
