'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startMongo, seedShop, connect, readJson } = require('./mongo');
const { startShop, service, json } = require('./shopServer');
const { freePort } = require('../helpers');

let mongo;
let client;
let shop;
const orders = readJson('orders.json');
const shipped = orders.find((o) => o.status === '배송중');
const cancelled = orders.find((o) => o.status === '취소');
const last4 = (order) => order.phone.slice(-4);
const wrong4 = (order) => String((Number(last4(order)) + 1) % 10000).padStart(4, '0');
const lookup = (server, orderNo, phone4, headers = {}) =>
  fetch(`${server.url}/api/orders/${encodeURIComponent(orderNo)}?phone4=${phone4}`, { headers });

before(async () => {
  mongo = await startMongo();
  client = await connect(mongo.uri);
  shop = await startShop(mongo, client, {}, { seed: seedShop });
});
after(async () => {
  await shop?.close();
  await client?.close();
  await mongo?.stop();
});

test('the right order number and phone digits give the order with its steps', async () => {
  const res = await lookup(shop, shipped.orderNo, last4(shipped), { 'x-session-id': 'sess-orders-1' });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const body = await res.json();
  assert.equal(body.orderNo, shipped.orderNo);
  assert.equal(body.status, '배송중');
  assert.equal(body.courier, shipped.courier);
  assert.equal(body.trackingNo, shipped.trackingNo);
  assert.equal(body.total, shipped.total);
  assert.deepEqual(body.items, shipped.items);
  assert.equal(body.lastChange.status, '배송중');
  assert.equal(Date.parse(body.lastChange.at), Date.parse(shipped.history.at(-1).at));
  assert.deepEqual(body.steps.map((s) => [s.status, s.done, s.current]), [
    ['결제완료', true, false], ['상품준비중', true, false], ['배송중', true, true], ['배송완료', false, false],
  ]);
  assert.equal(body.steps[3].at, null);
  assert.equal(body.phone, undefined, 'the phone number never leaves the shop');
  assert.equal(body.ordererName, `${shipped.ordererName[0]}**`);
});

test('a cancelled order lists the steps it went through, ending in 취소', async () => {
  const body = await (await lookup(shop, cancelled.orderNo, last4(cancelled), { 'x-session-id': 'sess-orders-2' })).json();
  assert.equal(body.status, '취소');
  assert.deepEqual(body.steps.map((s) => s.status), cancelled.history.map((h) => h.status));
  assert.equal(body.steps.at(-1).current, true);
});

test('a wrong phone and a wrong order number give the same 404', async () => {
  const wrongPhone = await lookup(shop, shipped.orderNo, wrong4(shipped), { 'x-session-id': 'sess-orders-3' });
  const wrongNumber = await lookup(shop, '20990101-9999', last4(shipped), { 'x-session-id': 'sess-orders-3' });
  assert.equal(wrongPhone.status, 404);
  assert.equal(wrongNumber.status, 404);
  const [a, b] = [await wrongPhone.json(), await wrongNumber.json()];
  assert.deepEqual(a, b);
  assert.equal(a.error.code, 'order_not_found');
  assert.match(a.error.message, /주문/);
});

test('phone4 must be four digits; the order number must look like one', async () => {
  for (const [orderNo, phone4] of [[shipped.orderNo, '12'], [shipped.orderNo, 'abcd'], [shipped.orderNo, ''], ['x', '1234']]) {
    const res = await lookup(shop, orderNo, phone4, { 'x-session-id': 'sess-orders-4' });
    assert.equal(res.status, 400, `${orderNo} ${phone4}`);
    assert.equal((await res.json()).error.code, 'invalid_order_query');
  }
});

test('the request log carries neither the order number nor the phone digits', async () => {
  await lookup(shop, shipped.orderNo, last4(shipped), { 'x-session-id': 'sess-orders-5' });
  await new Promise((resolve) => setImmediate(resolve));
  const text = JSON.stringify(shop.logs);
  assert.ok(shop.logs.some((line) => line.event === 'request' && line.path === '/api/orders/:orderNo'), text);
  assert.ok(!text.includes(shipped.orderNo) && !text.includes(`phone4=${last4(shipped)}`), text);
});

test('lookups are limited per session and per IP (429 with Retry-After)', async () => {
  const limited = await startShop(mongo, client, { ORDER_LOOKUPS_PER_SESSION: '3', ORDER_LOOKUPS_PER_IP: '5' }, { seed: seedShop });
  try {
    const codes = [];
    for (let i = 0; i < 4; i += 1) codes.push((await lookup(limited, shipped.orderNo, wrong4(shipped), { 'x-session-id': 'sess-enum-1' })).status);
    assert.deepEqual(codes, [404, 404, 404, 429]);
    // a fresh session from the same IP has its own budget until the IP's runs out
    const other = await lookup(limited, shipped.orderNo, last4(shipped), { 'x-session-id': 'sess-enum-2' });
    assert.equal(other.status, 200);
    const [, , , ipLimited] = await Promise.all([1, 2, 3, 4].map((i) => lookup(limited, shipped.orderNo, last4(shipped), { 'x-session-id': `sess-enum-x${i}` })));
    assert.equal(ipLimited.status, 429);
    assert.ok(Number(ipLimited.headers.get('retry-after')) >= 1);
    assert.equal((await ipLimited.json()).error.code, 'rate_limited');
  } finally {
    await limited.close();
  }
});

test('the service lookup (POST, nothing private in the URL) needs the token and the session it acts for', async () => {
  const url = `${shop.url}/api/service/orders/lookup`;
  const body = { orderNo: shipped.orderNo, phone4: last4(shipped) };
  const post = (headers, payload = body) => fetch(url, { method: 'POST', ...json(payload, headers) });
  assert.equal((await post({})).status, 401);
  assert.equal((await post(service('sess-svc-1', 'wrong-token'))).status, 401);
  const noSession = await post(service(null));
  assert.equal(noSession.status, 400);
  assert.equal((await noSession.json()).error.code, 'invalid_session_id');
  const ok = await post(service('sess-svc-1'));
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).trackingNo, shipped.trackingNo);
  const wrong = await post(service('sess-svc-1'), { ...body, phone4: wrong4(shipped) });
  assert.equal((await wrong.json()).error.code, 'order_not_found');
  const typed = await post(service('sess-svc-1'), { orderNo: shipped.orderNo, phone4: 5678 });
  assert.equal(typed.status, 400);
  assert.equal((await fetch(`${shop.url}/api/service/orders/${shipped.orderNo}?phone4=${last4(shipped)}`, { headers: service('sess-svc-1') })).status, 404);
});

test('the service route is off (503) while SHOP_API_TOKEN is unset', async () => {
  const off = await startShop(mongo, client, { SHOP_API_TOKEN: '' });
  try {
    const res = await fetch(`${off.url}/api/service/cart`, { headers: service('sess-svc-2') });
    assert.equal(res.status, 503);
    assert.match((await res.json()).error.message, /SHOP_API_TOKEN/);
  } finally {
    await off.close();
  }
});

test('MongoDB down is a 503 shop_unavailable, not a 500', async () => {
  const down = await startShop(mongo, client, { MONGO_URI: `mongodb://127.0.0.1:${await freePort()}`, MONGO_TIMEOUT_S: '0.5' });
  try {
    const res = await lookup(down, shipped.orderNo, last4(shipped), { 'x-session-id': 'sess-down-1' });
    assert.equal(res.status, 503);
    assert.equal((await res.json()).error.code, 'shop_unavailable');
  } finally {
    await down.close();
  }
});
