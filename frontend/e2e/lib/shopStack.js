// The REAL stack with the shop's own data path for browser tests: nx-27017 (MongoDB wire
// server) seeded by `embedding-pipeline seed-mongo`, llm_server acting on the backend's shop
// API (SHOP_API_URL + SHOP_API_TOKEN), and the Express backend on that MongoDB.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FRONTEND_DIR, REPO_ROOT, RESULTS_DIR, freePort } from './stack.js';

const VENV = path.join(REPO_ROOT, '.venv', 'bin');
const LOG_DIR = path.join(RESULTS_DIR, 'logs');
const READY_TIMEOUT_MS = Number(process.env.E2E_READY_TIMEOUT_S ?? 180) * 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function launch(name, command, args, env) {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.exited = new Promise((resolve) => child.on('exit', resolve));
  return { name, child, logFile };
}

async function stop({ child }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  if (!(await Promise.race([child.exited.then(() => true), sleep(15000).then(() => false)]))) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

const tail = (file) => {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((l) => !l.includes('/health/ready')).slice(-40).join('\n');
  } catch {
    return '(no log)';
  }
};

const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(() => resolve(true)));
    socket.on('error', () => resolve(false));
  });

async function waitUntil(proc, check, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited before ${what}:\n${tail(proc.logFile)}`);
    if (await check().catch(() => false)) return;
    await sleep(500);
  }
  throw new Error(`${proc.name}: ${what} not reached after ${timeoutMs / 1000}s:\n${tail(proc.logFile)}`);
}

const answers200 = (url) => async () => (await fetch(url, { signal: AbortSignal.timeout(5000) })).ok;

export async function startShopStack({ name = 'shop', llmEnv = {} } = {}) {
  for (const binary of ['python', 'nx-27017', 'embedding-pipeline']) {
    if (!existsSync(path.join(VENV, binary))) throw new Error(`missing .venv/bin/${binary}: run scripts/install.sh`);
  }
  if (!existsSync(path.join(FRONTEND_DIR, 'dist', 'widget.js'))) throw new Error('frontend/dist/widget.js missing: run `npm run build`');
  const tmp = mkdtempSync(path.join(os.tmpdir(), `bsw-e2e-${name}-`));
  const [mongoPort, llmPort, backendPort] = [await freePort(), await freePort(), await freePort()];
  const mongo = { MONGO_URI: `mongodb://127.0.0.1:${mongoPort}`, MONGO_DB: 'blankspace' };
  const token = randomBytes(24).toString('hex');
  const procs = [];
  const stack = {
    url: `http://127.0.0.1:${backendPort}`,
    llmUrl: `http://127.0.0.1:${llmPort}`,
    mongo,
    async stop() {
      for (const proc of [...procs].reverse()) await stop(proc);
      rmSync(tmp, { recursive: true, force: true });
    },
  };
  try {
    const nx = launch(`${name}-mongo`, path.join(VENV, 'nx-27017'), ['--db', 'memory', '--host', '127.0.0.1', '-p', String(mongoPort), '--log-file', path.join(tmp, 'nx.log'), '--pid-file', path.join(tmp, 'nx.pid')], {});
    procs.push(nx);
    await waitUntil(nx, () => portOpen(mongoPort), 'MongoDB port', 30000);
    execFileSync(path.join(VENV, 'embedding-pipeline'), ['seed-mongo'], { cwd: REPO_ROOT, env: { ...process.env, ...mongo }, stdio: 'pipe' });
    const llm = launch(`${name}-llm_server`, path.join(VENV, 'python'), ['-m', 'llm_server'], {
      LLM_API_HOST: '127.0.0.1',
      LLM_API_PORT: String(llmPort),
      CHROMA_PATH: path.join(tmp, 'chroma'),
      LOAD_DEMO_DATA: 'true',
      REDIS_URL: '',
      VOICE_ENABLED: 'false',
      SHOP_API_URL: stack.url,
      SHOP_API_TOKEN: token,
      ...llmEnv,
    });
    procs.push(llm);
    const backend = launch(`${name}-backend`, process.execPath, [path.join(REPO_ROOT, 'backend', 'src', 'server.js')], {
      BACKEND_HOST: '127.0.0.1',
      BACKEND_PORT: String(backendPort),
      LLM_API_URL: stack.llmUrl,
      FRONTEND_DIST: path.join(FRONTEND_DIR, 'dist'),
      RATE_LIMIT_PER_MIN: '1000',
      SHOP_API_TOKEN: token,
      ...mongo,
    });
    procs.push(backend);
    await waitUntil(llm, answers200(`${stack.llmUrl}/health/ready`), '/health/ready', READY_TIMEOUT_MS);
    await waitUntil(backend, answers200(`${stack.url}/api/cart`), 'GET /api/cart', 30000);
    return stack;
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/** Documents of a collection in the stack's MongoDB, read with the official driver. */
export async function findInMongo(stack, collection, filter = {}) {
  const { MongoClient } = createRequire(path.join(REPO_ROOT, 'backend', 'package.json'))('mongodb');
  const client = await new MongoClient(stack.mongo.MONGO_URI, { serverSelectionTimeoutMS: 5000 }).connect();
  try {
    return await client.db(stack.mongo.MONGO_DB).collection(collection).find(filter).toArray();
  } finally {
    await client.close();
  }
}
