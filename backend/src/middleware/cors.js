'use strict';
/**
 * Cross-origin access for shops that embed the widget from another host: the origins in
 * CORS_ORIGINS get CORS answers (preflight, credentials, X-Session-ID allowed and exposed);
 * a request carrying any other Origin (not this host's own) is refused with 403 before it
 * reaches llm_server, so a foreign page cannot spend the shop's LLM even with "simple"
 * requests that skip the preflight. The `cors` package writes the headers.
 */
const cors = require('cors');
const { HttpError } = require('../errors');

const ALLOWED_HEADERS = ['Content-Type', 'X-Session-ID', 'X-Request-ID', 'Authorization'];
const EXPOSED_HEADERS = ['X-Session-ID', 'X-Request-ID', 'Retry-After'];

/** "https://a.shop, http://b.shop:8080/" -> normalised origins; throws on an entry that is not one. */
function parseOrigins(raw) {
  return String(raw || '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const url = new URL(entry);
      if (!/^https?:$/.test(url.protocol)) throw new Error(`CORS_ORIGINS: "${entry}" is not an http(s) origin`);
      return url.origin;
    });
}

function hostOf(origin) {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** (origin, host) -> true when the origin is allowlisted, absent, or the page is this host's own. */
function originPolicy(allowedOrigins) {
  const allowed = new Set(allowedOrigins);
  return (origin, host) => !origin || allowed.has(origin) || (Boolean(host) && hostOf(origin) === host);
}

function corsMiddleware({ corsOrigins }) {
  const allows = originPolicy(corsOrigins);
  const headers = cors({
    origin: corsOrigins,
    credentials: true,
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  return function corsGate(req, res, next) {
    if (!allows(req.get('origin'), req.host)) return next(new HttpError('origin_not_allowed'));
    return headers(req, res, next);
  };
}

module.exports = { corsMiddleware, parseOrigins, originPolicy };
