'use strict';
// The proxy's Prometheus series (prom-client) at GET /metrics: requests by route and status,
// upstream latency, open streams (SSE and WebSocket), aborts, rate-limit refusals.
const client = require('prom-client');

// Seconds, from a sub-millisecond local hop to a minute-long CPU generation.
const LATENCY_BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];
const ID_SEGMENT = /^(?:[0-9]+|[0-9a-f]{8,}|[0-9a-f-]{32,36})$/i;

/** `/api/llm/sessions/4f2c...` -> `/api/llm/sessions/:id`: bounded label values, whatever the path. */
function routeLabel(req, statusCode) {
  const pathname = String(req.originalUrl || req.url || '').split('?')[0];
  if (pathname === '/metrics') return '/metrics';
  if (!pathname.startsWith('/api/')) return '<static>';
  if (statusCode === 404) return '<unmatched>';
  return pathname
    .split('/')
    .slice(0, 6)
    .map((segment) => (ID_SEGMENT.test(segment) ? ':id' : segment))
    .join('/');
}

const NO_TRACK = { responded() {}, failed() {}, end() {} };

function defineSeries(registry, wsServers) {
  const registers = [registry];
  return {
    requests: new client.Counter({
      name: 'proxy_http_requests_total', help: 'Requests by route, method and status', labelNames: ['route', 'method', 'status'], registers,
    }),
    upstreamLatency: new client.Histogram({
      name: 'proxy_upstream_latency_seconds',
      help: 'Request forwarded to llm_server until its status line and headers arrived (for SSE: time to the stream opening)',
      labelNames: ['route', 'status'], buckets: LATENCY_BUCKETS, registers,
    }),
    upstreamDuration: new client.Histogram({
      name: 'proxy_upstream_duration_seconds',
      help: 'Request forwarded to llm_server until its body was fully relayed (whole answer for SSE)',
      labelNames: ['route', 'outcome'], buckets: LATENCY_BUCKETS, registers,
    }),
    openStreams: new client.Gauge({
      name: 'proxy_open_streams', help: 'SSE answers and WebSocket connections being relayed now', labelNames: ['kind'], registers,
      collect() {
        if (wsServers.length) this.set({ kind: 'ws' }, wsServers.reduce((sum, wss) => sum + wss.clients.size, 0));
      },
    }),
    aborts: new client.Counter({
      name: 'proxy_aborts_total',
      help: 'Relays cut short: client_gone (browser left), upstream_idle (timeout), upstream_error',
      labelNames: ['reason'], registers,
    }),
    rateLimited: new client.Counter({
      name: 'proxy_rate_limited_total', help: 'Requests and WebSocket messages refused by the rate limiter', labelNames: ['transport'], registers,
    }),
  };
}

/**
 * One registry per server (tests start many). `defaults` adds prom-client's process metrics
 * (CPU, memory, event-loop lag) under the proxy_ prefix.
 */
function createMetrics({ defaults = true } = {}) {
  const registry = new client.Registry();
  if (defaults) client.collectDefaultMetrics({ register: registry, prefix: 'proxy_' });
  const wsServers = [];
  const series = defineSeries(registry, wsServers);

  /** Counts each response once it is finished or abandoned; a 429 is a rate-limit refusal. */
  function middleware(req, res, next) {
    res.once('close', () => {
      const status = res.statusCode;
      series.requests.inc({ route: routeLabel(req, status), method: req.method, status: String(status) });
      if (status === 429) series.rateLimited.inc({ transport: 'http' });
    });
    next();
  }

  async function handler(req, res) {
    res.set('Content-Type', registry.contentType);
    res.end(await registry.metrics());
  }

  /** The life of one forwarded request, driven by proxy/forward.js. */
  function trackForward(req) {
    const started = process.hrtime.bigint();
    const route = routeLabel(req);
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    let stream = false;
    let outcome = 'completed';
    return {
      responded(upstream) {
        series.upstreamLatency.observe({ route, status: String(upstream.status) }, seconds());
        stream = String(upstream.headers.get('content-type')).startsWith('text/event-stream');
        if (stream) series.openStreams.inc({ kind: 'sse' });
      },
      failed(reason) {
        outcome = 'aborted';
        series.aborts.inc({ reason: ['client_gone', 'upstream_idle'].includes(reason) ? reason : 'upstream_error' });
      },
      end() {
        if (stream) series.openStreams.dec({ kind: 'sse' });
        series.upstreamDuration.observe({ route, outcome }, seconds());
      },
    };
  }

  /** Open WebSocket connections of the bridge (proxy/websocket.js's WebSocketServer), read at scrape time. */
  function trackWebSockets(wss) {
    if (wss && wss.clients) wsServers.push(wss);
    return wss;
  }

  /** The same limiter, counting the refusals it hands out (the WebSocket bridge's are not HTTP 429s). */
  function countRefusals(limiter, transport) {
    if (!limiter || typeof limiter.check !== 'function') return limiter;
    return {
      ...limiter,
      async check(keys) {
        const verdict = await limiter.check(keys);
        if (verdict) series.rateLimited.inc({ transport });
        return verdict;
      },
    };
  }

  return { registry, series, middleware, handler, trackForward, trackWebSockets, countRefusals };
}

/** forward.js uses this when the app was built without metrics (unit tests of the forwarder). */
const trackForward = (config, req) => (config.metrics ? config.metrics.trackForward(req) : NO_TRACK);

module.exports = { createMetrics, routeLabel, trackForward, LATENCY_BUCKETS };
