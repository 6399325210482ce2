/**
 * How fast a thread opens: builds a 100-comment and a 10,000-comment thread, then times
 * article:join (the snapshot a reader opens with) and a page of "load more" over a real socket.io
 * client, in one run so the ratio is fair on a noisy machine. The first part of npm run bench
 * (bench/run.ts); alone: npx tsx bench/thread-open.ts. Writes bench/results/thread-open.json and .md.
 * There is no bare baseline here: the rows compare the large thread with the small one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LiveThread } from '../client/src/realtime/live-thread.js';
import type { Store } from '../server/store/store.js';
import { connectSocket } from '../test/helpers/live.js';
import { startTestServer } from '../test/helpers/server.js';
import type { BenchContext, BenchScenario } from './scenario.js';

const JOINS = 40;

async function buildThread(
  ctx: BenchContext,
  store: Store,
  slug: string,
  comments: number,
  authorIds: string[],
): Promise<void> {
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
    if (i > 0 && i % 2500 === 0) ctx.progress(`  building ${slug}: ${i}/${comments} comments`);
  }
  ctx.progress(`  building ${slug}: ${comments}/${comments} comments`);
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2), max: +sorted.at(-1)!.toFixed(2) };
}

async function timeJoins(ctx: BenchContext, url: string, slug: string) {
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
    }
  } finally {
    socket.close();
  }
  ctx.progress(`  timing ${slug}: ${JOINS}/${JOINS} joins`);
  return { join: stats(joins), loadMore: stats(pages) };
}

export const runThreadOpenBench: BenchScenario = async (ctx) => {
  ctx.progress('thread-open: a 100- and a 10,000-comment thread, 40 joins and "load more" each');
  const server = await startTestServer({ SOCKET_EVENTS_PER_SECOND: '100000' });
  try {
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
    await buildThread(ctx, store, 'small-thread', 100, authors);
    await buildThread(ctx, store, 'large-thread', 10_000, authors);
    const small = await timeJoins(ctx, server.url, 'small-thread');
    const large = await timeJoins(ctx, server.url, 'large-thread');
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
    mkdirSync(ctx.resultsDir, { recursive: true });
    writeFileSync(join(ctx.resultsDir, 'thread-open.json'), JSON.stringify(result, null, 2) + '\n');
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
    writeFileSync(join(ctx.resultsDir, 'thread-open.md'), table);
    return {
      name: 'thread-open',
      rows: [
        {
          metric: 'thread open: article:join median, 10,000 vs 100 comments',
          bare: null,
          parley: `${large.join.median} ms vs ${small.join.median} ms`,
          ratio: result.ratio.joinMedian,
          goal: null,
          pass: null,
        },
        {
          metric: 'thread open: "load more" median, 10,000 vs 100 comments',
          bare: null,
          parley: `${large.loadMore.median} ms vs ${small.loadMore.median} ms`,
          ratio: result.ratio.loadMoreMedian,
          goal: null,
          pass: null,
        },
      ],
      files: ['bench/results/thread-open.md', 'bench/results/thread-open.json'],
    };
  } finally {
    await server.destroy();
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const resultsDir = process.env.RESULTS_DIR ?? fileURLToPath(new URL('./results/', import.meta.url));
  const result = await runThreadOpenBench({ progress: (line) => console.log(line), resultsDir });
  for (const r of result.rows) console.log(`${r.metric}: ${r.parley} (x${r.ratio})`);
}
