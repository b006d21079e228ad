'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { createLogger, withRequestId } = require('../../src/logger');
const { startUpstream, startProxy } = require('../helpers');

function capture(level = 'debug') {
  const lines = [];
  return { lines, logger: createLogger({ level, write: (line) => lines.push(JSON.parse(line)) }) };
}

test('lines are JSON with ts, level and event; fields are merged', () => {
  const { lines, logger } = capture();
  logger.warn('upstream_slow', { ms: 812.5, 경로: '/chat' });
  assert.equal(lines.length, 1);
  assert.equal(lines[0].level, 'warn');
  assert.equal(lines[0].event, 'upstream_slow');
  assert.equal(lines[0].ms, 812.5);
  assert.equal(lines[0]['경로'], '/chat');
  assert.ok(!Number.isNaN(Date.parse(lines[0].ts)));
  assert.equal('request_id' in lines[0], false);
});

test('every line logged during a request carries its id, across awaits', async () => {
  const { lines, logger } = capture();
  await withRequestId('req-7', async () => {
    logger.info('first');
    await new Promise((resolve) => setTimeout(resolve, 5));
    logger.error('after_await');
  });
  logger.info('outside');
  assert.deepEqual(lines.map((l) => l.request_id), ['req-7', 'req-7', undefined]);
});

test('the level threshold drops quieter lines', () => {
  const { lines, logger } = capture('warn');
  logger.info('dropped');
  logger.error('kept');
  assert.deepEqual(lines.map((l) => l.event), ['kept']);
});

test('the proxy logs the request id it forwarded upstream (minted when absent)', async () => {
  const upstream = await startUpstream((req, res) => res.end('{}'));
  const proxy = await startProxy({ LLM_API_URL: upstream.url });
  try {
    const given = await fetch(`${proxy.url}/api/llm/health`, { headers: { 'x-request-id': 'shopper-42' } });
    await given.text();
    const minted = await fetch(`${proxy.url}/api/llm/health`);
    await minted.text();
    const mintedId = minted.headers.get('x-request-id');
    assert.match(mintedId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(upstream.requests.map((r) => r.headers['x-request-id']), ['shopper-42', mintedId]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const logged = proxy.logs.filter((l) => l.event === 'request').map((l) => l.request_id);
    assert.deepEqual(logged, ['shopper-42', mintedId]);
  } finally {
    await proxy.close();
    await upstream.close();
  }
});
