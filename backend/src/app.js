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

// A browser opening a missing page (a product link from the chat: the demo shop has no product
// pages) gets a Korean page with a way back, not the JSON error body.
const NOT_FOUND_PAGE = `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>페이지를 찾을 수 없어요 — BLANKSPACE</title></head>
<body style="font-family: sans-serif; text-align: center; padding: 64px 16px">
<h1>페이지를 찾을 수 없어요</h1>
<p>없는 페이지이거나 주소가 바뀌었어요. 데모 쇼핑몰에는 상품 상세 페이지가 없어요.</p>
<p><a href="/">쇼핑몰로 돌아가기</a></p>
</body></html>
`;

function pageNotFound(req, res, next) {
  if (req.method === 'GET' && req.accepts(['json', 'html']) === 'html') {
    res.status(404).type('html').send(NOT_FOUND_PAGE);
    return;
  }
  next(new HttpError('not_found', '요청한 페이지를 찾을 수 없습니다.'));
}

/**
 * The Express app: health, the /api/llm proxy, JSON 404 for other /api routes, the built
 * widget + demo shop page from frontend/dist. No compression middleware: it would buffer SSE.
 * `config` comes from loadConfig() plus `dispatcher` (undici Agent) and an optional `logger`.
 * `app.close()` ends the MongoDB clients the shop and admin routers opened themselves.
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
  const admin = createAdminRouter(config);
  const shop = createShopRouter(config);
  app.use(admin); // /admin page; /api/llm/admin/* only with Authorization
  app.use('/api/llm', rateLimit(config.rateLimiter || limiterFor(config, logger)), createForwarder(config));
  app.use('/api', shop);
  app.use('/api', notFound);
  app.use(express.static(config.frontendDist, { index: 'index.html', fallthrough: true }));
  app.use(pageNotFound);
  app.use(errorMiddleware(logger));
  // The routers' own MongoDB clients keep timers alive: whoever stops the server ends them.
  app.close = async () => {
    await Promise.allSettled([admin.close?.(), shop.close?.()]);
  };
  return app;
}

module.exports = { createApp };
