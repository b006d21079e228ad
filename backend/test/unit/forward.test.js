'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { createHash, randomBytes } = require('node:crypto');
const { startUpstream, startProxy, rawRequest, readAll, waitFor } = require('../helpers');

let upstream;
let proxy;
const wav = randomBytes(3 * 1024 * 1024 + 17);
let received = []; // [{url, headers, body}] seen by the upstream

async function echo(req, res) {
  const seen = { url: req.url, method: req.method, headers: req.headers, bytes: 0, chunks: 0 };
  received.push(seen);
  if (req.url.startsWith('/redirect')) {
    const absolute = `http://${req.headers.host}/chat`;
    res.writeHead(307, { location: req.url.endsWith('abs') ? absolute : '/chat' });
    return res.end();
  }
  if (req.url === '/tts') {
    res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': wav.length });
    return res.end(wav);
  }
  const hash = createHash('sha256');
  for await (const chunk of req) {
    seen.bytes += chunk.length;
    seen.chunks += 1;
    hash.update(chunk);
  }
  res.writeHead(200, {
    'content-type': 'application/json',
    connection: 'keep-alive, x-secret-hop',
    'keep-alive': 'timeout=99',
    'x-secret-hop': 'dropped because Connection lists it',
    'proxy-authenticate': 'Basic',
    'set-cookie': ['sid=abc12345; HttpOnly; SameSite=Lax', 'theme=dark'],
    'x-session-id': 'abc12345',
  });
  res.end(JSON.stringify({ url: req.url, bytes: seen.bytes, sha256: hash.digest('hex') }));
}

before(async () => {
  upstream = await startUpstream(echo);
  proxy = await startProxy({ LLM_API_URL: upstream.url });
});
after(async () => {
  await proxy.close();
  await upstream.close();
});

test('strips /api/llm and forwards method, path, query and JSON body', async () => {
  received = [];
  const body = JSON.stringify({ message: '3만원 이하 반팔 티셔츠 있어요?' });
  const res = await fetch(`${proxy.url}/api/llm/chat?x=1&y=%ED%95%9C`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  assert.equal(res.status, 200);
  const json = await res.json();
  assert.equal(json.url, '/chat?x=1&y=%ED%95%9C');
  assert.equal(json.bytes, Buffer.byteLength(body));
  assert.equal(received[0].method, 'POST');
  assert.equal(received[0].headers['content-type'], 'application/json');
});

test('hop-by-hop headers are dropped both ways, cookies and session id cross', async () => {
  received = [];
  const { req, response } = rawRequest(`${proxy.url}/api/llm/sessions/abc`, {
    headers: {
      connection: 'keep-alive, x-client-hop',
      'x-client-hop': 'must not reach upstream',
      'keep-alive': 'timeout=5',
      te: 'trailers',
      'proxy-authorization': 'Basic Zm9vOmJhcg==',
      cookie: 'sid=abc12345; theme=dark',
      'x-session-id': 'abc12345',
      'x-forwarded-for': '203.0.113.7',
    },
  });
  req.end();
  const res = await response;
  await readAll(res);
  const sent = received[0].headers;
  for (const name of ['x-client-hop', 'keep-alive', 'te', 'proxy-authorization']) {
    assert.equal(sent[name], undefined, `${name} reached upstream`);
  }
  assert.notEqual(sent.host, `127.0.0.1:${proxy.port}`, 'the browser Host header must not be forwarded');
  assert.equal(sent.cookie, 'sid=abc12345; theme=dark');
  assert.equal(sent['x-session-id'], 'abc12345');
  assert.equal(sent['x-forwarded-for'], '203.0.113.7, 127.0.0.1');
  assert.equal(sent['x-forwarded-host'], `127.0.0.1:${proxy.port}`);
  assert.equal(res.headers['x-secret-hop'], undefined);
  assert.equal(res.headers['proxy-authenticate'], undefined);
  assert.notEqual(res.headers['keep-alive'], 'timeout=99', "upstream's Keep-Alive leaked (Node adds its own)");
  assert.deepEqual(res.headers['set-cookie'], ['sid=abc12345; HttpOnly; SameSite=Lax', 'theme=dark']);
  assert.equal(res.headers['x-session-id'], 'abc12345');
});

test('an incoming X-Request-ID is kept end to end and logged', async () => {
  received = [];
  const res = await fetch(`${proxy.url}/api/llm/health/live`, { headers: { 'x-request-id': 'req-from-browser-42' } });
  await res.arrayBuffer();
  assert.equal(res.headers.get('x-request-id'), 'req-from-browser-42');
  assert.equal(received[0].headers['x-request-id'], 'req-from-browser-42');
  await waitFor(() => proxy.logs.some((l) => l.request_id === 'req-from-browser-42' && l.event === 'request'));
});

test('a missing or malformed X-Request-ID is replaced by one fresh id used everywhere', async () => {
  received = [];
  const res = await fetch(`${proxy.url}/api/llm/health/live`, { headers: { 'x-request-id': 'bad id with spaces' } });
  await res.arrayBuffer();
  const id = res.headers.get('x-request-id');
  assert.match(id, /^[0-9a-f-]{36}$/);
  assert.equal(received[0].headers['x-request-id'], id);
  await waitFor(() => proxy.logs.some((l) => l.request_id === id && l.status === 200));
});

test('binary audio/wav responses pass through byte for byte', async () => {
  const res = await fetch(`${proxy.url}/api/llm/tts`, { method: 'POST', body: '{"text":"안녕하세요"}' });
  assert.equal(res.headers.get('content-type'), 'audio/wav');
  const body = Buffer.from(await res.arrayBuffer());
  assert.equal(body.length, wav.length);
  assert.ok(body.equals(wav));
});

test('a multipart upload is streamed: upstream reads it before the client has finished', async () => {
  received = [];
  const boundary = '----blankspace';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="audio"; filename="a.wav"\r\n` +
      'Content-Type: audio/wav\r\n\r\n',
  );
  const audio = randomBytes(512 * 1024);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const whole = Buffer.concat([head, audio, tail]);
  const { req, response } = rawRequest(`${proxy.url}/api/llm/stt`, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': whole.length },
  });
  req.write(whole.subarray(0, 200 * 1024));
  // Holding back the rest: only a streaming proxy lets the upstream see bytes now.
  await waitFor(() => received[0]?.bytes > 0, 3000, 'upstream to receive the first part');
  assert.ok(received[0].bytes <= 200 * 1024);
  req.end(whole.subarray(200 * 1024));
  const res = await response;
  const json = JSON.parse(await readAll(res));
  assert.equal(json.bytes, whole.length);
  assert.equal(json.sha256, createHash('sha256').update(whole).digest('hex'));
  assert.equal(received[0].headers['content-type'], `multipart/form-data; boundary=${boundary}`);
});

test('Expect: 100-continue uploads (curl does this over 1 MB) are forwarded', async () => {
  received = [];
  const audio = randomBytes(1536 * 1024);
  const { req, response } = rawRequest(`${proxy.url}/api/llm/stt`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'content-length': audio.length, expect: '100-continue' },
  });
  req.on('continue', () => req.end(audio));
  const res = await response;
  assert.equal(res.statusCode, 200);
  const json = JSON.parse(await readAll(res));
  assert.equal(json.sha256, createHash('sha256').update(audio).digest('hex'));
  assert.equal(received[0].headers.expect, undefined);
});

test('upstream redirects point back through the proxy, not at llm_server', async () => {
  for (const path of ['/redirect-abs', '/redirect-rel']) {
    const res = await fetch(`${proxy.url}/api/llm${path}`, { redirect: 'manual' });
    assert.equal(res.status, 307);
    assert.equal(res.headers.get('location'), '/api/llm/chat', path);
  }
});
