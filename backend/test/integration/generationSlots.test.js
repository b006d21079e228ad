'use strict';
// Through the proxy to the REAL llm_server (embedded llama.cpp, generate mode) with one
// generation slot and no queue: a second turn is refused 503 + Retry-After (relayed by the
// proxy), and a browser that goes away mid-answer frees the slot within 200 ms.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startProxy, rawRequest, waitFor } = require('../helpers');
const { startLlmServer, pythonMissing } = require('../llmServer');
const { createSseReader } = require('../sse');

const QUESTION = '3만원 이하 반팔 티셔츠 있어요?';
const skip = pythonMissing();

describe('generation slots through the proxy (real llm_server)', { skip, timeout: 400_000 }, () => {
  let llm;
  let proxy;

  before(async () => {
    llm = await startLlmServer({ ANSWER_MODE: 'generate', LLM_MAX_TOKENS: '400', MAX_CONCURRENT_GENERATIONS: '1', MAX_QUEUE: '0' });
    proxy = await startProxy({ LLM_API_URL: `http://localhost:${llm.port}` });
  }, { timeout: 240_000 });

  after(async () => {
    await proxy?.close();
    await llm?.stop();
  });

  function openStream() {
    const { req, response } = rawRequest(`${proxy.url}/api/llm/chat/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    req.end(JSON.stringify({ message: QUESTION }));
    return response;
  }

  const generations = async () => (await llm.stats()).generations;

  test('a turn beyond the slot and the queue is a 503 with Retry-After and a Korean message', async () => {
    const res = await openStream();
    const events = [];
    res.on('data', createSseReader((event) => events.push(event)));
    await waitFor(() => events.some((e) => e.event === 'token'), 60_000, 'the first token');
    const refused = await fetch(`${proxy.url}/api/llm/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: QUESTION }),
    });
    assert.equal(refused.status, 503);
    assert.match(refused.headers.get('retry-after'), /^\d+$/);
    const body = await refused.json();
    assert.equal(body.error.code, 'overloaded');
    assert.match(body.error.message, /다시 시도해 주세요/);
    res.destroy();
  });

  test('a browser that goes away mid-answer frees the slot within 200 ms', async (t) => {
    let free = await generations();
    const settle = Date.now() + 5000;
    while (free.active && Date.now() < settle) free = await generations();
    assert.equal(free.active, 0, 'the previous turn still holds the slot');
    const res = await openStream();
    const events = [];
    res.on('data', createSseReader((event) => events.push(event)));
    await waitFor(() => events.some((e) => e.event === 'token'), 60_000, 'the first token');
    assert.equal((await generations()).active, 1);
    const gone = Date.now();
    res.destroy(); // the tab closes
    let state;
    do state = await generations(); while (state.active && Date.now() - gone < 2000);
    const ms = Date.now() - gone;
    t.diagnostic(`slot free ${ms} ms after the browser went away`);
    assert.equal(state.active, 0);
    assert.ok(ms < 200, `slot freed after ${ms} ms`);
  });
});
