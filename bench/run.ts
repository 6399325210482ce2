/**
 * npm run bench: how fast a thread opens. Builds a 100-comment and a 10,000-comment thread, then
 * times article:join (the snapshot a reader opens with) and a page of "load more" over real
 * socket.io clients, in one run so the ratio is fair on a noisy machine. Then the cluster scenario
 * (bench/cluster.ts): server CPU per delivery of one process vs three processes on Redis, under
 * the same readers and comment rate. Writes bench/results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { LiveThread } from '../client/src/realtime/live-thread.js';
import { connectSocket } from '../test/helpers/live.js';
import { startTestServer } from '../test/helpers/server.js';
import type { Store } from '../server/store/store.js';
import { runClusterBench } from './cluster.js';

const JOINS = 40;

/** One line that updates in place on a terminal; in a log, only every tenth step and the last. */
let quietSteps = 0;
function progress(line: string) {
  if (process.stdout.isTTY) process.stdout.write(`\r${line.padEnd(70)}`);
  else if (quietSteps++ % 10 === 0 || /(\d+)\/\1\b/.test(line)) console.log(line);
}

async function buildThread(store: Store, slug: string, comments: number, authorIds: string[]): Promise<void> {
  const article = await store.createArticle({
    slug,
    title: slug,
    body: 'bench',
    motion: null,
    positions: [],
    publishedAt: null,
    createdBy: null,
  });
  const tops: string[] = [];
  for (let i = 0; i < comments; i++) {
    // About one in three comments is a reply to a recent comment, as in a lively thread.
    const parentId = i % 3 === 2 && tops.length > 0 ? tops[tops.length - 1 - (i % Math.min(tops.length, 10))]! : null;
    const author = authorIds[i % authorIds.length]!;
    const { value } = await store.createComment({
      articleId: article.id,
      parentId,
      authorId: author,
      authorName: 'bench',
      body: `Comment number ${i}. `.repeat(8),
    });
    if (parentId === null) tops.push(value.id);
    if (i % 4 === 0) await store.castVote(value.id, authorIds[(i + 1) % authorIds.length]!, i % 8 === 0 ? 1 : -1);
    if (i % 500 === 0) progress(`  building ${slug}: ${i}/${comments} comments`);
  }
  progress(`  building ${slug}: ${comments}/${comments} comments`);
  if (process.stdout.isTTY) process.stdout.write('\n');
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2), max: +sorted.at(-1)!.toFixed(2) };
}

async function timeJoins(url: string, slug: string) {
  const socket = await connectSocket(url, null);
  const joins: number[] = [];
  const pages: number[] = [];
  try {
    for (let i = 0; i < JOINS; i++) {
      const thread = new LiveThread(socket, null);
      const start = performance.now();
      await thread.join(slug, i % 2 ? 'best' : 'new');
      joins.push(performance.now() - start);
      const pageStart = performance.now();
      await thread.loadMore();
      pages.push(performance.now() - pageStart);
      thread.close();
      progress(`  timing ${slug}: ${i + 1}/${JOINS} joins`);
    }
  } finally {
    socket.close();
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  return { join: stats(joins), loadMore: stats(pages) };
}

const server = await startTestServer({ SOCKET_EVENTS_PER_SECOND: '100000' });
try {
  console.log('Parley bench: opening a thread');
  const { store } = server.parley.deps;
  const authors = [];
  for (let i = 0; i < 50; i++) {
    authors.push(
      (
        await store.createUser({
          name: `b${i}`,
          nameKey: `b${i}`,
          passwordHash: null,
          role: 'reader',
          email: null,
          ssoProvider: null,
          ssoSubject: null,
        })
      ).id,
    );
  }
  await buildThread(store, 'small-thread', 100, authors);
  await buildThread(store, 'large-thread', 10_000, authors);
  const small = await timeJoins(server.url, 'small-thread');
  const large = await timeJoins(server.url, 'large-thread');
  const result = {
    when: new Date().toISOString(),
    node: process.version,
    store: store.kind,
    joinsPerThread: JOINS,
    small: { comments: 100, ...small },
    large: { comments: 10_000, ...large },
    ratio: {
      joinMedian: +(large.join.median / small.join.median).toFixed(2),
      loadMoreMedian: +(large.loadMore.median / small.loadMore.median).toFixed(2),
    },
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/thread-open.json', JSON.stringify(result, null, 2) + '\n');
  const table = [
    '# Opening a thread',
    '',
    `Run ${result.when} on Node ${result.node}, ${result.store} store, ${JOINS} joins per thread (ms).`,
    '',
    '| thread | join median | join p95 | load more median | load more p95 |',
    '| --- | --- | --- | --- | --- |',
    `| 100 comments | ${small.join.median} | ${small.join.p95} | ${small.loadMore.median} | ${small.loadMore.p95} |`,
    `| 10,000 comments | ${large.join.median} | ${large.join.p95} | ${large.loadMore.median} | ${large.loadMore.p95} |`,
    '',
    `10,000 vs 100 comments: join median x${result.ratio.joinMedian}, load more median x${result.ratio.loadMoreMedian}.`,
    '',
  ].join('\n');
  writeFileSync('bench/results/thread-open.md', table);
  console.log('\n' + table);
} finally {
  await server.destroy();
}

console.log('\nParley bench: server CPU per delivery, one process vs a cluster');
await runClusterBench();
