'use strict';
// GET /api/orders/:orderNo?phone4=1234 — an order only for whoever knows the orderer's phone.
const { timingSafeEqual } = require('node:crypto');
const { ShopError } = require('./errors');
const { guarded } = require('./db');

const ORDER_NO = /^[A-Za-z0-9-]{4,40}$/;
const PHONE4 = /^\d{4}$/;
const FLOW = ['결제완료', '상품준비중', '배송중', '배송완료'];
const CANCELLED = '취소';
const NO_PHONE = Buffer.from('\0\0\0\0');

function parseQuery(orderNo, phone4) {
  if (typeof orderNo !== 'string' || typeof phone4 !== 'string' || !ORDER_NO.test(orderNo) || !PHONE4.test(phone4)) throw new ShopError('invalid_order_query');
  return { orderNo, phone4 };
}

/** Constant-time: a missing order costs the same comparison as a wrong phone. */
function phoneMatches(order, phone4) {
  const digits = String(order?.phone || '').replace(/\D/g, '');
  const stored = digits.length >= 4 ? Buffer.from(digits.slice(-4)) : NO_PHONE;
  return timingSafeEqual(stored, Buffer.from(phone4)) && Boolean(order);
}

const iso = (value) => (value instanceof Date ? value.toISOString() : value ?? null);

function orderSteps(order) {
  const history = (order.history || []).map((h) => ({ status: h.status, at: iso(h.at) }));
  if (order.status === CANCELLED) return history.map((h, i) => ({ ...h, done: true, current: i === history.length - 1 }));
  const reached = FLOW.indexOf(order.status);
  return FLOW.map((status, i) => ({
    status,
    at: history.findLast((h) => h.status === status)?.at ?? null,
    done: i <= reached,
    current: i === reached,
  }));
}

/** Masks all but the first letter of the orderer's name: 김민수 -> 김**. */
const maskName = (name) => (name ? name[0] + '*'.repeat(Math.max(1, [...name].length - 1)) : null);

function orderView(order) {
  const history = (order.history || []).map((h) => ({ status: h.status, at: iso(h.at) }));
  return {
    orderNo: order.orderNo,
    status: order.status,
    items: (order.items || []).map(({ sku, name, size, qty, price }) => ({ sku, name, size, qty, price })),
    total: order.total,
    courier: order.courier ?? null,
    trackingNo: order.trackingNo ?? null,
    history,
    lastChange: history.at(-1) ?? null,
    steps: orderSteps(order),
    ordererName: maskName(order.ordererName),
    createdAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
  };
}

async function findOrder(db, orderNo, phone4) {
  const order = await guarded(() => db.collection('orders').findOne({ orderNo }, { projection: { _id: 0 } }));
  if (!phoneMatches(order, phone4)) throw new ShopError('order_not_found');
  return orderView(order);
}

async function lookup({ db, limits, who }, req, orderNo, phone4) {
  const query = parseQuery(orderNo, phone4);
  await limits.orderLookup(who(req));
  return findOrder(db, query.orderNo, query.phone4);
}

/** GET /orders/:orderNo?phone4= for shoppers; `who(req)` says whose lookup budget it spends. */
function orderRoute(deps) {
  return async function getOrder(req, res) {
    req.originalUrl = `${req.baseUrl}/orders/:orderNo`; // the request log must not carry the order number or digits
    res.set('Cache-Control', 'no-store').json(await lookup(deps, req, req.params.orderNo, req.query.phone4));
  };
}

/** POST /orders/lookup {orderNo, phone4} for llm_server: nothing private in a URL its HTTP client logs. */
function orderLookupRoute(deps) {
  return async function postLookup(req, res) {
    res.set('Cache-Control', 'no-store').json(await lookup(deps, req, req.body?.orderNo, req.body?.phone4));
  };
}

module.exports = { orderRoute, orderLookupRoute, orderView, orderSteps, parseQuery, phoneMatches };
