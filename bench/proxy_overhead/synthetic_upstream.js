'use strict';
// A synthetic SSE upstream for the proxy benchmark, run as its own process; prints its port.
//   GET /first             meta + one token, immediately (pure latency)
//   GET /flood?events=N[&frame_bytes=B]  N token frames (or B-byte audio frames) as fast as the
//                          socket takes them (raw throughput)
//   GET /paced?tokens=N&interval_ms=M  llm-like pacing (concurrency)
const http = require('node:http');
const { once } = require('node:events');

const FRAME = 'event: token\ndata: {"text":"반팔 티셔츠"}\n\n';
const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const audioFrame = (bytes) => `event: audio\ndata: {"wav_base64":"${'A'.repeat(Math.max(0, bytes - 36))}"}\n\n`;

async function flood(res, events, frameBytes) {
  const frame = frameBytes ? audioFrame(frameBytes) : FRAME;
  for (let i = 0; i < events; i += 1) {
    if (!res.write(frame)) await once(res, 'drain');
  }
  res.end('event: done\ndata: {}\n\n');
}

async function paced(res, tokens, intervalMs) {
  res.write('event: meta\ndata: {"products":[]}\n\n');
  for (let i = 0; i < tokens; i += 1) {
    await sleep(intervalMs);
    res.write(FRAME);
  }
  res.end('event: done\ndata: {}\n\n');
}

// Like llm_server, answer once the whole request body (a JSON message) has been read.
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://upstream');
  const param = (name, fallback) => Number(url.searchParams.get(name) || fallback);
  for await (const chunk of req) void chunk;
  res.writeHead(200, SSE_HEADERS);
  if (url.pathname === '/first') return res.end(`event: meta\ndata: {}\n\n${FRAME}event: done\ndata: {}\n\n`);
  if (url.pathname === '/flood') return flood(res, param('events', 100000), param('frame_bytes', 0));
  return paced(res, param('tokens', 50), param('interval_ms', 20));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
