/**
 * npm run bench:redis-per-comment [PROCESSES=3] — the Redis commands one comment and one vote cost in a real
 * cluster, for docs/SCALING.md. Starts a redis-server of its own and PROCESSES Parley processes
 * (default 3) on it and on one SQLite file, one reader joined to the demo article on each process
 * and a writer on the first; then:
 *
 * - idle: the commands Redis gets in IDLE_SECONDS with nothing happening (heartbeats, blocked
 *   reads timing out, presence and debate clock sweeps), as a rate to subtract;
 * - comments: COMMENTS comments, one at a time, each waited for until every reader has it;
 * - votes: as many votes, each waited for until every reader has the new tally.
 *
 * Counts from INFO commandstats (reset before each part), minus the idle rate over the part's
 * time. Writes bench/results/redis-per-comment-<PROCESSES>p.json and .md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClient } from 'redis';
import type { ParleyClientSocket } from '../client/src/realtime/requests.js';
import type { ArticleChange } from '../shared/events.js';
import { startChildParley, type ChildParley } from '../test/helpers/child.js';
import { connectSocket, newUser } from '../test/helpers/live.js';
import { must } from '../test/helpers/moderation.js';
import { startRedis } from '../test/helpers/redis-server.js';
import { api } from '../test/helpers/server.js';

const PROCESSES = Number(process.env.PROCESSES ?? 3);
const COMMENTS = Number(process.env.COMMENTS ?? 200);
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 10);
const SLUG = 'pakistan-afghanistan-peace-talks';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
type Redis = ReturnType<typeof createClient>;

async function commandStats(redis: Redis): Promise<Record<string, number>> {
  const info = await redis.info('commandstats');
  const calls: Record<string, number> = {};
  for (const m of info.matchAll(/^cmdstat_([\w|-]+):calls=(\d+)/gm)) calls[m[1]!] = Number(m[2]);
  // The probe's own INFO and CONFIG calls are not Parley's.
  delete calls.info;
  delete calls['config|resetstat'];
  return calls;
}

async function measure(redis: Redis, run: () => Promise<void>) {
  await redis.configResetStat();
  const start = performance.now();
  await run();
  const seconds = (performance.now() - start) / 1000;
  return { calls: await commandStats(redis), seconds };
}

const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

const redis = await startRedis();
const probe = createClient({ url: redis.url });
await probe.connect();
const dir = mkdtempSync(join(tmpdir(), 'parley-rpc-'));
const children: ChildParley[] = [];
const sockets: ParleyClientSocket[] = [];
try {
  const env = {
    REDIS_URL: redis.url,
    TOKEN_SECRET: 'r'.repeat(40),
    COMMENTS_PER_MINUTE: '100000',
    VOTES_PER_MINUTE: '100000',
    SOCKET_EVENTS_PER_SECOND: '100000',
  };
  children.push(await startChildParley(dir, { ...env, DEMO_DEBATE: 'false' }));
  for (let i = 1; i < PROCESSES; i++) children.push(await startChildParley(dir, { ...env, DEMO: 'false' }));
  const article = (await api(children[0]!.url, `/api/articles/${SLUG}`)).body.article as { id: string };
  let changes = 0;
  let tallies = 0;
  for (const child of children) {
    const reader = await connectSocket(child.url, null);
    reader.on('article:change', () => changes++);
    reader.on('vote:tallies', () => tallies++);
    await must(reader, 'article:join', { slug: SLUG });
    sockets.push(reader);
  }
  const writerUser = await newUser(children[0]!.url, 'rpcwriter');
  const writer = await connectSocket(children[0]!.url, writerUser.token);
  const voterUser = await newUser(children[0]!.url, 'rpcvoter');
  const voter = await connectSocket(children[0]!.url, voterUser.token);
  sockets.push(writer, voter);
  await sleep(2000);

  const idle = await measure(probe, () => sleep(IDLE_SECONDS * 1000));
  const idleRate = Object.fromEntries(Object.entries(idle.calls).map(([k, v]) => [k, v / idle.seconds]));

  const commentIds: string[] = [];
  const comments = await measure(probe, async () => {
    for (let i = 0; i < COMMENTS; i++) {
      const want = changes + PROCESSES;
      const change = await must<ArticleChange>(writer, 'comment:create', {
        articleId: article.id,
        body: `comment ${i}, to be counted`,
      });
      commentIds.push(change.comment.id);
      const until = performance.now() + 10_000;
      while (changes < want && performance.now() < until) await sleep(1);
    }
  });
  const votes = await measure(probe, async () => {
    for (const commentId of commentIds) {
      const want = tallies + PROCESSES;
      await must(voter, 'vote:cast', { commentId, value: 1 });
      const until = performance.now() + 10_000;
      while (tallies < want && performance.now() < until) await sleep(1);
    }
  });

  const per = (part: { calls: Record<string, number>; seconds: number }, n: number) => {
    const out: Record<string, number> = {};
    for (const [cmd, calls] of Object.entries(part.calls)) {
      const net = (calls - (idleRate[cmd] ?? 0) * part.seconds) / n;
      if (net > 0.005) out[cmd] = +net.toFixed(2);
    }
    return out;
  };
  const result = {
    when: new Date().toISOString(),
    node: process.version,
    processes: PROCESSES,
    store: 'sqlite',
    idle: {
      seconds: +idle.seconds.toFixed(1),
      commandsPerSecond: +(total(idle.calls) / idle.seconds).toFixed(1),
      byCommand: Object.fromEntries(Object.entries(idleRate).map(([k, v]) => [k, +v.toFixed(2)])),
    },
    perComment: per(comments, COMMENTS),
    perVote: per(votes, COMMENTS),
    comments: COMMENTS,
    delivered: { changes, tallies },
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/redis-per-comment-${PROCESSES}p.json`, JSON.stringify(result, null, 2) + '\n');
  const fmt = (o: Record<string, number>) =>
    Object.entries(o)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  const table = [
    `# Redis commands per comment and per vote (${PROCESSES} processes)`,
    '',
    `Run ${result.when} on Node ${result.node}; ${PROCESSES} Parley processes on one redis-server and one SQLite file,`,
    `one reader per process on the article; ${COMMENTS} comments and ${COMMENTS} votes, one at a time; idle rate subtracted.`,
    '',
    '| what | Redis commands |',
    '| --- | --- |',
    `| idle, per second (all processes) | ${result.idle.commandsPerSecond}: ${fmt(result.idle.byCommand)} |`,
    `| one comment | ${total(result.perComment).toFixed(2)}: ${fmt(result.perComment)} |`,
    `| one vote | ${total(result.perVote).toFixed(2)}: ${fmt(result.perVote)} |`,
    '',
    'INFO commandstats also counts the commands a script runs: the rate limiter is one EVAL (one round trip)',
    'that runs SET, INCRBY and PTTL inside it. XREAD entries are the adapter delivering a broadcast to each process.',
    '',
  ].join('\n');
  writeFileSync(`bench/results/redis-per-comment-${PROCESSES}p.md`, table);
  console.log('\n' + table);
} finally {
  for (const s of sockets) s.close();
  await Promise.all(children.map((c) => c.kill()));
  await probe.close();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
