'use strict';
// Starts the REAL llm_server (docs/api.md "Starting it") for integration tests and benchmarks.
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freePort, delay } = require('./helpers');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
const READY_TIMEOUT_MS = 180_000;

const pythonMissing = () => (fs.existsSync(PYTHON) ? false : `${PYTHON} is missing: run \`make install\` first`);

async function waitUntilReady(url, child, output) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`llm_server exited with ${child.exitCode}:\n${output.text.slice(-3000)}`);
    const status = await fetch(`${url}/health/ready`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await delay(500);
  }
  throw new Error(`llm_server not ready after ${READY_TIMEOUT_MS / 1000}s:\n${output.text.slice(-3000)}`);
}

/** Spawns `.venv/bin/python -m llm_server` on a free port with a temp Chroma; resolves when ready. */
async function startLlmServer(env = {}) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-server-'));
  const child = spawn(PYTHON, ['-m', 'llm_server'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      LLM_API_HOST: '127.0.0.1',
      LLM_API_PORT: String(port),
      CHROMA_PATH: path.join(dir, 'chroma'),
      LOAD_DEMO_DATA: 'true',
      REDIS_URL: '',
      VOICE_ENABLED: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { text: '' };
  const append = (chunk) => {
    output.text += chunk;
  };
  child.stdout.setEncoding('utf8').on('data', append);
  child.stderr.setEncoding('utf8').on('data', append);
  const url = `http://127.0.0.1:${port}`;
  // If this test process dies without stop(), llm_server must not live on, eating the CPU.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await once(child, 'exit');
      clearTimeout(killer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, child, output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, output, stop, stats: () => fetch(`${url}/health/stats`).then((r) => r.json()) };
}

module.exports = { startLlmServer, pythonMissing, PYTHON, REPO_ROOT };
