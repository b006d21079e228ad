'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startMongo, seedShop, connect } = require('./mongo');
const { startShop, json, service } = require('./shopServer');

let mongo;
let client;
let shop;
// BS-BL-0004 코튼 베이직 블라우스 (카멜): stock S 21, M 15, L 0, XL 16
const SKU = 'BS-BL-0004';

const cartUrl = (query = '') => `${shop.url}/api/cart${query}`;
const add = (sessionId, body) => fetch(cartUrl(), { method: 'POST', ...json(body, { 'x-session-id': sessionId }) });
const getCart = async (sessionId) => (await fetch(cartUrl(), { headers: { 'x-session-id': sessionId } })).json();

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

test('a first visit gets an empty cart and a sid cookie that keeps it', async () => {
  const res = await fetch(cartUrl());
  assert.equal(res.status, 200);
  assert.deepEqual((await res.json()).items, []);
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /^sid=s_[0-9a-f]{32};.*HttpOnly/i);
  const sid = cookie.split(';')[0];
  const added = await fetch(cartUrl(), { method: 'POST', ...json({ sku: SKU, size: 'M' }, { cookie: sid }) });
  assert.equal(added.status, 201);
  assert.equal(added.headers.get('set-cookie'), null, 'an existing sid is kept');
  const again = await (await fetch(cartUrl(), { headers: { cookie: sid } })).json();
  assert.deepEqual(again.items.map((i) => [i.sku, i.size, i.qty]), [[SKU, 'M', 1]]);
});

test('adding an in-stock size stores the line in MongoDB and answers the cart', async () => {
  const res = await add('sess-cart-1', { sku: SKU, size: 'm', qty: 2 });
  assert.equal(res.status, 201);
  const body = await res.json();
  assert.deepEqual(body.added, { sku: SKU, name: '코튼 베이직 블라우스 (카멜)', size: 'M', qty: 2, price: 48000, image: '/images/BS-BL-0004.jpg' });
  assert.equal(body.cart.count, 2);
  assert.equal(body.cart.total, 96000);
  await add('sess-cart-1', { sku: SKU, size: 'S' });
  const stored = await shop.db.collection('carts').findOne({ sessionId: 'sess-cart-1' });
  assert.deepEqual(stored.items.map((i) => [i.size, i.qty]), [['M', 2], ['S', 1]]);
  assert.ok(stored.updatedAt instanceof Date);
  assert.equal((await getCart('sess-cart-1')).count, 3);
});

test('a size out of stock is refused with the sizes in stock', async () => {
  const res = await add('sess-cart-2', { sku: SKU, size: 'L' });
  assert.equal(res.status, 409);
  const { error } = await res.json();
  assert.equal(error.code, 'size_unavailable');
  assert.deepEqual(error.sizes_in_stock, ['S', 'M', 'XL']);
  assert.match(error.message, /L 사이즈는 재고가 부족합니다\. 구매 가능한 사이즈: S, M, XL/);
  const unknown = await (await add('sess-cart-2', { sku: SKU, size: 'XXL' })).json();
  assert.match(unknown.error.message, /XXL 사이즈는 없는 사이즈입니다/);
  assert.equal(await shop.db.collection('carts').findOne({ sessionId: 'sess-cart-2' }), null);
});

test('the quantity in the cart may not exceed the stock of the size', async () => {
  // BS-CD-0001: L has 1 unit
  assert.equal((await add('sess-cart-3', { sku: 'BS-CD-0001', size: 'L' })).status, 201);
  assert.equal((await add('sess-cart-3', { sku: 'BS-CD-0001', size: 'L' })).status, 409);
  assert.equal((await getCart('sess-cart-3')).count, 1);
});

test('products not on sale and malformed items are refused', async () => {
  const cases = [
    [{ sku: 'BS-NOPE-0001', size: 'M' }, 404, 'product_not_found'],
    [{ sku: 'BS-BL-0008', size: 'M' }, 404, 'product_not_found'], // isDeleted
    [{ sku: 'BS-CT-0003', size: 'M' }, 404, 'product_not_found'], // inactive
    [{ sku: SKU }, 400, 'invalid_cart_item'],
    [{ sku: SKU, size: 'M', qty: 0 }, 400, 'invalid_cart_item'],
    [{ sku: SKU, size: 'M', qty: '2' }, 400, 'invalid_cart_item'],
    [{ sku: { $gt: '' }, size: 'M' }, 400, 'invalid_cart_item'],
  ];
  for (const [body, status, code] of cases) {
    const res = await add('sess-cart-4', body);
    assert.equal(res.status, status, JSON.stringify(body));
    assert.equal((await res.json()).error.code, code);
  }
  const bad = await fetch(cartUrl(), { method: 'POST', headers: { 'content-type': 'application/json', 'x-session-id': 'sess-cart-4' }, body: '{"sku":' });
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { error: { code: 'invalid_json', message: '요청 본문이 올바른 JSON이 아닙니다.' } });
});

test('DELETE removes one line, or the whole cart', async () => {
  await add('sess-cart-5', { sku: SKU, size: 'S' });
  await add('sess-cart-5', { sku: SKU, size: 'XL' });
  const del = (query) => fetch(cartUrl(query), { method: 'DELETE', headers: { 'x-session-id': 'sess-cart-5' } });
  const one = await (await del(`?sku=${SKU}&size=S`)).json();
  assert.deepEqual(one.items.map((i) => i.size), ['XL']);
  const missing = await del(`?sku=${SKU}&size=S`);
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).error.code, 'cart_item_not_found');
  assert.equal((await (await del('')).json()).count, 0);
});

test('llm_server adds to the shopper\'s cart through the service route', async () => {
  const res = await fetch(`${shop.url}/api/service/cart`, { method: 'POST', ...json({ sku: SKU, size: 'XL' }, service('w_shopper_0001')) });
  assert.equal(res.status, 201);
  const seen = await getCart('w_shopper_0001');
  assert.deepEqual(seen.items.map((i) => [i.sku, i.size]), [[SKU, 'XL']]);
  const anonymous = await fetch(`${shop.url}/api/service/cart`, { method: 'POST', ...json({ sku: SKU, size: 'XL' }, { 'x-session-id': 'w_shopper_0001' }) });
  assert.equal(anonymous.status, 401);
});
