'use strict';
// GET /api/health: the proxy itself plus llm_server's /health/ready in one answer.

async function probeUpstream(config) {
  const started = performance.now();
  try {
    const response = await fetch(`${config.upstreamUrl}/health/ready`, {
      signal: AbortSignal.timeout(config.healthTimeoutMs),
      dispatcher: config.dispatcher,
    });
    const body = await response.json().catch(() => null);
    return { ok: response.status === 200, http_status: response.status, ms: elapsed(started), body };
  } catch (err) {
    return { ok: false, http_status: null, ms: elapsed(started), error: String(err.cause?.code || err.name || err) };
  }
}

const elapsed = (started) => Math.round((performance.now() - started) * 10) / 10;

function healthRoute(config) {
  return async function health(req, res) {
    const upstream = await probeUpstream(config);
    res.status(upstream.ok ? 200 : 503).json({
      status: upstream.ok ? 'ok' : 'degraded',
      proxy: { status: 'ok', uptime_s: Math.round(process.uptime()), upstream_url: config.upstreamUrl },
      upstream,
    });
  };
}

module.exports = { healthRoute };
