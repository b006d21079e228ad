'use strict';
// The shopper's cart (one document per session in `carts`), sizes checked against `products`.
const { ShopError } = require('./errors');
const { guarded } = require('./db');

const SKU = /^[A-Za-z0-9_-]{1,40}$/;
const SIZE = /^[A-Za-z0-9]{1,10}$/;
const MAX_QTY = 10;

function parseItem(body) {
  const { sku, size } = body || {};
  const qty = body?.qty === undefined ? 1 : body.qty;
  if (!SKU.test(sku || '') || !SIZE.test(String(size || '')) || !Number.isInteger(qty) || qty < 1 || qty > MAX_QTY) {
    throw new ShopError('invalid_cart_item');
  }
  return { sku, size: String(size).toUpperCase(), qty };
}

const sizesInStock = (product) =>
  Object.entries(product.stock || {})
    .filter(([, units]) => units > 0)
    .map(([size]) => size);

function sizeUnavailable(product, size) {
  const inStock = sizesInStock(product);
  const known = Object.hasOwn(product.stock || {}, size);
  const head = known ? `${size} 사이즈는 재고가 부족합니다.` : `${size} 사이즈는 없는 사이즈입니다.`;
  const tail = inStock.length ? ` 구매 가능한 사이즈: ${inStock.join(', ')}` : ' 현재 모든 사이즈가 품절입니다.';
  return new ShopError('size_unavailable', head + tail, { extra: { sizes_in_stock: inStock } });
}

function cartView(doc) {
  const items = doc?.items || [];
  return {
    items,
    count: items.reduce((sum, item) => sum + item.qty, 0),
    total: items.reduce((sum, item) => sum + item.qty * item.price, 0),
    updatedAt: doc?.updatedAt instanceof Date ? doc.updatedAt.toISOString() : null,
  };
}

async function onSale(db, sku) {
  const product = await guarded(() =>
    db.collection('products').findOne({ sku, status: 'active', isDeleted: { $ne: true } }, { projection: { _id: 0 } }),
  );
  if (!product) throw new ShopError('product_not_found');
  return product;
}

const readCart = (db, sessionId) => guarded(() => db.collection('carts').findOne({ sessionId }, { projection: { _id: 0 } }));

async function saveCart(db, sessionId, items, createdAt) {
  const now = new Date();
  const doc = { sessionId, items, createdAt: createdAt || now, updatedAt: now };
  await guarded(() => db.collection('carts').replaceOne({ sessionId }, doc, { upsert: true }));
  return doc;
}

/** Adds qty of sku/size; the total of that line may not exceed the size's stock. */
async function addItem(db, sessionId, item) {
  const product = await onSale(db, item.sku);
  const cart = await readCart(db, sessionId);
  const items = cart?.items ? [...cart.items] : [];
  const index = items.findIndex((line) => line.sku === item.sku && line.size === item.size);
  const qty = item.qty + (index >= 0 ? items[index].qty : 0);
  if (!((product.stock || {})[item.size] >= qty)) throw sizeUnavailable(product, item.size);
  const line = { sku: product.sku, name: product.name, size: item.size, qty, price: product.price, image: product.image?.[0] ?? null };
  if (index >= 0) items[index] = line;
  else items.push(line);
  return { cart: cartView(await saveCart(db, sessionId, items, cart?.createdAt)), added: line };
}

/** Removes one sku/size line, or every line when `sku` is absent. */
async function removeItems(db, sessionId, { sku, size }) {
  const cart = await readCart(db, sessionId);
  if (!sku) return cartView(await saveCart(db, sessionId, [], cart?.createdAt));
  const items = (cart?.items || []).filter((line) => !(line.sku === sku && (!size || line.size === String(size).toUpperCase())));
  if (items.length === (cart?.items || []).length) throw new ShopError('cart_item_not_found');
  return cartView(await saveCart(db, sessionId, items, cart?.createdAt));
}

/** GET/POST/DELETE handlers; `sessionOf(req, res)` says whose cart. */
function cartRoutes({ db, sessionOf }) {
  return {
    get: async (req, res) => res.set('Cache-Control', 'no-store').json(cartView(await readCart(db, sessionOf(req, res)))),
    post: async (req, res) => res.status(201).json(await addItem(db, sessionOf(req, res), parseItem(req.body))),
    delete: async (req, res) => res.json(await removeItems(db, sessionOf(req, res), req.query)),
  };
}

module.exports = { cartRoutes, parseItem, sizesInStock, cartView };
