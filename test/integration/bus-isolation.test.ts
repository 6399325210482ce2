/**
 * A committed comment is acknowledged whatever a bus subscriber does: a subscriber that throws (or
 * rejects) is logged, the others still deliver, and the author gets the change, so no client
 * retries and posts twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, newUser, openReader, type Reader } from '../helpers/live.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
let t: TestServer;
const open: Reader[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  for (const r of open) r.close();
  await t.destroy();
});

describe('bus delivery is isolated from the write', () => {
  it('acknowledges a committed comment once, and still broadcasts it, when a subscriber throws', async () => {
    const bus = t.parley.deps.bus;
    let thrown = 0;
    const stopSync = bus.subscribe('articleChange', () => {
      thrown++;
      throw new Error('a broken subscriber');
    });
    const stopAsync = bus.subscribe('articleChange', async () => {
      thrown++;
      throw new Error('a broken async subscriber');
    });
    try {
      const author = await openReader(t.url, SLUG, await newUser(t.url, 'Author'));
      const watcher = await openReader(t.url, SLUG, await newUser(t.url, 'Watcher'));
      open.push(author, watcher);

      const posted = await author.thread.post('Committed, whatever the subscribers do.');
      expect(posted.comment.body).toBe('Committed, whatever the subscribers do.');
      await eventually(() => watcher.thread.state.comments.has(posted.comment.id), 'the broadcast at the watcher');
      expect(thrown).toBe(2);

      const stored = await t.parley.deps.store.getComment(posted.comment.id);
      expect(stored?.body).toBe('Committed, whatever the subscribers do.');
      expect((await t.parley.deps.store.getArticleBySlug(SLUG))?.seq).toBe(posted.seq);
    } finally {
      stopSync();
      stopAsync();
    }
  });
});
