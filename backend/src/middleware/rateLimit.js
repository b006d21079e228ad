'use strict';
const { HttpError } = require('../errors');
const { sessionIdOf } = require('./clientKeys');

const rateLimitedMessage = (retryAfterS) => `요청이 너무 많습니다. ${retryAfterS}초 후에 다시 시도해 주세요.`;

/** 429 + Retry-After once the session's or the IP's budget (see limiter.js) is spent. */
function rateLimit(limiter) {
  return async function limitRate(req, res, next) {
    if (!limiter.enabled) return next();
    const verdict = await limiter.check({ sessionId: sessionIdOf(req.headers), ip: req.ip });
    if (!verdict) return next();
    const retryAfter = String(verdict.retryAfterS);
    return next(new HttpError('rate_limited', rateLimitedMessage(verdict.retryAfterS), { headers: { 'Retry-After': retryAfter } }));
  };
}

module.exports = { rateLimit, rateLimitedMessage };
