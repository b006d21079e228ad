'use strict';
/**
 * Budgets against enumeration: order lookups per session and per client IP over a window
 * (rate-limiter-flexible, the limiter library the backend already uses), handoffs per session.
 * Service calls from llm_server all come from one IP, so only their session budget applies.
 */
const { RateLimiterMemory, RateLimiterRes } = require('rate-limiter-flexible');
const { ShopError } = require('./errors');

function limiter(points, duration, keyPrefix) {
  return points ? new RateLimiterMemory({ points, duration, keyPrefix }) : null;
}

async function spend(budget, key) {
  if (!budget) return;
  try {
    await budget.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new ShopError('rate_limited', `요청이 너무 많습니다. ${retryAfter}초 후에 다시 시도해 주세요.`, {
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
}

function createShopLimits({ orderLookups, handoffsPerSession }) {
  const { perSession, perIp, windowS } = orderLookups;
  const lookupsBySession = limiter(perSession, windowS, 'order-session');
  const lookupsByIp = limiter(perIp, windowS, 'order-ip');
  const handoffs = limiter(handoffsPerSession, windowS, 'handoff-session');
  return {
    /** One order lookup; `ip` null for service calls. Rejects with a 429 ShopError. */
    async orderLookup({ sessionId, ip }) {
      if (ip) await spend(lookupsByIp, ip);
      await spend(lookupsBySession, sessionId || `ip:${ip}`);
    },
    async handoff(sessionId) {
      await spend(handoffs, sessionId);
    },
  };
}

module.exports = { createShopLimits };
