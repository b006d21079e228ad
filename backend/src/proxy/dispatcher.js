'use strict';
const { Agent } = require('undici');

/**
 * undici's defaults abort any response whose headers or next body chunk take longer than
 * 300 s, which would cut long non-streaming LLM calls; the forwarder runs its own idle
 * timer (UPSTREAM_IDLE_TIMEOUT_S) instead. family 4: never try ::1 for the upstream.
 */
function createDispatcher(options = {}) {
  return new Agent({
    headersTimeout: 0,
    bodyTimeout: 0,
    keepAliveTimeout: 30_000,
    connect: { family: 4, timeout: 10_000 },
    ...options,
  });
}

module.exports = { createDispatcher };
