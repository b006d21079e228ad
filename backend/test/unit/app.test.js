'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startUpstream, startProxy, freePort } = require('../helpers');

let dist;
let readiness = 200;
let upstream;
let proxy;

before(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'dist-'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>BlankSpace 샵</title>');
  fs.writeFileSync(path.join(dist, 'widget.js'), 'console.log("widget");');
  upstream = await startUpstream((req, res) => {
    res.writeHead(req.url === '/health/ready' ? readiness : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: readiness === 200 ? 'ready' : 'not_ready', checks: {} }));
  });
  proxy = await startProxy({ LLM_API_URL: upstream.url, FRONTEND_DIST: dist });
});
after(async () => {
  await proxy.close();
  await upstream.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

test('/api/health is 200 with both parts when the upstream is ready', async () => {
  readiness = 200;
  const res = await fetch(`${proxy.url}/api/health`);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.proxy.status, 'ok');
  assert.equal(body.upstream.ok, true);
  assert.equal(body.upstream.body.status, 'ready');
});

test('/api/health is 503 when the upstream is not ready or down', async () => {
  readiness = 503;
  const res = await fetch(`${proxy.url}/api/health`);
  assert.equal(res.status, 503);
  const body = await res.json();
  assert.equal(body.upstream.http_status, 503);
  assert.equal(body.proxy.status, 'ok');

  const down = await startProxy({ LLM_API_URL: `http://127.0.0.1:${await freePort()}` });
  const downRes = await fetch(`${down.url}/api/health`);
  assert.equal(downRes.status, 503);
  assert.equal((await downRes.json()).upstream.error, 'ECONNREFUSED');
  await down.close();
});

test('unknown /api routes are a JSON 404', async () => {
  for (const url of ['/api/nope', '/api/', '/api/llmx/chat']) {
    const res = await fetch(`${proxy.url}${url}`, { method: 'POST' });
    assert.equal(res.status, 404, url);
    assert.equal((await res.json()).error.code, 'not_found');
  }
});

test('the built widget and demo shop page are served from FRONTEND_DIST', async () => {
  const index = await fetch(`${proxy.url}/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /text\/html/);
  assert.match(await index.text(), /BlankSpace 샵/);
  const widget = await fetch(`${proxy.url}/widget.js`);
  assert.match(widget.headers.get('content-type'), /javascript/);
  assert.equal(await widget.text(), 'console.log("widget");');
});

test('a browser opening a missing page (a product link) gets a Korean page, other clients JSON', async () => {
  const browser = await fetch(`${proxy.url}/products/BS-TS-0004`, {
    headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
  });
  assert.equal(browser.status, 404);
  assert.match(browser.headers.get('content-type'), /text\/html/);
  const page = await browser.text();
  assert.match(page, /페이지를 찾을 수 없어요/);
  assert.match(page, /<a href="\/">쇼핑몰로 돌아가기<\/a>/);
  const client = await fetch(`${proxy.url}/products/BS-TS-0004`);
  assert.equal(client.status, 404);
  assert.equal((await client.json()).error.code, 'not_found');
});

test('without a build the page routes are a clean 404, not a crash', async () => {
  const bare = await startProxy({ LLM_API_URL: upstream.url, FRONTEND_DIST: path.join(dist, 'missing') });
  const res = await fetch(`${bare.url}/`);
  assert.equal(res.status, 404);
  assert.equal((await res.json()).error.code, 'not_found');
  await bare.close();
});
