'use strict';
// llm_server listens on 127.0.0.1 only; `localhost` must never be tried as ::1.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { startUpstream, startProxy } = require('../helpers');

test('LLM_API_URL=http://localhost:PORT reaches an upstream bound to 127.0.0.1 only', async () => {
  const upstream = await startUpstream((req, res) => res.end(req.socket.localAddress), { host: '127.0.0.1' });
  const proxy = await startProxy({ LLM_API_URL: `http://localhost:${upstream.port}` });
  try {
    assert.equal(proxy.config.upstreamUrl, `http://127.0.0.1:${upstream.port}`);
    for (let i = 0; i < 5; i += 1) {
      const res = await fetch(`${proxy.url}/api/llm/health/live`);
      assert.equal(res.status, 200);
      assert.equal(await res.text(), '127.0.0.1');
    }
  } finally {
    await proxy.close();
    await upstream.close();
  }
});
