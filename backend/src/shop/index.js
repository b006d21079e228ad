'use strict';
/**
 * The shop's own API on its MongoDB (mounted at /api):
 *   GET    /orders/:orderNo?phone4=1234   an order, only with the orderer's phone's last 4 digits
 *                                          (service variant: POST /orders/lookup {orderNo, phone4})
 *   GET    /cart, POST /cart, DELETE /cart[?sku=&size=]   the shopper's cart (X-Session-ID or sid cookie)
 *   POST   /handoffs                       hand the conversation to a person
 *   /service/...                           the same for llm_server, acting for the session in
 *                                          X-Session-ID, with `Authorization: Bearer SHOP_API_TOKEN`
 */
const { createHash, timingSafeEqual } = require('node:crypto');
const express = require('express');
const { loadShopConfig } = require('./config');
const { openShopDb } = require('./db');
const { ShopError } = require('./errors');
const { createShopLimits } = require('./limits');
const { orderRoute, orderLookupRoute } = require('./orders');
const { cartRoutes } = require('./cart');
const { handoffRoute } = require('./handoffs');
const { sessionOf, shopperSession, actingSession } = require('./session');

const BODY_LIMIT = '256kb';

function jsonBody() {
  const parse = express.json({ limit: BODY_LIMIT });
  return (req, res, next) =>
    parse(req, res, (err) => next(err && err.type === 'entity.parse.failed' ? new ShopError('invalid_json') : err));
}

const digest = (text) => createHash('sha256').update(text).digest();

function requireServiceToken(token) {
  const expected = token ? digest(token) : null;
  return function checkServiceToken(req, res, next) {
    if (!expected) return next(new ShopError('shop_unavailable', '서비스 토큰(SHOP_API_TOKEN)이 설정되지 않았습니다.'));
    const given = /^Bearer (.+)$/.exec(req.get('authorization') || '')?.[1] || '';
    return next(timingSafeEqual(digest(given), expected) ? undefined : new ShopError('unauthorized'));
  };
}

function mountRoutes(router, { db, limits, whose, who, service }) {
  const json = jsonBody();
  const cart = cartRoutes({ db, sessionOf: whose });
  if (service) router.post('/orders/lookup', json, orderLookupRoute({ db, limits, who }));
  else router.get('/orders/:orderNo', orderRoute({ db, limits, who }));
  router.get('/cart', cart.get);
  router.post('/cart', json, cart.post);
  router.delete('/cart', cart.delete);
  router.post('/handoffs', json, handoffRoute({ db, limits, sessionOf: whose }));
  return router;
}

/** The router; `config.shop` (loadShopConfig) or else the process environment; `.close()` ends MongoDB. */
function createShopRouter(config = {}) {
  const shop = config.shop || loadShopConfig();
  const db = openShopDb(shop, shop.client);
  const limits = createShopLimits(shop);
  const service = express.Router();
  service.use(requireServiceToken(shop.serviceToken));
  mountRoutes(service, {
    db, limits, service: true, whose: actingSession, who: (req) => ({ sessionId: actingSession(req), ip: null }),
  });
  const router = express.Router();
  router.use('/service', service);
  mountRoutes(router, { db, limits, whose: shopperSession, who: (req) => ({ sessionId: sessionOf(req), ip: req.ip }) });
  router.close = db.close;
  return router;
}

module.exports = { createShopRouter, loadShopConfig };
