/**
 * The Yjs relay bench (issue 11): server CPU per delivered update of Parley's /collab against the
 * y-websocket reference server (@y/websocket-server, the server split out of y-websocket), under
 * the same editors in one run. npm run bench runs it through `runYjsBench`; alone:
 * npx tsx bench/yjs.ts.
 *
 * - bare: the reference server in a child process (its own bin, src/server.js) on a free port, with
 *   no persistence (no YPERSISTENCE) and no callback: a Y.Doc in memory and the relay.
 * - parley: a whole Parley in a child process (test/helpers/child.ts) with SQLite in a temporary
 *   DATA_DIR; the editors edit a debate position's summary document with the tokens of the debate's
 *   host, debaters and a moderator (test/helpers/collab.ts), so every update is checked, stored
 *   (group commit) and relayed as in production.
 *
 * The load: EDITORS stock `WebsocketProvider`s per server (y-websocket, `WebSocketPolyfill: ws`),
 * spread over EDITOR_PROCESSES forked processes (bench/yjs-editors.ts), each typing
 * UPDATES_PER_SECOND keystrokes (one character, one transaction, one update) at its own cursor in
 * one Y.Text, for SECONDS per window. Both servers keep their editors connected throughout; the
 * windows alternate (bare, parley, then parley, bare, ...) for ROUNDS rounds, each right after an
 * unmeasured LEAD_IN_SECONDS of the same typing.
 *
 * A delivered update is one editor's keystroke present in another editor's document, counted from
 * the growth of each editor's state vector: the sum of the other clients' clocks (a keystroke adds
 * 1 to its editor's clock). The same count for both servers, however they frame it: five
 * keystrokes merged into one frame count five; the reference server's echo of an update to its own
 * sender counts nothing; a duplicate counts once. A window lasts from the first keystroke until
 * every editor holds every keystroke (or DRAIN_MS passes), and the server's CPU (user + system of
 * its process, from /proc) over that time is divided by the updates delivered in it.
 *
 * At the end: every editor's text is compared (sha-256) with every other editor's of the same
 * server, and for Parley with the text the store holds (read from the SQLite file beside it).
 * Latency: the keystrokes of one probe editor per server are timed from keystroke to arrival at
 * every other editor (one machine, one clock).
 *
 * Settings (environment): YJS_EDITORS (50), YJS_UPDATES_PER_SECOND (5), YJS_SECONDS (20),
 * YJS_ROUNDS (3), YJS_LEAD_IN_SECONDS (3), YJS_EDITOR_PROCESSES (2).
 * Writes bench/results/yjs.json and yjs.md. Linux only (/proc).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openSqliteStore } from '../server/store/sqlite/index.js';
import { startChildParley, type ChildParley } from '../test/helpers/child.js';
import { httpSigner, setUpDebate, storedDoc, ticketFor } from '../test/helpers/collab.js';
import { freePort } from '../test/helpers/free-port.js';
import { procCpu } from './probes.js';
import type { BenchContext, BenchRow, BenchScenario } from './scenario.js';
import type { EditorReply, EditorRequest, EditorSpec, EditorState, ProbeArrivals } from './yjs-editors.js';
import { createHash } from 'node:crypto';

export interface YjsBenchSettings {
  editors: number;
  updatesPerSecond: number;
  seconds: number;
  rounds: number;
  leadInSeconds: number;
  editorProcesses: number;
}

export function yjsSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): YjsBenchSettings {
  const num = (name: string, fallback: number, least: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value < least) throw new Error(`${name} must be a number of at least ${least}`);
    return value;
  };
  return {
    editors: Math.round(num('YJS_EDITORS', 50, 2)),
    updatesPerSecond: num('YJS_UPDATES_PER_SECOND', 5, 0.1),
    seconds: num('YJS_SECONDS', 20, 1),
    rounds: Math.round(num('YJS_ROUNDS', 3, 1)),
    leadInSeconds: num('YJS_LEAD_IN_SECONDS', 3, 0),
    editorProcesses: Math.round(num('YJS_EDITOR_PROCESSES', 2, 1)),
  };
}

/** The goal of issue 11: Parley may spend at most this share of the reference server's CPU per delivered update. */
export const MAX_RATIO = 0.8;
/** After the last keystroke, how long the editors may take to converge before the window ends anyway. */
const DRAIN_MS = 30_000;
const SETTLE_MS = 1_500;
/** The idle measurement: every editor connected, nobody typing. */
const IDLE_MS = 5_000;
const PARLEY_ENV = { TOKEN_SECRET: 'y'.repeat(40), DEMO_DEBATE: 'false' };
const EDITOR_SCRIPT = fileURLToPath(new URL('./yjs-editors.ts', import.meta.url));

type ServerKey = 'bare' | 'parley';
const LABEL: Record<ServerKey, string> = { bare: 'y-websocket reference server', parley: 'Parley /collab' };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
function quantiles(samples: number[]) {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: +at(0.5).toFixed(1), p99: +at(0.99).toFixed(1), max: +(sorted.at(-1) ?? NaN).toFixed(1) };
}

/** A request without its id (the id is given when it is sent). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** A forked editor process and its request/answer channel. */
class EditorProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  readonly exited: Promise<void>;

  constructor(readonly child: ChildProcess) {
    child.on('message', (reply: EditorReply) => {
      const w = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) w?.resolve(reply.result);
      else w?.reject(new Error(reply.error));
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        for (const w of this.waiting.values()) w.reject(new Error('editor process exited'));
        this.waiting.clear();
        resolve();
      }),
    );
  }

  static start(): EditorProcess {
    return new EditorProcess(
      fork(EDITOR_SCRIPT, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
  }

  ask<T>(request: WithoutId<EditorRequest>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...request, id });
    });
  }

  tell(message: object): void {
    this.child.send(message);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await Promise.race([this.ask({ type: 'close' }).catch(() => undefined), sleep(2_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** The reference server: its own bin, in memory (no YPERSISTENCE, no CALLBACK_URL). */
async function startReferenceServer(): Promise<{ child: ChildProcess; url: string; stop(): Promise<void> }> {
  const pkg = createRequire(import.meta.url).resolve('@y/websocket-server/package.json');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port) };
  delete env.YPERSISTENCE;
  delete env.CALLBACK_URL;
  const child = spawn(process.execPath, [join(dirname(pkg), 'src', 'server.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('running at') && resolve());
    child.once('exit', (code) => reject(new Error(`reference server exited (${code}):\n${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

interface Server {
  key: ServerKey;
  pid: number;
  serverUrl: string;
  room: string;
  /** The providers' params, by editor index (Parley: a fresh ticket of one of several editing users). */
  params: (index: number) => Promise<Record<string, string>>;
}

interface WindowResult {
  round: number;
  server: ServerKey;
  keystrokes: number;
  delivered: number;
  /** keystrokes × (editors − 1): what every editor holding every keystroke means. */
  expected: number;
  converged: boolean;
  wallSeconds: number;
  cpuSeconds: { user: number; system: number; total: number };
  /** The figure compared: server CPU per delivered update, µs. */
  cpuPerDeliveredUs: number;
  preemptions: number;
  latencyMs: { p50: number; p99: number; max: number };
}

/** Runs the bench; writes yjs.json and yjs.md into ctx.resultsDir and returns the headline rows. */
export const runYjsBench: BenchScenario = async (ctx: BenchContext) => {
  const settings = yjsSettingsFromEnv();
  const began = performance.now();
  const log = (line: string) => ctx.progress(`[${((performance.now() - began) / 1000).toFixed(1)} s] ${line}`);
  log(
    `Yjs bench: ${settings.editors} editors x ${settings.updatesPerSecond} updates/s for ${settings.seconds} s, ` +
      `${settings.rounds} rounds, reference server vs Parley, editors in ${settings.editorProcesses} processes`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-yjs-'));
  const processes: EditorProcess[] = [];
  let reference: Awaited<ReturnType<typeof startReferenceServer>> | null = null;
  let parley: ChildParley | null = null;
  try {
    [reference, parley] = await Promise.all([startReferenceServer(), startChildParley(dir, PARLEY_ENV)]);
    const roster = await setUpDebate(parley.url, httpSigner(parley.url));
    // Editors of the For position: its debaters, the host and a moderator (all may edit).
    const editorTokens = [roster.tokens.alice, roster.tokens.bob, roster.tokens.host, roster.tokens.moderator];
    const servers: Server[] = [
      {
        key: 'bare',
        pid: reference.child.pid!,
        serverUrl: reference.url,
        room: roster.forDoc,
        params: async () => ({}),
      },
      {
        key: 'parley',
        pid: parley.child.pid!,
        serverUrl: `${parley.url.replace(/^http/, 'ws')}/collab`,
        room: roster.forDoc,
        params: async (i) => ({
          ticket: await ticketFor(parley!.url, roster.forDoc, editorTokens[i % editorTokens.length]!),
        }),
      },
    ];
    log(`  reference server pid ${servers[0]!.pid}, Parley pid ${servers[1]!.pid}; document ${roster.forDoc}`);

    for (let p = 0; p < settings.editorProcesses; p++) processes.push(EditorProcess.start());
    const clientIds = new Map<ServerKey, number[]>();
    for (const server of servers) {
      const ids: number[] = [];
      await Promise.all(
        processes.map(async (proc, p) => {
          const specs: EditorSpec[] = [];
          for (let i = p; i < settings.editors; i += processes.length)
            specs.push({
              key: server.key,
              index: i,
              serverUrl: server.serverUrl,
              room: server.room,
              params: await server.params(i),
            });
          const got = await proc.ask<number[]>({
            type: 'connect',
            editors: specs,
            probe: { key: server.key, index: 0 },
          });
          specs.forEach((s, k) => (ids[s.index] = got[k]!));
        }),
      );
      clientIds.set(server.key, ids);
      for (const proc of processes) proc.tell({ type: 'probe-id', key: server.key, clientId: ids[0] });
      log(`  ${server.key}: ${settings.editors} editors synced`);
    }
    await sleep(SETTLE_MS);
    // What each server costs with its editors connected and nobody typing (keepalives, awareness
    // renewals, timers): part of every window, shown apart for reading the ratio.
    const idle0 = servers.map((s) => procCpu(s.pid));
    const idleStart = performance.now();
    await sleep(IDLE_MS);
    const idleSeconds = (performance.now() - idleStart) / 1000;
    const idle = Object.fromEntries(
      servers.map((s, i) => {
        const now = procCpu(s.pid);
        const cpu = now.user + now.system - idle0[i]!.user - idle0[i]!.system;
        return [s.key, { cpuMsPerSecond: +((cpu * 1000) / idleSeconds).toFixed(1) }];
      }),
    ) as Record<ServerKey, { cpuMsPerSecond: number }>;
    log(
      `  idle for ${idleSeconds.toFixed(1)} s: reference ${idle.bare.cpuMsPerSecond} ms CPU/s, ` +
        `Parley ${idle.parley.cpuMsPerSecond} ms CPU/s`,
    );

    const states = async (key: ServerKey) =>
      (await Promise.all(processes.map((p) => p.ask<EditorState[]>({ type: 'state', key })))).flat();
    const converged = (all: EditorState[]) => {
      const total = all.reduce((n, e) => n + e.own, 0);
      return all.every((e) => e.received === total - e.own);
    };
    const received = (all: EditorState[]) => all.reduce((n, e) => n + e.received, 0);

    const runWindow = async (server: Server, round: number, seconds: number, measured: boolean) => {
      const what = measured ? `round ${round}` : `lead-in ${round}`;
      const before = await states(server.key);
      const cpu0 = procCpu(server.pid);
      const start = performance.now();
      const ticker = setInterval(() => {
        void states(server.key).then(
          (now) => log(`  ${server.key} ${what}: ${received(now) - received(before)} updates delivered so far`),
          () => undefined,
        );
      }, 5_000);
      let keystrokes = 0;
      let after: EditorState[];
      let done = false;
      try {
        const typed = await Promise.all(
          processes.map((p) =>
            p.ask<number>({ type: 'type', key: server.key, seconds, rate: settings.updatesPerSecond }),
          ),
        );
        keystrokes = typed.reduce((a, b) => a + b, 0);
        const until = performance.now() + DRAIN_MS;
        for (;;) {
          after = await states(server.key);
          done = converged(after);
          if (done || performance.now() > until) break;
          await sleep(20);
        }
      } finally {
        clearInterval(ticker);
      }
      const cpu1 = procCpu(server.pid);
      const wallSeconds = (performance.now() - start) / 1000;
      const probe = await Promise.all(processes.map((p) => p.ask<ProbeArrivals>({ type: 'latency', key: server.key })));
      const sentAt = new Map(probe.flatMap((p) => p.sentAt));
      const latencies = probe.flatMap((p) =>
        p.arrivals.flatMap(([clock, at]) => (sentAt.has(clock) ? [at - sentAt.get(clock)!] : [])),
      );
      const delivered = received(after!) - received(before);
      const user = cpu1.user - cpu0.user;
      const system = cpu1.system - cpu0.system;
      const result: WindowResult = {
        round,
        server: server.key,
        keystrokes,
        delivered,
        expected: keystrokes * (settings.editors - 1),
        converged: done,
        wallSeconds: +wallSeconds.toFixed(2),
        cpuSeconds: { user: +user.toFixed(2), system: +system.toFixed(2), total: +(user + system).toFixed(2) },
        cpuPerDeliveredUs: +(((user + system) * 1e6) / Math.max(1, delivered)).toFixed(2),
        preemptions: cpu1.involuntary - cpu0.involuntary,
        latencyMs: quantiles(latencies),
      };
      log(
        `  ${server.key} ${what}: ${keystrokes} keystrokes, ${delivered}/${result.expected} delivered` +
          `${done ? '' : ' (NOT converged)'}, CPU ${result.cpuSeconds.total} s = ${result.cpuPerDeliveredUs} µs per ` +
          `delivered update, latency p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms`,
      );
      return result;
    };

    const windows: WindowResult[] = [];
    for (let round = 1; round <= settings.rounds; round++) {
      // Alternate which goes first, so a drift in the machine's load does not favour one server.
      const order = round % 2 ? servers : [...servers].reverse();
      for (const server of order) {
        if (settings.leadInSeconds > 0) await runWindow(server, round, settings.leadInSeconds, false);
        windows.push(await runWindow(server, round, settings.seconds, true));
        await sleep(SETTLE_MS);
      }
    }

    // The end: every editor's text, and for Parley what the store holds.
    const texts = async (key: ServerKey) =>
      (
        await Promise.all(
          processes.map((p) => p.ask<Array<{ index: number; length: number; sha256: string }>>({ type: 'texts', key })),
        )
      ).flat();
    const endStates = Object.fromEntries(
      await Promise.all(servers.map(async (s) => [s.key, await states(s.key)] as const)),
    ) as Record<ServerKey, EditorState[]>;
    const bareTexts = await texts('bare');
    const parleyTexts = await texts('parley');
    const store = await openSqliteStore(join(dir, 'parley.db'));
    let storedText: string;
    try {
      storedText = (await storedDoc(store, roster.forDoc)).getText('plain').toString();
    } finally {
      await store.close();
    }
    const storedSha = createHash('sha256').update(storedText).digest('hex');
    const same = (list: Array<{ sha256: string }>) => list.every((t) => t.sha256 === list[0]!.sha256);
    const identical = {
      bare: { editors: same(bareTexts), length: bareTexts[0]?.length ?? 0 },
      parley: {
        editors: same(parleyTexts),
        store: parleyTexts.every((t) => t.sha256 === storedSha),
        length: parleyTexts[0]?.length ?? 0,
        storedLength: storedText.length,
      },
    };
    const drops = Object.fromEntries(
      servers.map((s) => [s.key, endStates[s.key].reduce((n, e) => n + e.drops, 0)]),
    ) as Record<ServerKey, number>;
    log(
      `  texts: reference ${identical.bare.editors ? 'identical' : 'DIFFER'} (${identical.bare.length} chars); ` +
        `Parley editors ${identical.parley.editors ? 'identical' : 'DIFFER'}, store ${identical.parley.store ? 'identical' : 'DIFFERS'} ` +
        `(${identical.parley.length} chars); connection drops: reference ${drops.bare}, Parley ${drops.parley}`,
    );

    const of = (key: ServerKey) => windows.filter((w) => w.server === key).sort((a, b) => a.round - b.round);
    const ratios = of('parley').map((p, i) => +(p.cpuPerDeliveredUs / of('bare')[i]!.cpuPerDeliveredUs).toFixed(3));
    const summary = (key: ServerKey) => {
      const ws = of(key);
      return {
        cpuPerDeliveredUs: +median(ws.map((w) => w.cpuPerDeliveredUs)).toFixed(2),
        byRound: ws.map((w) => w.cpuPerDeliveredUs),
        delivered: ws.reduce((n, w) => n + w.delivered, 0),
        expected: ws.reduce((n, w) => n + w.expected, 0),
        allConverged: ws.every((w) => w.converged),
        latencyP50Ms: +median(ws.map((w) => w.latencyMs.p50)).toFixed(1),
        latencyP99Ms: +median(ws.map((w) => w.latencyMs.p99)).toFixed(1),
      };
    };
    const bare = summary('bare');
    const par = summary('parley');
    const medianRatio = +median(ratios).toFixed(3);
    const textsPass =
      identical.bare.editors &&
      identical.parley.editors &&
      identical.parley.store &&
      bare.allConverged &&
      par.allConverged;
    const result = {
      when: new Date().toISOString(),
      node: process.version,
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '' },
      settings,
      idle,
      windows,
      summary: { bare, parley: par },
      ratio: { byRound: ratios, median: medianRatio, goal: MAX_RATIO, pass: medianRatio <= MAX_RATIO },
      texts: identical,
      connectionDrops: drops,
      pass: medianRatio <= MAX_RATIO && textsPass,
      totalSeconds: +((performance.now() - began) / 1000).toFixed(1),
    };
    mkdirSync(ctx.resultsDir, { recursive: true });
    writeFileSync(join(ctx.resultsDir, 'yjs.json'), JSON.stringify(result, null, 2) + '\n');
    writeFileSync(join(ctx.resultsDir, 'yjs.md'), report(result, settings, windows));

    const rows: BenchRow[] = [
      {
        metric: `Yjs ${settings.editors} editors x ${settings.updatesPerSecond}/s: server CPU per delivered update`,
        bare: `${bare.cpuPerDeliveredUs} µs`,
        parley: `${par.cpuPerDeliveredUs} µs`,
        ratio: medianRatio,
        goal: `<= ${MAX_RATIO}x`,
        pass: medianRatio <= MAX_RATIO,
      },
      {
        metric: 'Yjs: texts identical at the end (every editor; Parley also its store)',
        bare: identical.bare.editors && bare.allConverged ? 'identical' : 'DIFFER',
        parley: identical.parley.editors && identical.parley.store && par.allConverged ? 'identical' : 'DIFFER',
        ratio: null,
        goal: 'identical',
        pass: textsPass,
      },
      {
        metric: 'Yjs: keystroke to other editors, latency p50 / p99',
        bare: `${bare.latencyP50Ms} / ${bare.latencyP99Ms} ms`,
        parley: `${par.latencyP50Ms} / ${par.latencyP99Ms} ms`,
        ratio: null,
        goal: null,
        pass: null,
      },
    ];
    return { name: 'yjs', rows, files: ['yjs.md', 'yjs.json'] };
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await Promise.all([reference?.stop(), parley?.kill()]);
    rmSync(dir, { recursive: true, force: true });
  }
};

function report(
  result: {
    when: string;
    node: string;
    machine: { cpus: number; model: string };
    summary: Record<
      'bare' | 'parley',
      {
        cpuPerDeliveredUs: number;
        byRound: number[];
        delivered: number;
        expected: number;
        latencyP50Ms: number;
        latencyP99Ms: number;
      }
    >;
    ratio: { byRound: number[]; median: number; pass: boolean };
    texts: { bare: { editors: boolean; length: number }; parley: { editors: boolean; store: boolean; length: number } };
    connectionDrops: Record<ServerKey, number>;
    idle: Record<ServerKey, { cpuMsPerSecond: number }>;
    totalSeconds: number;
  },
  s: YjsBenchSettings,
  windows: WindowResult[],
): string {
  const row = (key: ServerKey) => {
    const x = result.summary[key];
    return (
      `| ${LABEL[key]} | ${x.cpuPerDeliveredUs} (${x.byRound.join(', ')}) | ${x.delivered} of ${x.expected} | ` +
      `${x.latencyP50Ms} / ${x.latencyP99Ms} |`
    );
  };
  return [
    '# Yjs relay: server CPU per delivered update, reference server vs Parley',
    '',
    `Run ${result.when} on Node ${result.node}, ${result.machine.cpus} × ${result.machine.model}; ` +
      `${result.totalSeconds} s in all (bench/yjs.ts).`,
    `Same load on both: ${s.editors} stock y-websocket WebsocketProviders (in ${s.editorProcesses} processes), each typing ` +
      `${s.updatesPerSecond} keystrokes/s (one character, one update) at its own cursor in one Y.Text, ${s.seconds} s per ` +
      `window, each window right after an unmeasured ${s.leadInSeconds} s lead-in; ${s.rounds} rounds, the servers ` +
      'alternating (the order flips each round). The reference is @y/websocket-server in memory; Parley checks, ' +
      'stores (SQLite, group commit) and relays.',
    '',
    'A delivered update is one keystroke present in another editor’s document (from the growth of the state ' +
      'vectors: merged frames count each keystroke, echoes to the sender count nothing). Server CPU is user + system ' +
      'of the server process from the first keystroke until every editor holds every keystroke, from /proc.',
    '',
    '| server | CPU per delivered update, µs: median (by round) | delivered of expected | latency p50 / p99, ms |',
    '| --- | --- | --- | --- |',
    row('bare'),
    row('parley'),
    '',
    `**Ratio Parley / reference: ${result.ratio.median}x** (median of the rounds: ${result.ratio.byRound.join(', ')}). ` +
      `Goal <= ${MAX_RATIO}x: **${result.ratio.pass ? 'PASS' : 'FAIL'}**.`,
    '',
    `Texts at the end: reference editors ${result.texts.bare.editors ? 'identical' : 'DIFFER'} ` +
      `(${result.texts.bare.length} characters); Parley editors ${result.texts.parley.editors ? 'identical' : 'DIFFER'} ` +
      `and ${result.texts.parley.store ? 'identical to' : 'DIFFERENT from'} the stored document ` +
      `(${result.texts.parley.length} characters). Connection drops after the first sync: reference ` +
      `${result.connectionDrops.bare}, Parley ${result.connectionDrops.parley}.`,
    '',
    `Idle (every editor connected, nobody typing, ${IDLE_MS / 1000} s): reference ${result.idle.bare.cpuMsPerSecond} ms ` +
      `CPU/s, Parley ${result.idle.parley.cpuMsPerSecond} ms CPU/s; the windows include this base cost.`,
    '',
    '| round | server | keystrokes | delivered of expected | converged | wall s | CPU s (user / sys) | preemptions | µs per delivered update | latency p50 / p99 / max ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...windows.map(
      (w) =>
        `| ${w.round} | ${w.server} | ${w.keystrokes} | ${w.delivered} of ${w.expected} | ${w.converged ? 'yes' : 'NO'} | ` +
        `${w.wallSeconds} | ${w.cpuSeconds.total} (${w.cpuSeconds.user} / ${w.cpuSeconds.system}) | ${w.preemptions} | ` +
        `${w.cpuPerDeliveredUs} | ${w.latencyMs.p50} / ${w.latencyMs.p99} / ${w.latencyMs.max} |`,
    ),
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runYjsBench({ progress: (line) => console.log(line), resultsDir: 'bench/results' });
  console.log(
    result.rows.map((r) => `${r.metric}: ${r.bare ?? '-'} vs ${r.parley} ${r.pass === false ? 'FAIL' : ''}`).join('\n'),
  );
  if (result.rows.some((r) => r.pass === false)) process.exitCode = 1;
}
