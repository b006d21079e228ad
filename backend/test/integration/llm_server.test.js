'use strict';
// The proxy in front of the REAL llm_server (embedded llama.cpp, real generation).
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { once } = require('node:events');
const { WebSocket } = require('ws');
const { startProxy, rawRequest, waitFor } = require('../helpers');
const { startLlmServer, pythonMissing } = require('../llmServer');
const { createSseReader } = require('../sse');

const QUESTION = '3만원 이하 반팔 티셔츠 있어요?';
const skip = pythonMissing();
if (skip) console.log(`# SKIP integration tests: ${skip}`);

describe('through the proxy to the real llm_server', { skip, timeout: 400_000 }, () => {
  let llm;
  let proxy;

  before(async () => {
    llm = await startLlmServer({ ANSWER_MODE: 'generate', LLM_MAX_TOKENS: '400' });
    proxy = await startProxy({ LLM_API_URL: `http://localhost:${llm.port}`, UPSTREAM_IDLE_TIMEOUT_S: '120' });
  }, { timeout: 240_000 });

  after(async () => {
    await proxy?.close();
    await llm?.stop();
  });

  function openStream(requestId) {
    const { req, response } = rawRequest(`${proxy.url}/api/llm/chat/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    });
    req.end(JSON.stringify({ message: QUESTION }));
    return response;
  }

  test('/api/health reports the proxy and a ready upstream', async () => {
    const res = await fetch(`${proxy.url}/api/health`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.upstream.body.status, 'ready');
  });

  test('/chat/stream is relayed event by event while the model is still generating', async () => {
    const requestId = `it-sse-${Date.now()}`;
    const res = await openStream(requestId);
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'], /^text\/event-stream/);
    assert.equal(res.headers['x-request-id'], requestId);
    const events = [];
    let activeAtFirstEvent;
    const read = createSseReader((event) => {
      events.push(event);
      if (events.length === 1) activeAtFirstEvent = llm.stats().then((s) => s.streams.active);
    });
    for await (const chunk of res) read(chunk);

    assert.equal(events[0].event, 'meta');
    assert.ok(events[0].data.products.length > 0, 'meta carries products');
    assert.equal(await activeAtFirstEvent, 1, 'the first event reached us while llm_server was still streaming');
    const tokens = events.filter((e) => e.event === 'token');
    assert.ok(tokens.length > 1, `expected many token events, got ${tokens.length}`);
    assert.ok(tokens.at(-1).at - tokens[0].at > 50, 'tokens arrived spread over time, not in one burst');
    assert.ok(tokens.map((e) => e.data.text).join('').trim().length > 0);
    const done = events.at(-1);
    assert.equal(done.event, 'done');
    assert.equal(done.data.session_id, res.headers['x-session-id']);
    assert.match(llm.output.text, new RegExp(`request_id=${requestId}`), 'llm_server logged the same request id');
  });

  test('a browser disconnect mid-answer cancels generation in llm_server', async () => {
    const before = (await llm.stats()).streams;
    const res = await openStream(`it-cancel-${Date.now()}`);
    const events = [];
    const read = createSseReader((event) => events.push(event));
    res.on('data', read);
    await waitFor(() => events.some((e) => e.event === 'token'), 60_000, 'the first token');
    res.destroy(); // the browser tab goes away
    let after;
    const deadline = Date.now() + 20_000;
    do {
      after = (await llm.stats()).streams;
      if (after.cancelled > before.cancelled && after.active === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } while (Date.now() < deadline);
    assert.equal(after.cancelled, before.cancelled + 1, JSON.stringify(after));
    assert.equal(after.active, 0);
    assert.equal(after.completed, before.completed);
  });

  test('/api/llm/ws/chat carries a whole turn from the real server', async () => {
    const client = new WebSocket(`ws://127.0.0.1:${proxy.port}/api/llm/ws/chat`);
    await once(client, 'open');
    const events = [];
    client.on('message', (data) => events.push(JSON.parse(data)));
    client.send(JSON.stringify({ message: QUESTION, session_id: null }));
    await waitFor(() => events.some((e) => e.event === 'done' || e.event === 'error'), 120_000, 'done');
    assert.deepEqual([events[0].event, events.at(-1).event], ['meta', 'done']);
    assert.ok(events.some((e) => e.event === 'token'));
    client.close();
  });
});
