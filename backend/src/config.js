'use strict';
// Every setting is an environment variable; loadConfig() is pure so tests can pass their own env.
const path = require('node:path');
const { parseOrigins } = require('./middleware/cors');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

const DEFAULTS = {
  BACKEND_HOST: '127.0.0.1',
  BACKEND_PORT: '5000',
  LLM_API_URL: 'http://127.0.0.1:8001',
  UPSTREAM_IDLE_TIMEOUT_S: '120',
  MAX_UPLOAD_MB: '10',
  RATE_LIMIT_PER_MIN: '120',
  RATE_LIMIT_IP_PER_MIN: '600',
  CORS_ORIGINS: '',
  REDIS_URL: '',
  HEALTH_TIMEOUT_S: '3',
  TRUST_PROXY: 'false',
  FRONTEND_DIST: 'frontend/dist',
  LOG_LEVEL: 'info',
};

function readNumber(env, name, { min = 0 } = {}) {
  const raw = env[name] === undefined || env[name] === '' ? DEFAULTS[name] : env[name];
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`${name} must be a number >= ${min}, got "${raw}"`);
  }
  return value;
}

function readString(env, name) {
  const raw = env[name];
  return raw === undefined || raw === '' ? DEFAULTS[name] : raw;
}

// `localhost` may resolve to ::1 first while llm_server listens on 127.0.0.1 only.
function toIPv4Url(rawUrl) {
  const url = new URL(rawUrl);
  if (url.hostname === 'localhost') url.hostname = '127.0.0.1';
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString().replace(/\/+$/, '');
}

function readTrustProxy(env) {
  const raw = readString(env, 'TRUST_PROXY');
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function loadConfig(env = process.env) {
  return {
    host: readString(env, 'BACKEND_HOST'),
    port: readNumber(env, 'BACKEND_PORT'),
    upstreamUrl: toIPv4Url(readString(env, 'LLM_API_URL')),
    idleTimeoutMs: readNumber(env, 'UPSTREAM_IDLE_TIMEOUT_S') * 1000,
    maxUploadBytes: Math.floor(readNumber(env, 'MAX_UPLOAD_MB') * 1024 * 1024),
    rateLimitPerMin: Math.floor(readNumber(env, 'RATE_LIMIT_PER_MIN')),
    rateLimitIpPerMin: Math.floor(readNumber(env, 'RATE_LIMIT_IP_PER_MIN')),
    corsOrigins: parseOrigins(readString(env, 'CORS_ORIGINS')),
    redisUrl: readString(env, 'REDIS_URL'),
    healthTimeoutMs: readNumber(env, 'HEALTH_TIMEOUT_S') * 1000,
    trustProxy: readTrustProxy(env),
    // relative to the repository (as .env.example writes it), whatever the working directory
    frontendDist: path.resolve(REPO_ROOT, readString(env, 'FRONTEND_DIST')),
    logLevel: readString(env, 'LOG_LEVEL'),
  };
}

module.exports = { loadConfig, toIPv4Url, DEFAULTS };
