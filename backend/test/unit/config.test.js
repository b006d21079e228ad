'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { loadConfig, toIPv4Url } = require('../../src/config');

test('defaults match the documented ones', () => {
  const config = loadConfig({});
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.port, 5000);
  assert.equal(config.upstreamUrl, 'http://127.0.0.1:8001');
  assert.equal(config.idleTimeoutMs, 120_000);
  assert.equal(config.maxUploadBytes, 10 * 1024 * 1024);
  assert.equal(config.rateLimitPerMin, 120);
  assert.equal(config.frontendDist, path.resolve(__dirname, '..', '..', '..', 'frontend', 'dist'));
});

test('a relative FRONTEND_DIST is read from the repository root, an absolute one as is', () => {
  const repo = path.resolve(__dirname, '..', '..', '..');
  assert.equal(loadConfig({ FRONTEND_DIST: 'frontend/dist' }).frontendDist, path.join(repo, 'frontend', 'dist'));
  assert.equal(loadConfig({ FRONTEND_DIST: '/srv/dist' }).frontendDist, '/srv/dist');
});

test('a localhost upstream is pinned to 127.0.0.1 and trailing slashes dropped', () => {
  assert.equal(toIPv4Url('http://localhost:8001/'), 'http://127.0.0.1:8001');
  assert.equal(toIPv4Url('http://localhost:9000/prefix/'), 'http://127.0.0.1:9000/prefix');
  assert.equal(toIPv4Url('http://llm_server:8001'), 'http://llm_server:8001');
});

test('env vars override defaults and bad numbers are refused', () => {
  const config = loadConfig({ MAX_UPLOAD_MB: '0.5', RATE_LIMIT_PER_MIN: '0', UPSTREAM_IDLE_TIMEOUT_S: '2' });
  assert.equal(config.maxUploadBytes, 512 * 1024);
  assert.equal(config.rateLimitPerMin, 0);
  assert.equal(config.idleTimeoutMs, 2000);
  assert.throws(() => loadConfig({ BACKEND_PORT: 'abc' }), /BACKEND_PORT/);
  assert.throws(() => loadConfig({ MAX_UPLOAD_MB: '-1' }), /MAX_UPLOAD_MB/);
});
