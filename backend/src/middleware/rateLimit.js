'use strict';
const { HttpError } = require('../errors');

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute window per client IP. The whole table is dropped when the window
 * rolls over, so memory stays bounded by the clients seen in one minute.
 */
function rateLimit({ perMinute, now = Date.now }) {
  let windowStart = now();
  let counts = new Map();
  return function limitRate(req, res, next) {
    if (!perMinute) return next();
    const time = now();
    if (time - windowStart >= WINDOW_MS) {
      windowStart = time;
      counts = new Map();
    }
    const count = (counts.get(req.ip) || 0) + 1;
    counts.set(req.ip, count);
    if (count <= perMinute) return next();
    const retryAfter = Math.max(1, Math.ceil((windowStart + WINDOW_MS - time) / 1000));
    const message = `요청이 너무 많습니다. ${retryAfter}초 후에 다시 시도해 주세요.`;
    return next(new HttpError('rate_limited', message, { headers: { 'Retry-After': String(retryAfter) } }));
  };
}

module.exports = { rateLimit };
