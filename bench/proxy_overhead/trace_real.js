'use strict';
/**
 * Where the proxy's TTFT overhead goes against the real llm_server:
 * `node bench/proxy_overhead/trace_real.js` compares HTTP clients talking to uvicorn directly
 * with the proxy (instrumented by trace_preload.js). Sequential requests, p50 in ms since send.
 */
const http = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const { Agent, request } = require('../../backend/node_modules/undici');
const { startLlmServer } = require('../../backend/test/llmServer');
const { freePort } = require('../../backend/test/helpers');

const N = 40;
const BODY = JSON.stringify({ message: '배송은 보통 며칠 걸려요?' });
const agent = new http.Agent({ keepAlive: true });
const dispatcher = new Agent({ headersTimeout: 0, bodyTimeout: 0 });
const now = () => performance.timeOrigin + performance.now();
const p50 = (values) => [...values].sort((a, b) => a - b)[values.length >> 1].toFixed(2);

function viaHttp(url) {
  return new Promise((resolve) => {
    const row = { t: now() };
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) };
    http
      .request(url, { agent, method: 'POST', headers }, (res) => {
        row.h = now();
        res.on('data', () => (row.fb ??= now()));
        res.on('end', () => resolve(row));
      })
      .end(BODY);
  });
}

async function viaFetch(url) {
  const row = { t: now() };
  const res = await fetch(url, { method: 'POST', body: BODY, headers: { 'content-type': 'application/json' }, dispatcher });
  row.h = now();
  const reader = res.body.getReader();
  await reader.read();
  row.fb = now();
  while (!(await reader.read()).done);
  return row;
}

async function viaRequest(url) {
  const row = { t: now() };
  const res = await request(url, { method: 'POST', body: BODY, headers: { 'content-type': 'application/json' }, dispatcher });
  row.h = now();
  for await (const chunk of res.body) if (chunk.length) row.fb ??= now();
  return row;
}

async function series(fn, url) {
  for (let i = 0; i < 10; i += 1) await fn(url);
  const rows = [];
  for (let i = 0; i < N; i += 1) rows.push(await fn(url));
  return rows;
}

const report = (name, rows) => console.log(`${name.padEnd(34)} headers ${p50(rows.map((r) => r.h - r.t))}  meta ${p50(rows.map((r) => r.fb - r.t))}`);

async function main() {
  const llm = await startLlmServer();
  const port = await freePort();
  const traceOut = path.join(os.tmpdir(), `proxy-trace-${process.pid}.json`);
  const proxy = spawn(process.execPath, ['-r', path.join(__dirname, 'trace_preload.js'), path.join(__dirname, '..', '..', 'backend', 'src', 'server.js')], {
    env: { ...process.env, BACKEND_PORT: String(port), LLM_API_URL: llm.url, RATE_LIMIT_PER_MIN: '0', TRACE_OUT: traceOut },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const target = `${llm.url}/chat/stream`;
    report('direct, node:http', await series(viaHttp, target));
    report('direct, undici.request', await series(viaRequest, target));
    report('direct, global fetch', await series(viaFetch, target));
    const proxied = await series(viaHttp, `http://127.0.0.1:${port}/api/llm/chat/stream`);
    proxy.kill('SIGTERM');
    await once(proxy, 'exit');
    const inside = JSON.parse(fs.readFileSync(traceOut, 'utf8')).slice(10);
    const at = (key) => p50(proxied.map((r, i) => inside[i][key] - r.t));
    report('through the proxy (at the browser)', proxied);
    console.log(`  inside the proxy: fetch() called ${at('fetchStart')}, headers ${at('fetched')}, meta written ${at('firstWrite')}`);
  } finally {
    if (proxy.exitCode === null) proxy.kill('SIGKILL');
    fs.rmSync(traceOut, { force: true });
    await llm.stop();
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
