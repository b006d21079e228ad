'use strict';
// The admin console on the backend: the page at /admin, /api/llm/admin/* forwarded only with
// an Authorization header, and the handoff queue (real nx-27017) behind llm_server's key check.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { loadConfig } = require('../../src/config');
const { createApp } = require('../../src/app');
const { createLogger } = require('../../src/logger');
const { loadShopConfig } = require('../../src/shop/config');
const { startUpstream, listen, closer } = require('../helpers');
const { startMongo, connect } = require('../shop/mongo');

const KEY = 'admin-key-for-tests';
let upstream;
let mongo;
let client;
let backend;
let dist;

function fakeLlmServer(req, res) {
  const given = req.headers.authorization;
  const status = given === `Bearer ${KEY}` ? 200 : 403;
  const body = status === 200 ? { ok: true, path: req.url } : { error: { code: 'admin_forbidden', message: '관리자 키가 올바르지 않습니다.' } };
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

before(async () => {
  upstream = await startUpstream(fakeLlmServer);
  mongo = await startMongo();
  client = await connect(mongo.uri);
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-dist-'));
  fs.mkdirSync(path.join(dist, 'src', 'admin'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'src', 'admin', 'index.html'), '<!doctype html><title>쇼핑 도우미 관리</title>');
  const dbName = `admin_${process.pid}`;
  await client.db(dbName).collection('handoffs').insertMany([
    { sessionId: 'sess-old', transcript: [{ role: 'user', content: '환불 문의' }], contact: null, status: 'open', createdAt: new Date('2026-01-01T00:00:00Z') },
    { sessionId: 'sess-new', transcript: [{ role: 'user', content: '상담원 연결' }], contact: '010-****-****', status: 'open', createdAt: new Date('2026-02-01T00:00:00Z') },
  ]);
  const logger = createLogger({ level: 'error', write: () => {} });
  const shop = { ...loadShopConfig({ MONGO_URI: mongo.uri, MONGO_DB: dbName, MONGO_TIMEOUT_S: '2' }), client };
  const config = { ...loadConfig({ RATE_LIMIT_PER_MIN: '0', RATE_LIMIT_IP_PER_MIN: '0', LLM_API_URL: upstream.url, FRONTEND_DIST: dist }), logger, shop };
  const app = createApp(config);
  const server = http.createServer(app);
  const closeServer = closer(server);
  backend = { url: `http://127.0.0.1:${await listen(server)}`, close: async () => { await closeServer(); await app.close(); } };
});

after(async () => {
  await backend?.close();
  await upstream?.close();
  await client?.close();
  await mongo?.stop();
  if (dist) fs.rmSync(dist, { recursive: true, force: true });
});

test('/admin serves the console page', async () => {
  const res = await fetch(`${backend.url}/admin`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/html/);
  assert.match(await res.text(), /쇼핑 도우미 관리/);
});

test('/api/llm/admin/* without an Authorization header is a 401 that never reaches llm_server', async () => {
  const before = upstream.requests.length;
  for (const method of ['GET', 'POST', 'DELETE']) {
    const res = await fetch(`${backend.url}/api/llm/admin/collections`, { method });
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error.code, 'admin_unauthorized');
  }
  assert.equal(upstream.requests.length, before);
});

test('/api/llm/admin/* with a key is forwarded with it; llm_server judges the key', async () => {
  const ok = await fetch(`${backend.url}/api/llm/admin/collections`, { headers: { authorization: `Bearer ${KEY}` } });
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { ok: true, path: '/admin/collections' });
  assert.equal(upstream.requests.at(-1).headers.authorization, `Bearer ${KEY}`);
  const wrong = await fetch(`${backend.url}/api/llm/admin/collections`, { headers: { authorization: 'Bearer nope' } });
  assert.equal(wrong.status, 403);
});

test('the handoff queue lists transcripts newest first, only for the admin key', async () => {
  assert.equal((await fetch(`${backend.url}/api/admin/handoffs`)).status, 401);
  const wrong = await fetch(`${backend.url}/api/admin/handoffs`, { headers: { authorization: 'Bearer nope' } });
  assert.equal(wrong.status, 403);
  assert.equal((await wrong.json()).error.code, 'admin_forbidden');
  const res = await fetch(`${backend.url}/api/admin/handoffs`, { headers: { authorization: `Bearer ${KEY}` } });
  assert.equal(res.status, 200);
  const { handoffs } = await res.json();
  assert.deepEqual(handoffs.map((h) => h.sessionId), ['sess-new', 'sess-old']);
  assert.equal(handoffs[0].transcript[0].content, '상담원 연결');
  assert.equal(handoffs[0].createdAt, '2026-02-01T00:00:00.000Z');
});
