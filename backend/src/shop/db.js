'use strict';
// The shop's MongoDB through the official driver. The client connects on first use, so the
// backend starts (and proxies chat) while MongoDB is still coming up.
const { MongoClient, MongoError } = require('mongodb');
const { ShopError } = require('./errors');

/** `{ collection(name), close() }` over `client` (or one built from the config). */
function openShopDb({ mongoUri, mongoDb, mongoTimeoutMs }, client = null) {
  let own = null;
  const current = () => {
    if (client) return client;
    own = own || new MongoClient(mongoUri, { serverSelectionTimeoutMS: mongoTimeoutMs, connectTimeoutMS: mongoTimeoutMs });
    return own;
  };
  return {
    collection: (name) => current().db(mongoDb).collection(name),
    close: async () => {
      if (own) await own.close();
      own = null;
    },
  };
}

/** Runs a driver call; an unreachable or failing MongoDB becomes a 503, not a 500. */
async function guarded(call) {
  try {
    return await call();
  } catch (err) {
    if (err instanceof MongoError || err?.name?.startsWith('Mongo')) {
      throw new ShopError('shop_unavailable', undefined, { cause: err });
    }
    throw err;
  }
}

module.exports = { openShopDb, guarded };
