'use strict';
// Loaded into the proxy with `node -r` by trace_real.js: timestamps of each fetch() call,
// its resolution (upstream headers) and the first body write, on the shared wall clock.
const http = require('node:http');
const fs = require('node:fs');

const now = () => performance.timeOrigin + performance.now();
const rows = [];
let current = null;
const originalFetch = globalThis.fetch;
globalThis.fetch = async (...args) => {
  current = { fetchStart: now() };
  rows.push(current);
  const row = current;
  const response = await originalFetch(...args);
  row.fetched = now();
  return response;
};
const originalWrite = http.ServerResponse.prototype.write;
http.ServerResponse.prototype.write = function write(...args) {
  if (current && !current.firstWrite) current.firstWrite = now();
  return originalWrite.apply(this, args);
};
process.on('SIGTERM', () => {
  fs.writeFileSync(process.env.TRACE_OUT, JSON.stringify(rows));
  process.exit(0);
});
