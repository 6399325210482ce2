/**
 * What a connection costs Parley's server, next to a bare socket.io server in the same run (issue
 * 11, "lean connections"). Both run in child processes with the same transport options: the bare
 * one is bench/bare-socketio.ts (its `join` answers a snapshot of the same size as Parley's), and
 * Parley is bench/parley-server.ts (SQLite in a temporary DATA_DIR, the demo article). For each:
 *
 * 1. connect + join: READERS guest readers connect and join the article at a steady RATE per
 *    second; the server's CPU time (from /proc) from the first connection until all have joined,
 *    plus one second for what a join sets off (presence), divided by the readers;
 * 2. idle: with every reader connected and joined and the server quiet, its RSS and heap after a
 *    full garbage collection, less the same before the readers came, divided by the readers;
 * 3. signed-in connect + join (for information): SIGNED_IN more readers, each with an access token
 *    (users made in the store beforehand), the same way; the bare server ignores the token.
 *
 * Readers are raw WebSocket clients (engine.io + socket.io frames by hand: connect, join, answer
 * pings), so thousands of them cost this process little next to the servers it measures.
 *
 * Settings (environment): READERS (default 5000), RATE (readers per second, 250), SIGNED_IN (1000),
 * ROUNDS (2: Parley then bare, then bare then Parley, so neither always runs on the busier machine;
 * the figures are medians), CPU_PROF (a folder: both servers run with --cpu-prof and write their
 * profiles there). Run alone: `npx tsx bench/connections.ts`; RESULTS_DIR writes elsewhere.
 * Writes bench/results/connections.md and .json. Linux only (/proc).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { createTokenService } from '../server/auth/tokens.js';
import { openSqliteStore } from '../server/store/sqlite/index.js';
import { PROTOCOL_VERSION } from '../shared/events.js';
import { startBareSocketio } from './bare-socketio.js';
import { procStat } from './probes.js';
import type { BenchContext, BenchRow, BenchScenario } from './scenario.js';
import { startServerChild, type ServerChild } from './server-child.js';

const READERS = Number(process.env.READERS ?? 5000);
const RATE = Number(process.env.RATE ?? 250);
const SIGNED_IN = Number(process.env.SIGNED_IN ?? Math.min(1000, READERS));
const ROUNDS = Math.max(1, Number(process.env.ROUNDS ?? 2));
const TOKEN_SECRET = 'connections-bench-token-secret-0123456789';
const CPU_PROF = process.env.CPU_PROF;
const SLUG = 'pakistan-afghanistan-peace-talks';
const PARLEY_SERVER = fileURLToPath(new URL('./parley-server.ts', import.meta.url));
/** Readers opened and closed before measuring, so the measure is not the cold start. */
const WARMUP_READERS = 200;
/** After the last join, what the join set off (presence updates every 300 ms) is counted too. */
const AFTER_JOINS_MS = 1000;
/** How long the server is left alone before the idle measure. */
const SETTLE_MS = 3000;
/** Generous cap on a reader's join, so a server that stops answering fails the bench, not hangs it. */
const JOIN_CAP_MS = 120_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** With CPU_PROF set, both servers write a CPU profile there when they stop. */
const profileFlags = () => (CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []);

interface Reader {
  ws: WebSocket;
  /** Resolves with the join acknowledgement's `data` JSON length (bytes) and the join's time (ms). */
  joined: Promise<{ snapshotBytes: number; ms: number }>;
}

/** Connects (with `token` in the handshake, if any) and sends `joinFrame` once connected. */
function openReader(url: string, joinFrame: string, token?: string): Reader {
  const auth = JSON.stringify({ protocol: PROTOCOL_VERSION, ...(token ? { token } : {}) });
  const start = performance.now();
  const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const joined = new Promise<{ snapshotBytes: number; ms: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no join within ${JOIN_CAP_MS} ms`)), JOIN_CAP_MS);
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text === '2') ws.send('3');
      else if (text.startsWith('0{')) ws.send(`40${auth}`);
      else if (text.startsWith('40')) ws.send(joinFrame);
      else if (text.startsWith('430')) {
        clearTimeout(timer);
        const reply = (JSON.parse(text.slice(3)) as [{ ok: boolean; data?: unknown; error?: unknown }])[0];
        if (!reply.ok) reject(new Error(`join refused: ${JSON.stringify(reply.error)}`));
        else resolve({ snapshotBytes: Buffer.byteLength(JSON.stringify(reply.data)), ms: performance.now() - start });
      } else if (text.startsWith('44')) {
        clearTimeout(timer);
        reject(new Error(`connection refused: ${text}`));
      }
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  joined.catch(() => undefined); // awaited later; a failure must not be an unhandled rejection meanwhile
  return { ws, joined };
}

/** Leaves cleanly (a socket.io disconnect, so no session is kept for recovery) and closes. */
function closeReader(reader: Reader): void {
  if (reader.ws.readyState === WebSocket.OPEN) reader.ws.send('41');
  reader.ws.close();
}

interface Measure {
  cpuMsPerReader: number;
  signedInCpuMsPerReader: number;
  rssKiBPerReader: number;
  heapKiBPerReader: number;
  joinMedianMs: number;
  joinP95Ms: number;
  snapshotBytes: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/**
 * Opens `count` readers at RATE per second and resolves with the server's CPU time (s) from the first
 * connection until all have joined, plus AFTER_JOINS_MS.
 */
async function connectAtRate(
  server: ServerChild,
  joinFrame: string,
  count: number,
  tokens: string[],
  label: string,
  ctx: BenchContext,
): Promise<{ readers: Reader[]; cpuSeconds: number; joins: Array<{ snapshotBytes: number; ms: number }> }> {
  const readers: Reader[] = [];
  const cpuStart = procStat(server.pid).cpuSeconds;
  const start = performance.now();
  // A steady rate: every tick opens the readers due by then.
  const TICK_MS = 20;
  let lastReport = start;
  while (readers.length < count) {
    const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * RATE) + 1);
    while (readers.length < due) readers.push(openReader(server.url, joinFrame, tokens[readers.length]));
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      ctx.progress(`  ${label}: ${readers.length}/${count} readers opened`);
    }
    await sleep(TICK_MS);
  }
  const joins = await Promise.all(readers.map((r) => r.joined));
  await sleep(AFTER_JOINS_MS);
  const cpuSeconds = procStat(server.pid).cpuSeconds - cpuStart;
  ctx.progress(`  ${label}: ${count}/${count} readers joined in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return { readers, cpuSeconds, joins };
}

/** Runs the three phases against one server; the readers are closed before it returns. */
async function measure(
  server: ServerChild,
  joinFrame: string,
  tokens: string[],
  label: string,
  ctx: BenchContext,
): Promise<Measure> {
  // Half signed in (a few tokens, each used several times), so both paths are warm.
  const warm = Array.from({ length: WARMUP_READERS }, (_, i) =>
    openReader(server.url, joinFrame, i % 2 ? tokens[i % 20] : undefined),
  );
  await Promise.all(warm.map((r) => r.joined));
  warm.forEach(closeReader);
  await sleep(SETTLE_MS);
  const before = await server.memory();

  const guests = await connectAtRate(server, joinFrame, READERS, [], `${label}, guests`, ctx);
  await sleep(SETTLE_MS);
  const after = await server.memory();
  const signedIn = await connectAtRate(server, joinFrame, SIGNED_IN, tokens, `${label}, signed in`, ctx);
  guests.readers.forEach(closeReader);
  signedIn.readers.forEach(closeReader);
  const { joins, cpuSeconds } = guests;

  const times = joins.map((j) => j.ms).sort((a, b) => a - b);
  return {
    cpuMsPerReader: (cpuSeconds * 1000) / READERS,
    signedInCpuMsPerReader: SIGNED_IN > 0 ? (signedIn.cpuSeconds * 1000) / SIGNED_IN : 0,
    rssKiBPerReader: (after.rss - before.rss) / 1024 / READERS,
    heapKiBPerReader: (after.heapUsed - before.heapUsed) / 1024 / READERS,
    joinMedianMs: quantile(times, 0.5),
    joinP95Ms: quantile(times, 0.95),
    snapshotBytes: joins[0]!.snapshotBytes,
    rssBeforeMiB: before.rss / 2 ** 20,
    rssAfterMiB: after.rss / 2 ** 20,
  };
}

/** SIGNED_IN readers made straight in Parley's store (before it starts), and an access token each. */
async function makeSignedInReaders(dataDir: string): Promise<string[]> {
  const store = await openSqliteStore(join(dataDir, 'parley.db'));
  const tokens = createTokenService(TOKEN_SECRET, 3600);
  const out: string[] = [];
  try {
    for (let i = 0; i < SIGNED_IN; i++) {
      const name = `bench-reader-${i}`;
      const user = await store.createUser({
        name,
        nameKey: name,
        passwordHash: null,
        role: 'reader',
        email: null,
        ssoProvider: null,
        ssoSubject: null,
      });
      out.push(tokens.signAccess({ sub: user.id, role: 'reader', name }));
    }
  } finally {
    await store.close();
  }
  return out;
}

async function measureParley(ctx: BenchContext, round: number): Promise<Measure & { articleId: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-connections-'));
  const tokens = await makeSignedInReaders(dir);
  const server = await startServerChild(
    PARLEY_SERVER,
    { DATA_DIR: dir, DEMO_DEBATE: 'false', SOCKET_EVENTS_PER_SECOND: '100000', TOKEN_SECRET },
    profileFlags(),
  );
  try {
    const res = await fetch(`${server.url}/api/articles/${SLUG}`);
    const { article } = (await res.json()) as { article: { id: string } };
    ctx.progress(`  Parley (pid ${server.pid}), round ${round}`);
    const m = await measure(server, `420${JSON.stringify(['article:join', { slug: SLUG }])}`, tokens, 'Parley', ctx);
    return { ...m, articleId: article.id };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureBare(ctx: BenchContext, round: number, room: string, snapshotBytes: number): Promise<Measure> {
  const server = await startBareSocketio({ SNAPSHOT_BYTES: String(snapshotBytes) }, profileFlags());
  try {
    ctx.progress(`  bare socket.io (pid ${server.pid}), round ${round}`);
    // The same handshakes as Parley's readers, tokens included (ignored here).
    const tokens = Array.from({ length: SIGNED_IN }, (_, i) => `${'x'.repeat(180)}.${i}`);
    return await measure(server, `420${JSON.stringify(['join', { room }])}`, tokens, 'bare', ctx);
  } finally {
    await server.stop();
  }
}

/** The middle value, or the mean of the two middle ones. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
const medianOf = (ms: Measure[], key: keyof Measure) => median(ms.map((m) => m[key]));

function row(metric: string, bare: number, parley: number, unit: string, goal: number | null): BenchRow {
  const ratio = +(parley / bare).toFixed(2);
  const digits = unit === 'ms' ? 2 : 1;
  return {
    metric,
    bare: `${bare.toFixed(digits)} ${unit}`,
    parley: `${parley.toFixed(digits)} ${unit}`,
    ratio,
    goal: goal === null ? null : `<= ${goal}x`,
    pass: goal === null ? null : ratio <= goal,
  };
}

export const runConnectionsBench: BenchScenario = async (ctx) => {
  const when = new Date().toISOString();
  // Other work on the machine shows in every figure: the load at the start says how busy it was.
  const loadAtStart = +loadavg()[0]!.toFixed(2);
  ctx.progress(`Connections: ${READERS} readers at ${RATE}/s, ${ROUNDS} round(s), bare socket.io vs Parley`);
  const bare: Measure[] = [];
  const parley: Array<Measure & { articleId: string }> = [];
  // Parley first: the bare server's snapshot is sized after Parley's. Later rounds alternate.
  for (let round = 1; round <= ROUNDS; round++) {
    const bareRun = () => measureBare(ctx, round, parley[0]!.articleId, parley[0]!.snapshotBytes);
    if (round % 2 === 1) {
      parley.push(await measureParley(ctx, round));
      bare.push(await bareRun());
    } else {
      bare.push(await bareRun());
      parley.push(await measureParley(ctx, round));
    }
  }
  const b = (key: keyof Measure) => medianOf(bare, key);
  const p = (key: keyof Measure) => medianOf(parley, key);
  const rows: BenchRow[] = [
    row(
      `idle: server RSS per joined reader (${READERS} readers)`,
      b('rssKiBPerReader'),
      p('rssKiBPerReader'),
      'KiB',
      1.1,
    ),
    row(
      `idle: server heap per joined reader (${READERS} readers)`,
      b('heapKiBPerReader'),
      p('heapKiBPerReader'),
      'KiB',
      null,
    ),
    row(`connect + join: server CPU per reader (${RATE}/s)`, b('cpuMsPerReader'), p('cpuMsPerReader'), 'ms', 1.5),
    row(`connect + join: median time to joined (${RATE}/s)`, b('joinMedianMs'), p('joinMedianMs'), 'ms', null),
  ];
  if (SIGNED_IN > 0)
    rows.push(
      row(
        `connect + join, signed in: server CPU per reader (${SIGNED_IN} more)`,
        b('signedInCpuMsPerReader'),
        p('signedInCpuMsPerReader'),
        'ms',
        null,
      ),
    );

  const result = {
    when,
    node: process.version,
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '', memoryGiB: +(totalmem() / 2 ** 30).toFixed(1) },
    loadAtStart,
    settings: { readers: READERS, signedIn: SIGNED_IN, rate: RATE, rounds: ROUNDS, store: 'sqlite', article: SLUG },
    snapshotBytes: parley[0]!.snapshotBytes,
    rounds: { bare, parley: parley.map(({ articleId: _, ...m }) => m) },
    rows,
  };
  mkdirSync(ctx.resultsDir, { recursive: true });
  const jsonFile = join(ctx.resultsDir, 'connections.json');
  const mdFile = join(ctx.resultsDir, 'connections.md');
  writeFileSync(jsonFile, JSON.stringify(result, null, 2) + '\n');
  const fmt = (m: Measure) =>
    `${m.cpuMsPerReader.toFixed(2)} ms CPU (signed in ${m.signedInCpuMsPerReader.toFixed(2)} ms), ${m.rssKiBPerReader.toFixed(1)} KiB RSS, ${m.heapKiBPerReader.toFixed(1)} KiB heap, ` +
    `join median ${m.joinMedianMs.toFixed(1)} ms / p95 ${m.joinP95Ms.toFixed(1)} ms, RSS ${m.rssBeforeMiB.toFixed(1)} → ${m.rssAfterMiB.toFixed(1)} MiB`;
  const table = [
    '# Connections: what a reader costs the server',
    '',
    `Run ${when} on Node ${result.node}, ${result.machine.cpus} × ${result.machine.model}, load average ${loadAtStart} at the start. ` +
      `${READERS} guest readers connect and join the demo article at ${RATE}/s, then stay idle; ` +
      `bare socket.io (bench/bare-socketio.ts, same transport options, a ${result.snapshotBytes}-byte snapshot like Parley's) ` +
      `and Parley (SQLite) each in a child process, one after the other, ${ROUNDS} round(s) (medians). ` +
      'CPU from /proc over the joins plus 1 s; memory after a full GC, less the same before the readers. ' +
      `Then ${SIGNED_IN} signed-in readers (a token each; bare ignores it) join the same way.`,
    '',
    '| metric | bare | Parley | ratio | goal | pass |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.metric} | ${r.bare ?? '–'} | ${r.parley} | ${r.ratio === null ? '–' : `${r.ratio}x`} | ${r.goal ?? '–'} | ${r.pass === null ? '–' : r.pass ? 'yes' : 'no'} |`,
    ),
    '',
    'Rounds:',
    '',
    ...bare.map((m, i) => `- bare ${i + 1}: ${fmt(m)}`),
    ...parley.map((m, i) => `- Parley ${i + 1}: ${fmt(m)}`),
    '',
  ].join('\n');
  writeFileSync(mdFile, table);
  return { name: 'connections', rows, files: ['bench/results/connections.md', 'bench/results/connections.json'] };
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const resultsDir = process.env.RESULTS_DIR ?? fileURLToPath(new URL('./results/', import.meta.url));
  const result = await runConnectionsBench({ progress: (line) => console.log(line), resultsDir });
  for (const r of result.rows)
    console.log(`${r.metric}: bare ${r.bare}, Parley ${r.parley}, ${r.ratio}x${r.goal ? ` (goal ${r.goal})` : ''}`);
}
