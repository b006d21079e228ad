'use strict';
// The /api/llm/* forwarder: global fetch (undici) in, Express response out, chunk by chunk.
const { HttpError } = require('../errors');
const { upstreamRequestHeaders, copyResponseHeaders } = require('./headers');
const { hasBody, checkDeclaredLength, limitedBody } = require('./body');
const { createIdleTimer } = require('./idleTimer');
const { trackForward } = require('../metrics');

const IDLE = 'upstream_idle';
const CLIENT_GONE = 'client_gone';

function findCause(err, predicate) {
  for (let e = err; e; e = e.cause) if (predicate(e)) return e;
  return undefined;
}

// An upload cut by the browser can fail the fetch a tick before the response's 'close' event.
function clientGone(res) {
  return !res.socket || res.socket.destroyed;
}

/** Maps a failed fetch to the error the client should see (or null when nobody is listening). */
function classifyFailure(err, signal, res) {
  if (signal.reason === CLIENT_GONE || clientGone(res)) return null;
  if (signal.reason === IDLE) return new HttpError('upstream_timeout');
  const own = findCause(err, (e) => e instanceof HttpError);
  return own || new HttpError('upstream_unavailable', undefined, { cause: err });
}

function drained(res) {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function sseErrorFrame(error) {
  return `event: error\ndata: ${JSON.stringify({ code: error.code, message: error.message })}\n\n`;
}

/** Ends a response whose status line is already out: SSE gets an error frame, others are cut. */
function failStarted(res, error) {
  if (error && res.writable && String(res.getHeader('content-type')).startsWith('text/event-stream')) {
    res.end(sseErrorFrame(error));
  } else {
    res.destroy();
  }
}

function startResponse(upstream, res, config) {
  res.status(upstream.status);
  copyResponseHeaders(upstream, res);
  rewriteLocation(res, config.upstreamUrl, '/api/llm');
  if (String(upstream.headers.get('content-type')).startsWith('text/event-stream')) {
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('x-accel-buffering', 'no');
  }
  res.flushHeaders();
}

/** An upstream redirect to its own address must send the browser back through the proxy. */
function rewriteLocation(res, upstreamUrl, prefix) {
  const location = res.getHeader('location');
  if (typeof location !== 'string') return;
  if (location.startsWith(`${upstreamUrl}/`)) res.setHeader('location', prefix + location.slice(upstreamUrl.length));
  else if (location.startsWith('/')) res.setHeader('location', prefix + location);
}

async function pipeBody(body, res, idle) {
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    idle.reset();
    if (!res.write(value)) {
      idle.stop(); // a slow browser is not a silent upstream
      await drained(res);
      idle.reset();
    }
  }
}

function requestInit(req, config, controller, idle) {
  const init = {
    method: req.method,
    headers: upstreamRequestHeaders(req),
    signal: controller.signal,
    dispatcher: config.dispatcher,
    redirect: 'manual',
  };
  if (hasBody(req)) {
    init.body = limitedBody(req, config.maxUploadBytes, idle.reset);
    init.duplex = 'half';
  } else {
    delete init.headers['content-length'];
  }
  return init;
}

function createForwarder(config) {
  return async function forward(req, res) {
    checkDeclaredLength(req, config.maxUploadBytes);
    const track = trackForward(config, req);
    const controller = new AbortController();
    const idle = createIdleTimer(config.idleTimeoutMs, () => controller.abort(IDLE));
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(CLIENT_GONE);
    });
    try {
      const upstream = await fetch(config.upstreamUrl + req.url, requestInit(req, config, controller, idle));
      idle.reset();
      track.responded(upstream);
      startResponse(upstream, res, config);
      if (upstream.body) await pipeBody(upstream.body, res, idle);
      res.end();
    } catch (err) {
      track.failed(clientGone(res) ? CLIENT_GONE : controller.signal.reason);
      const error = classifyFailure(err, controller.signal, res);
      if (error && !res.headersSent) throw error;
      failStarted(res, error);
    } finally {
      idle.stop();
      track.end();
    }
  };
}

module.exports = { createForwarder, classifyFailure, IDLE, CLIENT_GONE };
