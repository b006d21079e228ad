'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { once } = require('node:events');
const { WebSocket, WebSocketServer } = require('ws');
const { startProxy, listen, closer } = require('../helpers');

let upstream;
let proxy;
const handshakes = [];

/** The HTTP status of a refused handshake (the client is discarded). */
async function handshakeStatus(url) {
  const client = new WebSocket(url);
  client.on('error', () => {});
  const [request, response] = await once(client, 'unexpected-response');
  request.destroy();
  return response.statusCode;
}

before(async () => {
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: '/ws/chat' });
  wss.on('connection', (socket, req) => {
    handshakes.push(req.headers);
    socket.on('message', (data) => {
      const { message } = JSON.parse(data);
      socket.send(JSON.stringify({ event: 'token', data: { text: `${message}?` } }));
      socket.send(JSON.stringify({ event: 'done', data: {} }));
    });
  });
  const port = await listen(server);
  upstream = { port, close: closer(server) };
  proxy = await startProxy({ LLM_API_URL: `http://localhost:${port}` });
});
after(async () => {
  await proxy.close();
  await upstream.close();
});

test('/api/llm/ws/chat is bridged to the upstream /ws/chat, frames both ways', async () => {
  const client = new WebSocket(`ws://127.0.0.1:${proxy.port}/api/llm/ws/chat`, {
    headers: { cookie: 'sid=abc12345', 'x-request-id': 'ws-req-1' },
  });
  await once(client, 'open');
  const events = [];
  client.on('message', (data) => events.push(JSON.parse(data)));
  client.send(JSON.stringify({ message: '반팔', session_id: null }));
  while (events.length < 2) await once(client, 'message');
  assert.deepEqual(events, [
    { event: 'token', data: { text: '반팔?' } },
    { event: 'done', data: {} },
  ]);
  assert.equal(handshakes.at(-1).cookie, 'sid=abc12345');
  assert.equal(handshakes.at(-1)['x-request-id'], 'ws-req-1');
  assert.equal(handshakes.at(-1)['x-forwarded-for'], '127.0.0.1');
  client.close();
  await once(client, 'close');
});

test('an upgrade the upstream rejects fails the handshake instead of hanging', async () => {
  assert.equal(await handshakeStatus(`ws://127.0.0.1:${proxy.port}/api/llm/ws/nowhere`), 400);
});

test('an upgrade with the upstream down is a 502', async () => {
  const down = await startProxy({ LLM_API_URL: 'http://127.0.0.1:1' });
  assert.equal(await handshakeStatus(`ws://127.0.0.1:${down.port}/api/llm/ws/chat`), 502);
  await down.close();
});

test('upgrades outside /api/llm/ are refused with 404', async () => {
  assert.equal(await handshakeStatus(`ws://127.0.0.1:${proxy.port}/ws/chat`), 404);
});
