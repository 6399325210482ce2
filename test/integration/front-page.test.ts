/**
 * The front page, live (issue 14): a connection that follows the front page (`front:watch`) hears
 * the visible comment count move when a comment is posted and when a moderator removes one, and the
 * readers when someone opens the article; a burst of comments arrives as a few coalesced frames;
 * the list over HTTP counts what a reader can see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleChange } from '../../shared/events.js';
import type { ArticleSummary, FrontArticleStats } from '../../shared/types.js';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import { connectSocket, eventually, newUser } from '../helpers/live.js';
import { ask, moderatorSocket, must } from '../helpers/moderation.js';
import { api, startTestServer, type TestServer } from '../helpers/server.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
let t: TestServer;
const sockets: ParleyClientSocket[] = [];
let articleId = '';

/** A socket kept for closing after the suite. */
async function socketOf(token: string | null): Promise<ParleyClientSocket> {
  const socket = await connectSocket(t.url, token);
  sockets.push(socket);
  return socket;
}

/** A front-page connection: what it was answered, and every `front:stats` entry it heard since, merged. */
async function frontPage() {
  const socket = await socketOf(null);
  const frames: FrontArticleStats[][] = [];
  const known = new Map<string, FrontArticleStats>();
  socket.on('front:stats', ({ articles }) => {
    frames.push(articles);
    for (const a of articles) known.set(a.articleId, { ...known.get(a.articleId), ...a });
  });
  const answer = await must<Array<Required<FrontArticleStats>>>(socket, 'front:watch', { articleIds: [articleId] });
  for (const a of answer) known.set(a.articleId, { ...known.get(a.articleId), ...a });
  return { socket, frames, answer, now: () => known.get(articleId)! };
}

const listed = async (): Promise<ArticleSummary> =>
  ((await api(t.url, '/api/articles')).body.items as ArticleSummary[]).find((a) => a.id === articleId)!;

beforeAll(async () => {
  t = await startTestServer({ COMMENTS_PER_MINUTE: '1000', SOCKET_EVENTS_PER_SECOND: '1000' });
  articleId = (await api(t.url, `/api/articles/${SLUG}`)).body.article.id;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.destroy();
});

describe('the front page, live', () => {
  it('hears a new comment, a reader opening the article, and a removed comment leaving the count', async () => {
    const front = await frontPage();
    const start = front.answer[0]!;
    expect(start).toMatchObject({ articleId, readers: 0, currentDebate: null, debateCount: 0 });
    expect(start.commentCount).toBe((await listed()).commentCount);

    // A reader opens the article: one reader now.
    const writer = await socketOf((await newUser(t.url, 'FrontWriter')).token);
    await must(writer, 'article:join', { slug: SLUG });
    await eventually(() => front.now().readers === 1, 'one reader on the front page');

    // A comment: one more.
    const posted = await must<ArticleChange>(writer, 'comment:create', { articleId, body: 'Worth reading.' });
    await eventually(() => front.now().commentCount === start.commentCount + 1, 'the new count');
    expect((await listed()).commentCount).toBe(start.commentCount + 1);

    // Removed by a moderator: it leaves the count, on the front page and in the list.
    const mod = await moderatorSocket(t.url);
    sockets.push(mod.socket);
    await must(mod.socket, 'mod:action', {
      commentId: posted.comment.id,
      action: 'remove',
      reason: 'spam',
      expectedVersion: 0,
    });
    await eventually(() => front.now().commentCount === start.commentCount, 'the count without the removed comment');
    expect((await listed()).commentCount).toBe(start.commentCount);

    // The reader leaves: nobody reads it now.
    await must(writer, 'article:leave', { articleId });
    await eventually(() => front.now().readers === 0, 'no reader on the front page');
  });

  it('sends a burst of comments as a few frames, with only what changed', async () => {
    const front = await frontPage();
    const start = front.answer[0]!.commentCount;
    const writer = await socketOf((await newUser(t.url, 'FrontBurst')).token);
    // Let the frames about this writer's arrival pass, so the burst is counted on its own.
    await must(writer, 'article:join', { slug: SLUG });
    await eventually(() => front.now().readers === 1, 'the writer counted');
    const before = front.frames.length;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => must(writer, 'comment:create', { articleId, body: `Burst ${i}` })),
    );
    await eventually(() => front.now().commentCount === start + 12, 'the count after the burst');
    const burst = front.frames.slice(before);
    // Frames go out at most once a second: twelve comments in well under that make one or two.
    expect(burst.length).toBeLessThanOrEqual(3);
    // An entry carries the parts that moved: the count, not the unchanged readers or debate.
    expect(burst.at(-1)).toEqual([{ articleId, commentCount: start + 12 }]);
  });

  it('answers only articles that exist, refuses bad payloads, and stops after front:unwatch', async () => {
    const socket = await socketOf(null);
    const answer = await must<FrontArticleStats[]>(socket, 'front:watch', { articleIds: [articleId, 'no-such-id'] });
    expect(answer.map((a) => a.articleId)).toEqual([articleId]);
    const bad = await ask(socket, 'front:watch', { articleIds: [] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const tooMany = await ask(socket, 'front:watch', { articleIds: Array.from({ length: 101 }, (_, i) => `a${i}`) });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await ask(socket, 'front:watch', { articleIds: [articleId], extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });

    await must(socket, 'front:unwatch', {});
    const heard: unknown[] = [];
    socket.on('front:stats', (u) => heard.push(u));
    const front = await frontPage();
    const writer = await socketOf((await newUser(t.url, 'FrontAfter')).token);
    await must(writer, 'comment:create', { articleId, body: 'After unwatch.' });
    await eventually(() => front.now().commentCount === front.answer[0]!.commentCount + 1, 'the count elsewhere');
    expect(heard).toEqual([]);
  });
});
