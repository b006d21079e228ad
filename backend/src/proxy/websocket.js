'use strict';
// WebSocket upgrades under /api/llm/ are bridged to llm_server (e.g. /api/llm/ws/chat -> /ws/chat).
const { WebSocket, WebSocketServer } = require('ws');
const { clientAddress } = require('./headers');

const PREFIX = '/api/llm/';
const FORWARDED = ['cookie', 'x-session-id', 'user-agent', 'accept-language', 'origin'];

function upstreamHeaders(req, requestId) {
  const headers = {};
  for (const name of FORWARDED) if (req.headers[name]) headers[name] = req.headers[name];
  const prior = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? `${prior}, ${clientAddress(req)}` : clientAddress(req);
  headers['x-request-id'] = requestId;
  return headers;
}

function rejectUpgrade(socket, status, text) {
  if (!socket.writable) return socket.destroy();
  const body = JSON.stringify({ error: { code: text.code, message: text.message } });
  socket.end(
    `HTTP/1.1 ${status} ${text.reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const safeCloseCode = (code) => (code >= 1000 && code <= 4999 && ![1005, 1006, 1015].includes(code) ? code : 1000);

/** Relays frames both ways and closes each side when the other one goes. */
function bridge(client, upstream) {
  client.on('message', (data, isBinary) => upstream.send(data, { binary: isBinary }));
  upstream.on('message', (data, isBinary) => client.send(data, { binary: isBinary }));
  client.on('close', (code, reason) => upstream.close(safeCloseCode(code), reason));
  upstream.on('close', (code, reason) => client.close(safeCloseCode(code), reason));
  client.on('error', () => upstream.terminate());
  upstream.on('error', () => client.terminate());
}

function attachWebSocketProxy(server, { upstreamUrl, logger, newRequestId }) {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server.on('upgrade', (req, socket, head) => {
    const { pathname, search } = new URL(req.url, 'http://proxy');
    if (!pathname.startsWith(PREFIX)) {
      return rejectUpgrade(socket, 404, { reason: 'Not Found', code: 'not_found', message: '요청한 API를 찾을 수 없습니다.' });
    }
    const requestId = newRequestId(req);
    const target = `${upstreamUrl.replace(/^http/, 'ws')}/${pathname.slice(PREFIX.length)}${search}`;
    const upstream = new WebSocket(target, { headers: upstreamHeaders(req, requestId), family: 4, perMessageDeflate: false });
    let failed = false;
    const fail = (status, why) => {
      if (failed) return;
      failed = true;
      logger.warn('ws_upstream_failed', { request_id: requestId, target, status, error: why });
      rejectUpgrade(socket, status, {
        reason: status === 502 ? 'Bad Gateway' : 'Upstream Rejected',
        code: 'upstream_unavailable',
        message: 'AI 상담 서버에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.',
      });
    };
    let bridged = false;
    socket.once('close', () => bridged || upstream.terminate()); // the browser left mid-handshake
    upstream.once('unexpected-response', (request, response) => {
      fail(response.statusCode < 500 ? response.statusCode : 502, `upstream answered ${response.statusCode}`);
      request.destroy();
    });
    upstream.once('error', (err) => upstream.readyState !== WebSocket.OPEN && fail(502, String(err)));
    upstream.once('open', () => {
      logger.info('ws_open', { request_id: requestId, path: pathname });
      wss.handleUpgrade(req, socket, head, (client) => {
        bridged = true;
        bridge(client, upstream);
      });
    });
  });
  return wss;
}

module.exports = { attachWebSocketProxy };
