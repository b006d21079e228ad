'use strict';
// One JSON line per event on stdout, so the request id can be grepped across Node and Python logs.
// Lines written while a request is being handled carry its request_id without being told
// (AsyncLocalStorage, set by middleware/requestId.js), e.g. a rate-limit store failure.
const { AsyncLocalStorage } = require('node:async_hooks');

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const requestContext = new AsyncLocalStorage();

/** Run `fn` (and everything it starts) as part of the request `requestId`. */
function withRequestId(requestId, fn) {
  return requestContext.run(requestId, fn);
}

function createLogger({ level = 'info', write = (line) => process.stdout.write(line) } = {}) {
  const threshold = LEVELS[level] ?? LEVELS.info;
  const log = (lvl) => (event, fields = {}) => {
    if (LEVELS[lvl] < threshold) return;
    const requestId = requestContext.getStore();
    const context = requestId === undefined ? {} : { request_id: requestId };
    write(`${JSON.stringify({ ts: new Date().toISOString(), level: lvl, event, ...context, ...fields })}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

module.exports = { createLogger, withRequestId };
