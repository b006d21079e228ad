'use strict';
const express = require('express');
const { HttpError, errorMiddleware } = require('./errors');
const { requestId } = require('./middleware/requestId');
const { rateLimit } = require('./middleware/rateLimit');
const { corsMiddleware } = require('./middleware/cors');
const { limiterFor } = require('./middleware/limiter');
const { createForwarder } = require('./proxy/forward');
const { healthRoute } = require('./health');
const { createShopRouter } = require('./shop');
const { createAdminRouter } = require('./admin');
const { createLogger } = require('./logger');
const { createMetrics } = require('./metrics');

function notFound(req, res, next) {
  next(new HttpError('not_found'));
}

function pageNotFound(req, res, next) {
  next(new HttpError('not_found', '요청한 페이지를 찾을 수 없습니다.'));
}

/**
 * The Express app: health, the /api/llm proxy, JSON 404 for other /api routes, the built
 * widget + demo shop page from frontend/dist. No compression middleware: it would buffer SSE.
 * `config` comes from loadConfig() plus `dispatcher` (undici Agent) and an optional `logger`.
 */
function createApp(appConfig) {
  const config = appConfig.metrics ? appConfig : { ...appConfig, metrics: createMetrics() };
  const logger = config.logger || createLogger({ level: config.logLevel });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(requestId(logger));
  app.use(config.metrics.middleware);
  app.get('/metrics', config.metrics.handler);
  app.use('/api', corsMiddleware(config));
  app.get('/api/health', healthRoute(config));
  app.use(createAdminRouter(config)); // /admin page; /api/llm/admin/* only with Authorization
  app.use('/api/llm', rateLimit(config.rateLimiter || limiterFor(config, logger)), createForwarder(config));
  app.use('/api', createShopRouter(config));
  app.use('/api', notFound);
  app.use(express.static(config.frontendDist, { index: 'index.html', fallthrough: true }));
  app.use(pageNotFound);
  app.use(errorMiddleware(logger));
  return app;
}

module.exports = { createApp };
