'use strict';
/**
 * What the Express proxy costs: `node bench/proxy_overhead/run.js [--rounds 5] [--real-rounds 5] [--skip-real]`
 *   1. real llm_server: TTFT and total time, direct vs through the proxy, same questions, one run
 *   2. synthetic upstream: pure latency overhead (TTFT) and raw SSE throughput ratio
 *   3. 100 concurrent llm-paced streams through the proxy, counting errors
 * The proxy and the synthetic upstream run as separate processes, as in production.
 */
const os = require('node:os');
const { parseArgs } = require('node:util');
const { freePort } = require('../../backend/test/helpers');
const { startLlmServer, pythonMissing } = require('../../backend/test/llmServer');
const { startSyntheticUpstream, startProxyProcess } = require('./procs');
const { timedStream, drain } = require('./client');

const QUESTIONS = [
  '3만원 이하 반팔 티셔츠 있어요?',
  '여름에 입기 좋은 린넨 셔츠 추천해 주세요',
  '청바지 세탁은 어떻게 하나요?',
  '배송은 보통 며칠 걸려요?',
  '5만원 이하 검정 슬랙스 있나요?',
  '교환이나 반품은 어떻게 해요?',
  '오버핏 후드티 M 사이즈 재고 있어요?',
  '니트 보풀 안 생기게 관리하는 법 알려주세요',
];

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const stats = (values) => ({ p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), n: values.length });

/** Runs each case direct and proxied back to back, alternating which goes first. */
async function paired(cases, directUrl, proxyUrl, once) {
  const rows = [];
  for (const [i, item] of cases.entries()) {
    const order = i % 2 ? ['proxy', 'direct'] : ['direct', 'proxy'];
    const row = {};
    for (const side of order) row[side] = await once(side === 'direct' ? directUrl : proxyUrl, item);
    rows.push(row);
  }
  return rows;
}

function summarise(rows, metric) {
  const ok = rows.filter((r) => r.direct[metric] != null && r.proxy[metric] != null);
  return {
    direct: stats(ok.map((r) => r.direct[metric])),
    proxy: stats(ok.map((r) => r.proxy[metric])),
    overhead_ms: stats(ok.map((r) => r.proxy[metric] - r.direct[metric])),
  };
}

async function benchReal(rounds) {
  const skip = pythonMissing();
  if (skip) return { skipped: skip };
  const llm = await startLlmServer();
  const proxy = await startProxyProcess(`http://localhost:${llm.port}`, await freePort());
  try {
    let warm;
    for (const message of QUESTIONS) warm = await timedStream(`${llm.url}/chat/stream`, { body: { message } });
    const cases = Array.from({ length: rounds }, () => QUESTIONS).flat();
    const rows = await paired(cases, `${llm.url}/chat/stream`, `${proxy.url}/api/llm/chat/stream`, (url, message) =>
      timedStream(url, { body: { message } }),
    );
    const errors = rows.flatMap((r) => [r.direct, r.proxy]).filter((r) => r.error || !r.done);
    return {
      answer_mode: warm.answerMode,
      requests: rows.length * 2,
      errors: errors.length,
      first_byte: summarise(rows, 'firstByteMs'),
      ttft: summarise(rows, 'ttftMs'),
      total: summarise(rows, 'totalMs'),
    };
  } finally {
    await proxy.stop();
    await llm.stop();
  }
}

async function benchLatency(upstream, proxy, iterations) {
  const chat = { body: { message: QUESTIONS[0] } }; // a POST with a JSON body, like /chat/stream
  for (let i = 0; i < 50; i += 1) await timedStream(`${proxy.url}/api/llm/first`, chat); // warm-up
  const cases = Array.from({ length: iterations }, (_, i) => i);
  const cpuBefore = proxy.cpuMs();
  const rows = await paired(cases, `${upstream.url}/first`, `${proxy.url}/api/llm/first`, (url) => timedStream(url, chat));
  // CPU the proxy process burnt per request: unlike wall-clock latency, not inflated by a busy machine.
  const proxyCpuMsPerRequest = round((proxy.cpuMs() - cpuBefore) / iterations, 3);
  return { ...summarise(rows, 'ttftMs'), proxy_cpu_ms_per_request: proxyCpuMsPerRequest };
}

async function benchThroughput(upstream, proxy, rounds, events, frameBytes = 0) {
  const rates = { direct: [], proxy: [] };
  const cases = Array.from({ length: rounds + 1 }, (_, i) => i);
  const query = `events=${events}&frame_bytes=${frameBytes}`;
  await paired(cases, `${upstream.url}/flood?${query}`, `${proxy.url}/api/llm/flood?${query}`, async (url, i) => {
    const { bytes, ms } = await drain(url);
    if (i > 0) rates[url.includes('/api/llm/') ? 'proxy' : 'direct'].push(bytes / 1024 / 1024 / (ms / 1000));
  });
  const direct = percentile(rates.direct, 50);
  const proxied = percentile(rates.proxy, 50);
  return {
    frame: frameBytes ? `${frameBytes}-byte audio frames` : '47-byte token frames',
    events_per_stream: events,
    direct_mb_s: round(direct, 1),
    proxy_mb_s: round(proxied, 1),
    ratio: round(proxied / direct, 3),
    samples: { direct: rates.direct.map((r) => round(r, 1)), proxy: rates.proxy.map((r) => round(r, 1)) },
  };
}

async function concurrentStreams(url, streams) {
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: streams }, () => timedStream(url)));
  return { results, wallMs: performance.now() - started };
}

async function benchConcurrency(upstream, proxy, streams) {
  const query = 'tokens=50&interval_ms=20';
  const direct = await concurrentStreams(`${upstream.url}/paced?${query}`, streams);
  const cpuBefore = proxy.cpuMs();
  const { results, wallMs } = await concurrentStreams(`${proxy.url}/api/llm/paced?${query}`, streams);
  const proxyCpuMs = proxy.cpuMs() - cpuBefore;
  const failed = results.filter((r) => r.error || !r.done || r.tokens !== 50);
  return {
    streams,
    upstream_pacing: '50 tokens, one every 20 ms',
    errors: failed.length,
    first_error: failed[0]?.error || (failed[0] && `incomplete: ${failed[0].tokens} tokens`) || null,
    ttft_ms: stats(results.map((r) => r.ttftMs).filter((x) => x != null)),
    total_ms: stats(results.map((r) => r.totalMs).filter((x) => x != null)),
    wall_ms: round(wallMs, 0),
    proxy_cpu_ms: proxyCpuMs,
    direct_for_comparison: {
      errors: direct.results.filter((r) => r.error || !r.done || r.tokens !== 50).length,
      ttft_ms: stats(direct.results.map((r) => r.ttftMs).filter((x) => x != null)),
      total_ms: stats(direct.results.map((r) => r.totalMs).filter((x) => x != null)),
    },
  };
}

async function benchSynthetic(args) {
  const upstream = await startSyntheticUpstream();
  const proxy = await startProxyProcess(upstream.url, await freePort());
  try {
    return {
      latency_ttft: await benchLatency(upstream, proxy, Number(args.iterations)),
      throughput: await benchThroughput(upstream, proxy, Number(args.rounds), Number(args.events)),
      throughput_audio: await benchThroughput(upstream, proxy, Number(args.rounds), 2000, 16384),
      concurrency: await benchConcurrency(upstream, proxy, Number(args.streams)),
    };
  } finally {
    await proxy.stop();
    await upstream.stop();
  }
}

function verdict({ synthetic, real_llm_server: real }) {
  const checks = [
    [`synthetic p50 TTFT overhead ${synthetic.latency_ttft.overhead_ms.p50} ms <= 2`, synthetic.latency_ttft.overhead_ms.p50 <= 2],
    [`throughput ratio (tokens) ${synthetic.throughput.ratio} >= 0.95`, synthetic.throughput.ratio >= 0.95],
    [`throughput ratio (16 KB audio) ${synthetic.throughput_audio.ratio} >= 0.95`, synthetic.throughput_audio.ratio >= 0.95],
    [`${synthetic.concurrency.streams} concurrent streams, ${synthetic.concurrency.errors} errors`, synthetic.concurrency.errors === 0],
  ];
  if (real.ttft) {
    checks.push([`real llm_server p50 TTFT overhead ${real.ttft.overhead_ms.p50} ms <= 2`, real.ttft.overhead_ms.p50 <= 2]);
    checks.push([`real llm_server ${real.requests} requests, ${real.errors} errors`, real.errors === 0]);
  }
  return checks.map(([what, ok]) => `${ok ? 'MET    ' : 'NOT MET'} ${what}`).join('\n');
}

async function main() {
  const { values: args } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      iterations: { type: 'string', default: '300' },
      events: { type: 'string', default: '200000' },
      streams: { type: 'string', default: '100' },
      'real-rounds': { type: 'string', default: '5' },
      'skip-real': { type: 'boolean', default: false },
    },
  });
  const report = { node: process.version, cpus: os.cpus().length, started: new Date().toISOString(), loadavg_start: os.loadavg().map((x) => round(x, 1)) };
  report.synthetic = await benchSynthetic(args);
  report.real_llm_server = args['skip-real'] ? { skipped: '--skip-real' } : await benchReal(Number(args['real-rounds']));
  report.loadavg_end = os.loadavg().map((x) => round(x, 1));
  console.log(JSON.stringify(report, null, 2));
  console.error(verdict(report));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
