'use strict';
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { loadConfig } = require('./config');
const { createApp } = require('./app');
const { createLogger } = require('./logger');
const { createMetrics } = require('./metrics');
const { createDispatcher } = require('./proxy/dispatcher');
const { attachWebSocketProxy } = require('./proxy/websocket');
const { VALID_ID } = require('./middleware/requestId');
const { limiterFor } = require('./middleware/limiter');

const newRequestId = (req) => {
  const incoming = req.headers['x-request-id'];
  return incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
};

/** An http.Server (not yet listening) serving the app and the WebSocket proxy. */
function createServer(config) {
  const logger = config.logger || createLogger({ level: config.logLevel });
  const dispatcher = config.dispatcher || createDispatcher();
  const rateLimiter = limiterFor(config, logger);
  const metrics = config.metrics || createMetrics();
  const full = { ...config, logger, dispatcher, rateLimiter, metrics };
  const app = createApp(full);
  const server = http.createServer(app);
  const wsLimiter = metrics.countRefusals(rateLimiter, 'ws');
  metrics.trackWebSockets(attachWebSocketProxy(server, { ...full, rateLimiter: wsLimiter, newRequestId }));
  server.on('close', () => {
    dispatcher.close().catch(() => {});
    rateLimiter.close();
    app.close().catch(() => {});
  });
  return server;
}

function main() {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const server = createServer({ ...config, logger });
  server.listen(config.port, config.host, () => {
    logger.info('listening', { url: `http://${config.host}:${server.address().port}`, upstream: config.upstreamUrl });
  });
  const stop = () => {
    server.close();
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) main();

module.exports = { createServer };
