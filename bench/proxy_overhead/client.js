'use strict';
// One SSE request, timed: first byte, first `token` event (TTFT), `done` (total).
const http = require('node:http');
const { createSseReader } = require('../../backend/test/sse');

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

function timedStream(url, { body } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const result = { firstByteMs: null, ttftMs: null, totalMs: null, bytes: 0, tokens: 0, done: false, error: null };
    const since = () => performance.now() - started;
    const read = createSseReader((event) => {
      if (event.event === 'token') {
        result.tokens += 1;
        result.ttftMs ??= since();
      }
      if (event.event === 'meta') result.answerMode = event.data.answer_mode;
      if (event.event === 'done') result.done = true;
      if (event.event === 'error') result.error = `event: error ${JSON.stringify(event.data)}`;
    });
    const payload = body ? Buffer.from(JSON.stringify(body)) : undefined;
    const req = http.request(url, {
      agent,
      method: body ? 'POST' : 'GET',
      // as a browser's fetch() sends a JSON body: with a Content-Length
      headers: body ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
    });
    req.on('error', (err) => resolve({ ...result, error: String(err) }));
    req.on('response', (res) => {
      if (res.statusCode !== 200) result.error = `HTTP ${res.statusCode}`;
      res.on('data', (chunk) => {
        result.firstByteMs ??= since();
        result.bytes += chunk.length;
        read(chunk);
      });
      res.on('error', (err) => resolve({ ...result, error: String(err) }));
      res.on('end', () => resolve({ ...result, totalMs: since() }));
    });
    req.end(payload);
  });
}

/** Raw byte throughput of one long stream, with no SSE parsing on the client side. */
function drain(url) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let bytes = 0;
    http
      .get(url, { agent }, (res) => {
        res.on('data', (chunk) => {
          bytes += chunk.length;
        });
        res.on('end', () => resolve({ bytes, ms: performance.now() - started }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

module.exports = { timedStream, drain, agent };
