'use strict';
// A real MongoDB wire server (nx-27017 from the project's .venv) for the shop tests, plus the
// demo data (data/products.json, data/orders.json) loaded through the official driver.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { MongoClient } = require('mongodb');
const { freePort, delay } = require('../helpers');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const NX = path.join(REPO_ROOT, '.venv', 'bin', 'nx-27017');

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(() => resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

/** Starts `nx-27017 --db memory` on a free port; fails (never skips) when it is missing. */
async function startMongo() {
  if (!fs.existsSync(NX)) throw new Error(`missing ${NX}: run scripts/install.sh (nx-27017 is a Python dependency)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-nx-'));
  const port = await freePort();
  const args = ['--db', 'memory', '--host', '127.0.0.1', '-p', String(port), '--log-file', path.join(dir, 'nx.log'), '--pid-file', path.join(dir, 'nx.pid')];
  const child = spawn(NX, args, { stdio: 'ignore' });
  const deadline = Date.now() + 30000;
  while (!(await portOpen(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nx-27017 did not start (log: ${dir}/nx.log)`);
    await delay(100);
  }
  const uri = `mongodb://127.0.0.1:${port}`;
  // SIGTERM, then SIGKILL after 5 s: a server that ignores the first must not hang the suite.
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { uri, port, stop };
}

const readJson = (name) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', name), 'utf8'));
const dated = (doc, keys) => Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, keys.includes(k) && v ? new Date(v) : v]));

function demoOrders() {
  return readJson('orders.json').map((order) => ({
    ...dated(order, ['createdAt', 'updatedAt']),
    history: order.history.map((step) => ({ ...step, at: new Date(step.at) })),
  }));
}

/** Loads the demo catalog and orders into `dbName` the way `embedding-pipeline seed-mongo` stores them. */
async function seedShop(client, dbName) {
  const db = client.db(dbName);
  await db.collection('products').insertMany(readJson('products.json').map((p) => dated(p, ['createdAt', 'updatedAt'])));
  await db.collection('orders').createIndex({ orderNo: 1 }, { unique: true });
  await db.collection('orders').insertMany(demoOrders());
  await db.collection('carts').createIndex({ sessionId: 1 }, { unique: true });
  return db;
}

const connect = (uri) => new MongoClient(uri, { serverSelectionTimeoutMS: 5000 }).connect();

module.exports = { startMongo, seedShop, connect, readJson, REPO_ROOT };
