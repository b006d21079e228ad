'use strict';
/**
 * Request budgets per session and per client IP, shared by HTTP requests and WebSocket
 * messages (one chat turn costs one point whichever way it arrives).
 *
 * rate-limiter-flexible rather than our own counters: one maintained library covers both
 * transports and both stores. With REDIS_URL the counts live in Redis, so every proxy
 * replica (k8s scales the backend to 2-6) draws on the same budget; while Redis is
 * unreachable each replica falls back to its own in-memory counts (the limit stays on,
 * per replica) and never waits on Redis (no offline queue).
 */
const Redis = require('ioredis');
const { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } = require('rate-limiter-flexible');

const WINDOW_S = 60;
const REDIS_PREFIX = 'blankspace:ratelimit';

function buildLimiter({ points, keyPrefix, redis }) {
  if (!points) return null;
  const memory = new RateLimiterMemory({ points, duration: WINDOW_S, keyPrefix });
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis,
    points,
    duration: WINDOW_S,
    keyPrefix: `${REDIS_PREFIX}:${keyPrefix}`,
    insuranceLimiter: memory,
    rejectIfRedisNotReady: true,
  });
}

function connectRedis(url, logger) {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  let down = false;
  const markDown = (why) => {
    if (!down) logger.warn('rate_limit_store_down', { store: 'redis', error: why, fallback: 'memory' });
    down = true;
  };
  redis.on('error', (err) => markDown(err.code || err.message));
  redis.on('close', () => markDown('connection closed'));
  redis.on('ready', () => {
    (down ? logger.info : logger.debug)('rate_limit_store_up', { store: 'redis' });
    down = false;
  });
  return redis;
}

/** `{scope, retryAfterS}` when the budget is spent, null when the request may go on. */
async function spend(limiter, key, scope) {
  if (!limiter) return null;
  try {
    await limiter.consume(key);
    return null;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return { scope, retryAfterS: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
  }
}

/**
 * `perSession` / `perIp`: requests a minute (0 = that limit is off). A request without a
 * session id is counted under its IP in the per-session budget too.
 */
function createRateLimiter({ perSession, perIp, redisUrl, logger }) {
  const redis = redisUrl && (perSession || perIp) ? connectRedis(redisUrl, logger) : null;
  const bySession = buildLimiter({ points: perSession, keyPrefix: 'session', redis });
  const byIp = buildLimiter({ points: perIp, keyPrefix: 'ip', redis });
  return {
    store: redis ? 'redis' : 'memory',
    enabled: Boolean(bySession || byIp),
    async check({ sessionId, ip }) {
      try {
        return (await spend(byIp, ip, 'ip')) || (await spend(bySession, sessionId || `ip:${ip}`, 'session'));
      } catch (err) {
        // A store failure the fallback could not absorb: let the request through, say so.
        logger.warn('rate_limit_check_failed', { error: err.code || err.message });
        return null;
      }
    },
    close: () => (redis ? redis.quit().catch(() => redis.disconnect()) : Promise.resolve()),
  };
}

/** The limiter the settings ask for (RATE_LIMIT_PER_MIN, RATE_LIMIT_IP_PER_MIN, REDIS_URL). */
const limiterFor = (config, logger) =>
  createRateLimiter({ perSession: config.rateLimitPerMin, perIp: config.rateLimitIpPerMin, redisUrl: config.redisUrl, logger });

module.exports = { createRateLimiter, limiterFor, WINDOW_S };
