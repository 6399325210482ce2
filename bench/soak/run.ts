/**
 * One soak: a Parley child process under `minutes` of mixed load (discussion, moderation, a debate
 * after another, live summary edits, readers coming, going and dropping), its memory sampled all
 * along, then a drain and the checks. Resolves with the report (written to `resultsDir` when
 * given); `passed` is true only when every judged check passed.
 */
import { setMaxListeners } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { api } from '../../test/helpers/server.js';
import { verdict } from './check.js';
import { castOf, type Soak } from './context.js';
import { disperse, gather, startLoad } from './crowd.js';
import { drainAndCheck } from './finish.js';
import { Ledger } from './ledger.js';
import { fitAfter, memoryCheck, sampleInterval, sampleMemory } from './memory.js';
import { pause } from './pace.js';
import { PLAN, SERVER_ENV, SLUG } from './plan.js';
import { writeReport, type SoakReport } from './report.js';
import { errorLines, startSoakServer, type MemorySample, type SoakServer } from './server.js';
import { Tally } from './tally.js';

export interface SoakOptions {
  minutes: number;
  /** Where soak.md, soak.json and soak-memory.svg go; null writes nothing. */
  resultsDir: string | null;
  /** Progress lines; console.log by default. */
  print?: (line: string) => void;
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const print = options.print ?? ((line: string) => console.log(line));
  const loadMs = options.minutes * 60_000;
  const server = await startSoakServer(SERVER_ENV);
  let passed = false;
  try {
    return await soakAgainst(server, options.minutes, loadMs, print, options.resultsDir).then((report) => {
      passed = report.passed;
      return report;
    });
  } finally {
    await server.stop(!passed);
  }
}

async function soakAgainst(
  server: SoakServer,
  minutes: number,
  loadMs: number,
  print: (line: string) => void,
  resultsDir: string | null,
): Promise<SoakReport> {
  const article = await api(server.url, `/api/articles/${SLUG}`);
  if (article.status !== 200) throw new Error(`the demo article is missing: ${article.status}`);
  const stop = new AbortController();
  // Every actor's pause listens to it: a few dozen at once.
  setMaxListeners(200, stop.signal);
  const soak: Soak = {
    base: server.url,
    slug: SLUG,
    articleId: article.body.article.id,
    tally: new Tally(),
    ledger: new Ledger(),
    signal: stop.signal,
    tag: `soak${Date.now().toString(36)}`,
  };
  const cast = await castOf(server.url, {
    writers: PLAN.writers,
    steady: PLAN.steadySignedIn,
    churn: PLAN.churnAccounts,
    audience: PLAN.audience,
    debaters: PLAN.debaters,
  });
  const crowd = await gather(soak, cast);
  try {
    print(`[soak] ${minutes} min of load on ${server.url} (pid ${server.pid}, data ${server.dataDir})`);
    const startedAt = Date.now();
    const samples: MemorySample[] = [];
    const sampling = new AbortController();
    const everyMs = sampleInterval(loadMs);
    const memory = sampleMemory(server, startedAt, everyMs, sampling.signal, samples, (err) =>
      soak.tally.error('memory', String(err)),
    );
    const progress = (async () => {
      while (await pause(PLAN.progressEveryMs, stop.signal)) {
        const s = (Date.now() - startedAt) / 1000;
        const m = samples.at(-1);
        const { tally } = soak;
        print(
          `[soak] ${clock(s)}/${clock(loadMs / 1000)}  actions ${tally.actions} (${(tally.actions / s).toFixed(1)}/s)` +
            `  refused ${tally.refusals}  errors ${tally.errors}` +
            `  rss ${m?.rssMB.toFixed(1) ?? '-'} MB  heap ${m?.heapMB.toFixed(1) ?? '-'} MB` +
            `  comments ${soak.ledger.comments.size}`,
        );
      }
    })();
    const loops = startLoad(soak, cast, crowd, loadMs);
    await sleep(loadMs);
    stop.abort();
    await Promise.all([...loops, progress]);
    const loadSeconds = (Date.now() - startedAt) / 1000;
    sampling.abort();
    await memory;
    print(`[soak] load over after ${clock(loadSeconds)}: ${soak.tally.actions} actions; draining and checking`);

    const drainStarted = Date.now();
    const { checks, totals } = await drainAndCheck(soak, server, crowd);
    const warmUpSeconds = (PLAN.warmUpFraction * loadMs) / 1000;
    const rss = fitAfter(samples, 'rssMB', warmUpSeconds);
    const heap = fitAfter(samples, 'heapMB', warmUpSeconds);
    checks.unshift(
      verdict('no unexpected errors or timeouts', `${soak.tally.actions} actions`, soak.tally.errorSamples),
      verdict('the server ran to the end', `pid ${server.pid}`, server.alive() ? [] : ['the server process exited']),
      verdict(
        'no error-level line in the server log',
        `${Object.values(server.logs.byLevel).reduce((a, b) => a + b, 0)} log lines`,
        errorLines(server.logs) > 0 ? server.logs.errors : [],
      ),
    );
    checks.push(memoryCheck('RSS', rss), memoryCheck('V8 heap', heap));
    const report: SoakReport = {
      passed: checks.every((c) => c.passed !== false) && soak.tally.errors === 0,
      startedAt: new Date(startedAt).toISOString(),
      minutes,
      loadSeconds,
      drainSeconds: (Date.now() - drainStarted) / 1000,
      actions: soak.tally.actions,
      refusals: soak.tally.refusals,
      errors: soak.tally.errors,
      kinds: soak.tally.toJSON(),
      errorSamples: soak.tally.errorSamples,
      totals,
      checks,
      memory: { everyMs, warmUpSeconds, samples, rss, heap },
      log: server.logs,
      plan: PLAN,
      serverEnv: SERVER_ENV,
      machine: { cpus: cpus().length, loadAverage: loadavg() },
      keptDataDir: null,
    };
    if (!report.passed) report.keptDataDir = server.dataDir;
    for (const c of checks)
      print(`[soak] ${c.passed === null ? 'not judged' : c.passed ? 'pass' : 'FAIL'}  ${c.name}: ${c.detail}`);
    if (resultsDir) writeReport(report, resultsDir);
    return report;
  } finally {
    stop.abort();
    disperse(crowd);
  }
}
