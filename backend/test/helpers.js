'use strict';
// Small honest fixtures: a real http.Server as upstream, the real proxy in front of it.
const http = require('node:http');
const { once } = require('node:events');
const { loadConfig } = require('../src/config');
const { createServer } = require('../src/server');
const { createLogger } = require('../src/logger');

async function listen(server, host = '127.0.0.1') {
  server.listen(0, host);
  await once(server, 'listening');
  return server.address().port;
}

function closer(server) {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
}

/** An upstream built from a plain (req, res) handler; `requests` records what arrived. */
async function startUpstream(handler, { host = '127.0.0.1' } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  const port = await listen(server, host);
  return { server, port, url: `http://${host}:${port}`, requests, close: closer(server) };
}

function captureLogger() {
  const lines = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** The real proxy (app + WebSocket bridge) on a free port, configured through env vars. */
async function startProxy(env = {}) {
  const { logger, lines } = captureLogger();
  const config = loadConfig({ RATE_LIMIT_PER_MIN: '0', ...env });
  const server = createServer({ ...config, logger });
  const port = await listen(server);
  return { server, port, url: `http://127.0.0.1:${port}`, logs: lines, config, close: closer(server) };
}

/** A raw http.request so a test controls exactly when the body is written and the socket closed. */
function rawRequest(url, { method = 'GET', headers = {} } = {}) {
  const req = http.request(url, { method, headers, agent: false });
  const response = once(req, 'response').then(([res]) => res);
  return { req, response };
}

async function readAll(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A port nothing listens on (bound once, then released). */
async function freePort() {
  const server = http.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `predicate()` is true, polling every 10 ms, or rejects after `ms`. */
async function waitFor(predicate, ms = 3000, what = 'condition') {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(10);
  }
}

module.exports = { freePort, startUpstream, startProxy, rawRequest, readAll, delay, waitFor, listen, closer };
