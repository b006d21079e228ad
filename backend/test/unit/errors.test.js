'use strict';
// The proxy's own errors: one Korean sentence per code, also for what Express rejects.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { once } = require('node:events');
const express = require('express');
const { MESSAGES, HttpError, errorMiddleware } = require('../../src/errors');

const HANGUL = /[\uAC00-\uD7A3]/;
let server;
let url;
const logged = [];

before(async () => {
  const app = express();
  app.post('/echo', express.json({ limit: '20b' }), (req, res) => res.json(req.body));
  app.get('/down', (req, res, next) => next(new HttpError('upstream_unavailable')));
  app.use(errorMiddleware({ error: (...args) => logged.push(args) }));
  server = http.createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

const post = (body) => fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

test('every proxy code has one Korean sentence and no English half', () => {
  for (const [code, message] of Object.entries(MESSAGES)) {
    assert.match(message, HANGUL, code);
    assert.doesNotMatch(message, / \/ |[A-Za-z]{4,}/, code);
  }
});

test('a body over the parser limit is 413 payload_too_large in Korean', async () => {
  const res = await post(JSON.stringify({ text: 'x'.repeat(100) }));
  assert.equal(res.status, 413);
  assert.deepEqual(await res.json(), { error: { code: 'payload_too_large', message: MESSAGES.payload_too_large } });
});

test('malformed JSON is 400 bad_request in Korean, not the parser English', async () => {
  const res = await post('{"a":');
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), { error: { code: 'bad_request', message: MESSAGES.bad_request } });
});

test('a proxy-originated error keeps its code and status', async () => {
  const res = await fetch(`${url}/down`);
  assert.equal(res.status, 502);
  assert.deepEqual(await res.json(), { error: { code: 'upstream_unavailable', message: MESSAGES.upstream_unavailable } });
  assert.equal(logged.length, 1);
});
