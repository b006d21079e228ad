'use strict';
// WebSocket upgrades under /api/llm/ are bridged to llm_server (e.g. /api/llm/ws/chat -> /ws/chat).
// Browsers send no CORS preflight for WebSockets, so the Origin is checked here; every client
// message spends the same per-session / per-IP budget as an HTTP request (middleware/limiter.js).
const { WebSocket, WebSocketServer } = require('ws');
const { clientAddress } = require('./headers');
const { originPolicy } = require('../middleware/cors');
const { sessionIdOf, compileTrust, clientIp } = require('../middleware/clientKeys');
const { rateLimitedMessage } = require('../middleware/rateLimit');
const { MESSAGES } = require('../errors');

// A chat message is at most MAX_MESSAGE_CHARS (2000) characters: 64 KiB leaves room for JSON.
const MAX_FRAME_BYTES = 64 * 1024;
// Messages refused in a row before the socket is closed (1008 policy violation).
const MAX_REFUSED_IN_A_ROW = 20;
const CLOSE_POLICY = 1008;

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

function rejectUpgrade(socket, status, text, extraHeaders = {}) {
  if (!socket.writable) return socket.destroy();
  const body = JSON.stringify({ error: { code: text.code, message: text.message } });
  const extra = Object.entries(extraHeaders).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(
    `HTTP/1.1 ${status} ${text.reason}\r\nContent-Type: application/json; charset=utf-8\r\n${extra}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const safeCloseCode = (code) => (code >= 1000 && code <= 4999 && ![1005, 1006, 1015].includes(code) ? code : 1000);

const errorFrame = (code, message, extra = {}) => JSON.stringify({ event: 'error', data: { code, message, ...extra } });

/**
 * Client messages pass in order, each after the limiter allowed it; a refused one is answered
 * with an `event: error` frame (code rate_limited, retry_after_s) instead of reaching llm_server,
 * and a client that keeps sending into a spent budget is closed with 1008.
 */
function limitedRelay(client, upstream, admit) {
  let queue = Promise.resolve();
  let refusedInARow = 0;
  return (data, isBinary) => {
    queue = queue.then(async () => {
      const verdict = await admit();
      if (!verdict) {
        refusedInARow = 0;
        if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary: isBinary });
        return;
      }
      refusedInARow += 1;
      if (client.readyState !== WebSocket.OPEN) return;
      const message = rateLimitedMessage(verdict.retryAfterS);
      client.send(errorFrame('rate_limited', message, { retry_after_s: verdict.retryAfterS }));
      if (refusedInARow >= MAX_REFUSED_IN_A_ROW) client.close(CLOSE_POLICY, 'rate limited');
    });
  };
}

/** Relays frames both ways and closes each side when the other one goes. */
function bridge(client, upstream, admit) {
  client.on('message', limitedRelay(client, upstream, admit));
  upstream.on('message', (data, isBinary) => client.send(data, { binary: isBinary }));
  client.on('close', (code, reason) => upstream.close(safeCloseCode(code), reason));
  upstream.on('close', (code, reason) => client.close(safeCloseCode(code), reason));
  client.on('error', () => upstream.terminate());
  upstream.on('error', () => client.terminate());
}

/** Whom the limiter charges for this connection's handshake and each of its messages. */
function admitterFor(req, { rateLimiter, trustProxy }) {
  if (!rateLimiter || !rateLimiter.enabled) return async () => null;
  const keys = { sessionId: sessionIdOf(req.headers), ip: clientIp(req, compileTrust(trustProxy)) };
  return () => rateLimiter.check(keys);
}

function requestHost(req, trustProxy) {
  const forwarded = trustProxy && trustProxy !== 'false' ? req.headers['x-forwarded-host'] : undefined;
  return forwarded ? forwarded.split(',')[0].trim() : req.headers.host;
}

/** Refuses the handshake (404 / 403 / 429) and returns true, or returns false to go on. */
async function refuseUpgrade(req, socket, pathname, { allows, admit, trustProxy }) {
  if (!pathname.startsWith(PREFIX)) {
    rejectUpgrade(socket, 404, { reason: 'Not Found', code: 'not_found', message: MESSAGES.not_found });
    return true;
  }
  if (!allows(req.headers.origin, requestHost(req, trustProxy))) {
    rejectUpgrade(socket, 403, { reason: 'Forbidden', code: 'origin_not_allowed', message: MESSAGES.origin_not_allowed });
    return true;
  }
  const verdict = await admit();
  if (!verdict) return false;
  const text = { reason: 'Too Many Requests', code: 'rate_limited', message: rateLimitedMessage(verdict.retryAfterS) };
  rejectUpgrade(socket, 429, text, { 'Retry-After': verdict.retryAfterS });
  return true;
}

function attachWebSocketProxy(server, { upstreamUrl, logger, newRequestId, rateLimiter, trustProxy = false, corsOrigins = [] }) {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_FRAME_BYTES });
  const allows = originPolicy(corsOrigins);
  server.on('upgrade', async (req, socket, head) => {
    socket.on('error', () => {});
    const { pathname, search } = new URL(req.url, 'http://proxy');
    const admit = admitterFor(req, { rateLimiter, trustProxy });
    if (await refuseUpgrade(req, socket, pathname, { allows, admit, trustProxy })) return;
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
        bridge(client, upstream, admit);
      });
    });
  });
  return wss;
}

module.exports = { attachWebSocketProxy };
