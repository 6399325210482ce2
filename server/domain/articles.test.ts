import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArticle, getArticleBySlug, listArticles, updateArticle } from './articles.js';
import type { HostCommand } from '../../shared/debate/machine.js';
import { hostCommand, setupSession } from './debate/session.js';
import { codeOf, createMemoryDeps, makeDebate, makeUser, type MemoryDeps } from './testing/memory-deps.js';
import type { Actor } from './users.js';

let t: MemoryDeps;
let admin: Actor;
beforeEach(async () => {
  t = await createMemoryDeps();
  admin = await makeUser(t.deps, 'admin');
});
afterEach(() => t.close());

const input = (slug: string) => ({ slug, title: `Title ${slug}`, body: `# ${slug}\n\nText.` });

describe('articles', () => {
  it('lets an admin create an article, recorded with its author and default settings', async () => {
    const article = await createArticle(t.deps, admin, {
      ...input('peace-talks'),
      motion: 'Talks will succeed',
      positions: ['Yes', 'No'],
      publishedAt: '2026-01-02T03:04:05.000Z',
    });
    expect(article).toMatchObject({
      slug: 'peace-talks',
      motion: 'Talks will succeed',
      positions: ['Yes', 'No'],
      publishedAt: '2026-01-02T03:04:05.000Z',
      seq: 0,
    });
    // The public article carries no moderation settings.
    expect(article).not.toHaveProperty('premod');
    expect(article).not.toHaveProperty('createdBy');
    const stored = (await t.deps.store.getArticle(article.id))!;
    expect(stored).toMatchObject({ createdBy: admin.id, commentsOpen: true, premod: 'off', reportThreshold: 3 });
  });

  it('defaults the optional fields', async () => {
    const article = await createArticle(t.deps, admin, input('plain'));
    expect(article).toMatchObject({ motion: null, positions: [], publishedAt: null });
  });

  it('refuses guests, readers and moderators', async () => {
    const reader = await makeUser(t.deps, 'reader');
    const moderator = await makeUser(t.deps, 'moderator');
    expect(await codeOf(createArticle(t.deps, null, input('a')))).toBe('UNAUTHENTICATED');
    expect(await codeOf(createArticle(t.deps, reader, input('a')))).toBe('FORBIDDEN');
    expect(await codeOf(createArticle(t.deps, moderator, input('a')))).toBe('FORBIDDEN');
    expect(await t.deps.store.countArticles()).toBe(0);
  });

  it('refuses a slug in use, on create and on update', async () => {
    await createArticle(t.deps, admin, input('taken'));
    const other = await createArticle(t.deps, admin, input('other'));
    expect(await codeOf(createArticle(t.deps, admin, input('taken')))).toBe('SLUG_TAKEN');
    expect(await codeOf(updateArticle(t.deps, admin, other.id, { slug: 'taken' }))).toBe('SLUG_TAKEN');
  });

  it('updates an article and reads it back by slug', async () => {
    const article = await createArticle(t.deps, admin, input('draft'));
    const updated = await updateArticle(t.deps, admin, article.id, { title: 'Final title', slug: 'final' });
    expect(updated).toMatchObject({ id: article.id, title: 'Final title', slug: 'final' });
    expect((await getArticleBySlug(t.deps, 'final')).title).toBe('Final title');
    expect(await codeOf(getArticleBySlug(t.deps, 'draft'))).toBe('NOT_FOUND');
  });

  it('refuses updates of unknown articles and by non-admins', async () => {
    const moderator = await makeUser(t.deps, 'moderator');
    const article = await createArticle(t.deps, admin, input('x'));
    expect(await codeOf(updateArticle(t.deps, admin, 'missing', { title: 'T' }))).toBe('NOT_FOUND');
    expect(await codeOf(updateArticle(t.deps, moderator, article.id, { title: 'T' }))).toBe('FORBIDDEN');
  });

  it('lists summaries page by page, without bodies', async () => {
    for (const slug of ['one', 'two', 'three', 'four', 'five']) await createArticle(t.deps, admin, input(slug));
    const first = await listArticles(t.deps, { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.next).not.toBeNull();
    expect(first.items[0]).not.toHaveProperty('body');
    const seen = first.items.map((a) => a.slug);
    let after = first.next;
    while (after) {
      const page = await listArticles(t.deps, { limit: 2, after });
      seen.push(...page.items.map((a) => a.slug));
      after = page.next;
    }
    expect(seen.sort()).toEqual(['five', 'four', 'one', 'three', 'two']);
    expect((await listArticles(t.deps, {})).items).toHaveLength(5);
  });

  it('names the debate each article hosts now, and how many debates it has', async () => {
    const quiet = await createArticle(t.deps, admin, { ...input('quiet'), motion: 'Proposed only', positions: ['A'] });
    const busy = await createArticle(t.deps, admin, { ...input('busy'), motion: 'The first motion', positions: ['A'] });
    const host = await makeUser(t.deps, 'reader', 'Host');
    const drive = async (debateId: string, ...types: Array<HostCommand['type']>) => {
      for (const type of types) await hostCommand(t.deps, host, debateId, { type } as HostCommand);
    };
    const first = await makeDebate(t.deps, {
      articleId: busy.id,
      host,
      motion: 'The first motion',
      positions: [{ id: 'a', name: 'A' }],
    });
    await setupSession(t.deps, host, { debateId: first.id, template: 'free-form' });
    // Created at a later millisecond (the store stamps debates with the wall clock): "the older is
    // next" must not hang on two equal timestamps, which would leave the order to the random ids.
    const stamped = Date.now();
    while (Date.now() <= stamped) await new Promise((resolve) => setImmediate(resolve));
    const second = await makeDebate(t.deps, {
      articleId: busy.id,
      host,
      motion: 'The second motion',
      positions: [{ id: 'b', name: 'B' }],
    });
    await setupSession(t.deps, host, { debateId: second.id, template: 'free-form' });
    const summaryOf = async (id: string) => (await listArticles(t.deps, {})).items.find((a) => a.id === id);

    expect(await summaryOf(quiet.id)).toMatchObject({ motion: 'Proposed only', currentDebate: null, debateCount: 0 });
    // Two scheduled: the older is next.
    expect((await summaryOf(busy.id))?.currentDebate?.id).toBe(first.id);
    await drive(second.id, 'open-pre-vote');
    expect(await summaryOf(busy.id)).toMatchObject({
      currentDebate: { id: second.id, motion: 'The second motion', status: 'pre-vote' },
      debateCount: 2,
    });
    await drive(second.id, 'start', 'open-post-vote', 'show-results', 'reveal', 'close');
    // The second is over: the first, still scheduled, is current again.
    expect((await summaryOf(busy.id))?.currentDebate).toEqual({
      id: first.id,
      motion: 'The first motion',
      status: 'scheduled',
    });
  });
});
