'use strict';
// The shop API's settings (environment variables, read by loadShopConfig(env) like config.js does).

const DEFAULTS = {
  MONGO_URI: 'mongodb://127.0.0.1:27017',
  MONGO_DB: 'blankspace',
  MONGO_TIMEOUT_S: '5',
  SHOP_API_TOKEN: '',
  ORDER_LOOKUPS_PER_SESSION: '10',
  ORDER_LOOKUPS_PER_IP: '30',
  ORDER_LOOKUP_WINDOW_S: '600',
  HANDOFFS_PER_SESSION: '5',
};

function read(env, name) {
  const raw = env[name];
  return raw === undefined || raw === '' ? DEFAULTS[name] : raw;
}

function readCount(env, name) {
  const value = Number(read(env, name));
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be an integer >= 0, got "${env[name]}"`);
  return value;
}

function loadShopConfig(env = process.env) {
  return {
    mongoUri: read(env, 'MONGO_URI'),
    mongoDb: read(env, 'MONGO_DB'),
    mongoTimeoutMs: Math.max(1, Number(read(env, 'MONGO_TIMEOUT_S')) * 1000 || 5000),
    serviceToken: read(env, 'SHOP_API_TOKEN'),
    orderLookups: {
      perSession: readCount(env, 'ORDER_LOOKUPS_PER_SESSION'),
      perIp: readCount(env, 'ORDER_LOOKUPS_PER_IP'),
      windowS: Math.max(1, readCount(env, 'ORDER_LOOKUP_WINDOW_S')),
    },
    handoffsPerSession: readCount(env, 'HANDOFFS_PER_SESSION'),
  };
}

module.exports = { loadShopConfig, DEFAULTS };
