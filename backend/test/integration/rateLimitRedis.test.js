'use strict';
// REDIS_URL: proxy replicas share one budget through a real redis-server; with Redis stopped
// each replica keeps limiting on its own (no hang, no 500), and sharing resumes once it is back.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const net = require('node:net');
const { startUpstream, startProxy, freePort, delay, waitFor } = require('../helpers');

let redisPort;
let redis;
let upstream;

async function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end() && resolve(true));
    socket.on('error', () => resolve(false));
  });
}

async function startRedis() {
  redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const failed = new Promise((resolve, reject) => redis.once('error', reject));
  await Promise.race([failed, (async () => {
    const deadline = Date.now() + 5000;
    while (!(await portOpen(redisPort))) {
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await delay(20);
    }
  })()]);
}

async function stopRedis() {
  const exited = new Promise((resolve) => redis.once('exit', resolve));
  redis.kill('SIGKILL');
  await exited;
}

before(async () => {
  redisPort = await freePort();
  await startRedis();
  upstream = await startUpstream((req, res) => res.end('{}'));
});
after(async () => {
  await upstream.close();
  if (redis.exitCode === null) await stopRedis();
});

const storeUps = (proxy) => proxy.logs.filter((l) => l.event === 'rate_limit_store_up').length;

const statusOf = async (proxy, sessionId) => {
  const res = await fetch(`${proxy.url}/api/llm/x`, { headers: { 'x-session-id': sessionId } });
  await res.arrayBuffer();
  return res.status;
};

async function replicas(n) {
  const env = { LLM_API_URL: upstream.url, REDIS_URL: `redis://127.0.0.1:${redisPort}/0`, RATE_LIMIT_PER_MIN: '4', RATE_LIMIT_IP_PER_MIN: '0' };
  const proxies = [];
  for (let i = 0; i < n; i += 1) proxies.push(await startProxy(env));
  // ioredis connects in the background; wait until every replica's client is ready
  await waitFor(() => proxies.every((p) => storeUps(p) === 1), 5000, 'replicas connected to Redis');
  return proxies;
}

test('two replicas draw on one budget kept in Redis', async () => {
  const [a, b] = await replicas(2);
  try {
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push(await statusOf(i % 2 ? b : a, 'shared-session-1'));
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
  } finally {
    await a.close();
    await b.close();
  }
});

test('Redis stopped: each replica limits on its own without waiting; back up: shared again', async () => {
  const [a, b] = await replicas(2);
  try {
    await stopRedis();
    const started = Date.now();
    const whileDown = [];
    for (let i = 0; i < 10; i += 1) whileDown.push(await statusOf(i % 2 ? b : a, 'outage-session-1'));
    assert.ok(Date.now() - started < 2000, `10 requests took ${Date.now() - started} ms with Redis down`);
    // 4 per replica from memory: 8 pass, 2 refused
    assert.equal(whileDown.filter((s) => s === 200).length, 8);
    assert.equal(whileDown.filter((s) => s === 429).length, 2);
    assert.ok(a.logs.some((l) => l.event === 'rate_limit_store_down'));

    await startRedis();
    await waitFor(() => storeUps(a) === 2 && storeUps(b) === 2, 10000, 'replicas reconnected to Redis');
    const afterRecovery = [];
    for (let i = 0; i < 6; i += 1) afterRecovery.push(await statusOf(i % 2 ? b : a, 'recovered-session-1'));
    assert.deepEqual(afterRecovery, [200, 200, 200, 200, 429, 429]);
  } finally {
    await a.close();
    await b.close();
  }
});
