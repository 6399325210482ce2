/**
 * One of several processes sharing a SQLite file (server/store/sqlite/multiprocess.test.ts). Prints
 * `ready` once loaded and waits for a line on stdin, so that all processes go at once; then opens
 * the store at FILE (migrating it if fresh), posts COUNT comments on ARTICLE as AUTHOR (each third a reply to
 * its own previous comment, each fifth followed by an edit, which takes a seq too) and prints one
 * JSON line: the seqs it was given, in order.
 * Run: node --import tsx test/helpers/sqlite-writer.ts FILE [ARTICLE AUTHOR COUNT]
 */
import { createInterface } from 'node:readline';
import { openSqliteStore } from '../../server/store/sqlite/index.js';

const [file, articleId, authorId, countArg] = process.argv.slice(2);
if (!file) throw new Error('usage: sqlite-writer.ts FILE [ARTICLE AUTHOR COUNT]');

// A writer opens the store before it says ready (a fresh file is migrated at the go, by all at
// once: that race is the migration test's).
const store = articleId ? await openSqliteStore(file) : null;
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();
const opened = store ?? (await openSqliteStore(file));

const seqs: number[] = [];
if (articleId && authorId) {
  let previous: string | null = null;
  for (let i = 0; i < Number(countArg ?? 0); i++) {
    const { value, change } = await opened.createComment({
      articleId,
      parentId: i % 3 === 2 ? previous : null,
      authorId,
      authorName: `writer ${process.pid}`,
      body: `comment ${i} of process ${process.pid}`,
    });
    seqs.push(change.seq);
    previous = value.id;
    // Give the other writers a turn between writes, so that the processes interleave on a busy machine.
    await new Promise((resolve) => setImmediate(resolve));
    if (i % 5 === 4) {
      const edited = await opened.editComment(value.id, `edited ${i}`, new Date().toISOString());
      if (!edited) throw new Error('edit of a visible comment refused');
      seqs.push(edited.change.seq);
    }
  }
}
await opened.close();
process.stdout.write(`${JSON.stringify({ pid: process.pid, seqs })}\n`);
