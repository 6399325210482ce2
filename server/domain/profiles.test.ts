import { nextMillisecond } from '../../test/helpers/wait.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../store/store.js';
import { postComment } from './discussion.js';
import { moderateComment } from './moderation/actions.js';
import { badgeFor, readProfile } from './profiles.js';
import { codeOf, createMemoryDeps, makeArticle, makeUser, type MemoryDeps } from './testing/memory-deps.js';
import type { Actor } from './users.js';

let t: MemoryDeps;
let article: ArticleRecord;
let host: Actor;
let debater: Actor;
let reader: Actor;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps);
  host = await makeUser(t.deps, 'host', 'Hana Host');
  debater = await makeUser(t.deps, 'reader', 'Dara Debater');
  reader = await makeUser(t.deps, 'reader', 'Rami Reader');
  await t.deps.store.createDebate({
    articleId: article.id,
    hostId: host.id,
    motion: 'The border should open',
    positions: [
      { id: 'yes', name: 'Open it', debaterIds: [debater.id] },
      { id: 'no', name: 'Keep it shut', debaterIds: [] },
    ],
  });
});
afterEach(() => t.close());

describe('staff badges', () => {
  it('gives moderators and admins their role, a host only on their own debate’s article', async () => {
    const other = await makeArticle(t.deps);
    expect(await badgeFor(t.deps, await makeUser(t.deps, 'moderator'), other.id)).toBe('moderator');
    expect(await badgeFor(t.deps, await makeUser(t.deps, 'admin'), other.id)).toBe('admin');
    expect(await badgeFor(t.deps, host, article.id)).toBe('host');
    expect(await badgeFor(t.deps, host, other.id)).toBeNull();
    expect(await badgeFor(t.deps, reader, article.id)).toBeNull();
    const { comment } = await postComment(t.deps, host, { articleId: article.id, body: 'Welcome to the debate.' });
    expect(comment.authorBadge).toBe('host');
  });
});

describe('profiles', () => {
  it('shows roster and declared stances, never a ballot, and the debater badge', async () => {
    await postComment(t.deps, reader, { articleId: article.id, body: 'Shut it.', positionId: 'no' });
    await postComment(t.deps, reader, { articleId: article.id, body: 'Still shut.', positionId: 'no' });
    // A ballot is private: a vote in the debate never shows on a profile.
    const debateId = (await t.deps.store.listDebatesOfArticle(article.id))[0]!;
    await t.deps.store.castDebateVote({
      debateId,
      round: 'pre',
      userId: reader.id,
      positionId: 'yes',
      at: new Date().toISOString(),
    });

    const readerProfile = await readProfile(t.deps, null, { name: 'rami reader' });
    expect(readerProfile.badges).toEqual([]);
    expect(readerProfile.stances).toEqual([
      expect.objectContaining({ source: 'comments', comments: 2, position: { id: 'no', name: 'Keep it shut' } }),
    ]);
    expect(JSON.stringify(readerProfile)).not.toContain('Open it');

    const debaterProfile = await readProfile(t.deps, null, { name: 'Dara Debater' });
    expect(debaterProfile.badges).toEqual(['debater']);
    expect(debaterProfile.stances).toEqual([
      expect.objectContaining({
        source: 'debater',
        position: { id: 'yes', name: 'Open it' },
        motion: 'The border should open',
      }),
    ]);
    expect((await readProfile(t.deps, null, { name: 'Hana Host' })).badges).toEqual(['host']);
  });

  it('pages comments a reader may see, skipping removed ones', async () => {
    const mod = await makeUser(t.deps, 'moderator');
    for (let i = 0; i < 5; i++) {
      // Newest first is by the store's own stamp (wall clock, ms): each in a millisecond of its own.
      await nextMillisecond();
      const { comment } = await postComment(t.deps, reader, { articleId: article.id, body: `comment ${i}` });
      if (i % 2 === 1)
        await moderateComment(t.deps, mod, {
          commentId: comment.id,
          action: 'remove',
          reason: 'x',
          expectedVersion: 0,
        });
    }
    const first = await readProfile(t.deps, reader, { name: 'Rami Reader', limit: 2 });
    const bodies = first.comments.map((c) => c.comment.body);
    const rest = first.next
      ? await readProfile(t.deps, reader, { name: 'Rami Reader', limit: 2, after: first.next })
      : null;
    const all = [...bodies, ...(rest?.comments.map((c) => c.comment.body) ?? [])];
    expect(all).toEqual(['comment 4', 'comment 2', 'comment 0']);
    const asMod = await readProfile(t.deps, mod, { name: 'Rami Reader', limit: 10 });
    expect(asMod.comments.filter((c) => c.comment.status === 'removed')).toHaveLength(2);
    expect(await codeOf(readProfile(t.deps, null, { name: 'nobody' }))).toBe('NOT_FOUND');
  });
});
