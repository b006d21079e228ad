'use strict';
// CPU per upstream call, global fetch vs undici.request, same Agent, against a local Node server
// (its cost included in both): `node bench/proxy_overhead/fetch_vs_request.js`
const http = require('node:http');
const { Agent, request } = require('../../backend/node_modules/undici');

const BODY = JSON.stringify({ message: '3만원 이하 반팔 티셔츠 있어요?' });
const HEADERS = { 'content-type': 'application/json' };

async function main() {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/event-stream' }).end('event: meta\ndata: {}\n\n'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/chat/stream`;
  const dispatcher = new Agent({ headersTimeout: 0, bodyTimeout: 0 });
  const variants = {
    'global fetch': async () => {
      const reader = (await fetch(url, { method: 'POST', body: BODY, headers: HEADERS, dispatcher })).body.getReader();
      while (!(await reader.read()).done);
    },
    'undici.request': async () => {
      for await (const chunk of (await request(url, { method: 'POST', body: BODY, headers: HEADERS, dispatcher })).body) void chunk;
    },
  };
  for (let round = 0; round < 2; round += 1) {
    for (const [name, call] of Object.entries(variants)) {
      for (let i = 0; i < 300; i += 1) await call();
      const cpu = process.cpuUsage();
      const started = performance.now();
      const n = 2000;
      for (let i = 0; i < n; i += 1) await call();
      const used = process.cpuUsage(cpu);
      const perCall = (x) => (x / n).toFixed(3);
      console.log(`${name.padEnd(15)} cpu ${perCall((used.user + used.system) / 1000)} ms/call, wall ${perCall(performance.now() - started)} ms/call`);
    }
  }
  server.close();
  await dispatcher.close();
}

main();
