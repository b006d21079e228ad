// Starts the REAL stack for browser tests: llm_server (Python) + Express backend serving frontend/dist.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FRONTEND_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_ROOT = path.resolve(FRONTEND_DIR, '..');
export const RESULTS_DIR = path.join(FRONTEND_DIR, 'test-results');
const LOG_DIR = path.join(RESULTS_DIR, 'logs');
const PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
const READY_TIMEOUT_MS = Number(process.env.E2E_READY_TIMEOUT_S ?? 180) * 1000;

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, lines = 40) {
  try {
    const useful = readFileSync(file, 'utf8').split('\n').filter((line) => !line.includes('/health/ready'));
    return useful.slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** A child process in its own process group, logging to test-results/logs/<name>.log. */
function launch(name, command, args, env) {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { name, child, logFile };
}

async function stopProcess({ child }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const exited = await Promise.race([child.exited.then(() => true), sleep(15000).then(() => false)]);
  if (!exited) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Polls `url` until it answers 200; fails early, with the log tail, if the process dies. */
async function waitUntilReady(proc, url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${proc.name} exited (${proc.child.exitCode ?? proc.child.signalCode}) before ready:\n${tail(proc.logFile)}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
      last = `${response.status} ${(await response.text()).slice(0, 500)}`;
    } catch (error) {
      last = String(error?.cause?.code ?? error);
    }
    await sleep(1000);
  }
  throw new Error(`${proc.name} not ready at ${url} after ${timeoutMs / 1000}s (last: ${last}):\n${tail(proc.logFile)}`);
}

/**
 * Starts llm_server (temp Chroma, demo data, in-process sessions) and the Express backend.
 * `llmEnv` adds llm_server settings, e.g. { ANSWER_MODE: 'generate' }; `backendEnv` the backend's.
 */
export async function startStack({ name = 'stack', llmEnv = {}, backendEnv = {} } = {}) {
  if (!existsSync(PYTHON)) throw new Error(`missing ${PYTHON}: run scripts/install.sh`);
  const dist = path.join(FRONTEND_DIR, 'dist');
  if (!existsSync(path.join(dist, 'widget.js'))) throw new Error('frontend/dist/widget.js missing: run `npm run build`');
  const tmp = mkdtempSync(path.join(os.tmpdir(), `bsw-e2e-${name}-`));
  const [llmPort, backendPort] = [await freePort(), await freePort()];
  const procs = [];
  const stack = {
    llmUrl: `http://127.0.0.1:${llmPort}`,
    url: `http://127.0.0.1:${backendPort}`,
    tmp,
    /** Simulates llm_server going down while the backend stays up. */
    async stopLlmServer() {
      await stopProcess(procs[0]);
    },
    async stop() {
      for (const proc of [...procs].reverse()) await stopProcess(proc);
      rmSync(tmp, { recursive: true, force: true });
    },
  };
  try {
    const llm = launch(`${name}-llm_server`, PYTHON, ['-m', 'llm_server'], {
      LLM_API_HOST: '127.0.0.1',
      LLM_API_PORT: String(llmPort),
      CHROMA_PATH: path.join(tmp, 'chroma'),
      LOAD_DEMO_DATA: 'true',
      REDIS_URL: '',
      ...llmEnv,
    });
    procs.push(llm);
    const backend = launch(`${name}-backend`, process.execPath, [path.join(REPO_ROOT, 'backend', 'src', 'server.js')], {
      BACKEND_HOST: '127.0.0.1',
      BACKEND_PORT: String(backendPort),
      LLM_API_URL: stack.llmUrl,
      FRONTEND_DIST: dist,
      RATE_LIMIT_PER_MIN: '1000',
      ...backendEnv,
    });
    procs.push(backend);
    await waitUntilReady(llm, `${stack.llmUrl}/health/ready`, READY_TIMEOUT_MS);
    await waitUntilReady(backend, `${stack.url}/`, 30000);
    return stack;
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

export async function streamStats(stack) {
  const response = await fetch(`${stack.llmUrl}/health/stats`);
  if (!response.ok) throw new Error(`/health/stats answered ${response.status}`);
  return (await response.json()).streams;
}
