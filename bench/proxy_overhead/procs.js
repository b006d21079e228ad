'use strict';
// Child processes for the benchmark: the synthetic upstream and the real proxy (backend/src/server.js).
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { once } = require('node:events');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The child's first stdout line; the rest keeps draining so the child never blocks on a full pipe. */
function firstLine(child) {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      if (text.includes('\n')) return;
      text += chunk;
      if (text.includes('\n')) resolve(text.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before printing its first line`)));
  });
}

async function startSyntheticUpstream() {
  const child = track(spawn(process.execPath, [path.join(__dirname, 'synthetic_upstream.js')], { stdio: ['ignore', 'pipe', 'inherit'] }));
  const port = Number(await firstLine(child));
  return { url: `http://127.0.0.1:${port}`, stop: () => stop(child) };
}

/** Resolves once something answers HTTP on `url`. */
async function waitForHttp(url, child) {
  for (let tries = 0; tries < 200; tries += 1) {
    if (child.exitCode !== null) throw new Error(`proxy exited with ${child.exitCode}`);
    if (await fetch(url).then(() => true, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`proxy did not answer on ${url}`);
}

/**
 * The production entry point (or BENCH_PROXY_ENTRY, to compare a variant), unchanged, except no rate limit (one client IP sends thousands).
 * Its access log goes to /dev/null: still written, as in production, but a pipe to this process
 * would wake the measuring client on every log line.
 */
async function startProxyProcess(upstreamUrl, port) {
  const child = track(
    spawn(process.execPath, [process.env.BENCH_PROXY_ENTRY || path.join(REPO_ROOT, 'backend', 'src', 'server.js')], {
      env: { ...process.env, BACKEND_PORT: String(port), LLM_API_URL: upstreamUrl, RATE_LIMIT_PER_MIN: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/`, child);
  return { url, stop: () => stop(child), cpuMs: () => cpuMs(child.pid) };
}

/** user + system CPU time of a process so far, from /proc (Linux clock ticks of 10 ms). */
function cpuMs(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

// A crashed benchmark must not leave its child processes running.
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function stop(child) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

module.exports = { startSyntheticUpstream, startProxyProcess, REPO_ROOT };
