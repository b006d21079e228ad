'use strict';
// The real backend app with the shop API on a real nx-27017 holding the demo data.
const http = require('node:http');
const { loadConfig } = require('../../src/config');
const { createApp } = require('../../src/app');
const { createLogger } = require('../../src/logger');
const { loadShopConfig } = require('../../src/shop/config');
const { listen, closer } = require('../helpers');

let dbCount = 0;
const TOKEN = 'test-service-token-0123456789';

/** `env` adds shop settings (e.g. ORDER_LOOKUPS_PER_SESSION); a fresh database per server. */
async function startShop(mongo, client, env = {}, { seed } = {}) {
  const dbName = `shop_${process.pid}_${++dbCount}`;
  if (seed) await seed(client, dbName);
  const lines = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
  const shopEnv = { MONGO_URI: mongo.uri, MONGO_DB: dbName, SHOP_API_TOKEN: TOKEN, MONGO_TIMEOUT_S: '2', ...env };
  const shop = { ...loadShopConfig(shopEnv), client: env.MONGO_URI ? undefined : client };
  const config = { ...loadConfig({ RATE_LIMIT_PER_MIN: '0', RATE_LIMIT_IP_PER_MIN: '0' }), logger, shop };
  const app = createApp(config);
  const server = http.createServer(app);
  const port = await listen(server);
  const closeServer = closer(server);
  const close = async () => {
    await closeServer();
    await app.close();
  };
  return { url: `http://127.0.0.1:${port}`, db: client.db(dbName), logs: lines, close };
}

const json = (body, headers = {}) => ({
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const service = (sessionId, token = TOKEN) => ({ authorization: `Bearer ${token}`, ...(sessionId ? { 'x-session-id': sessionId } : {}) });

module.exports = { startShop, json, service, TOKEN };
