import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../store/store.js';
import { postComment } from '../discussion.js';
import { codeOf, createMemoryDeps, makeArticle, makeUser, type MemoryDeps } from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { settingsOf, updateArticleSettings } from './settings.js';

let t: MemoryDeps;
let article: ArticleRecord;
let moderator: Actor;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps);
  moderator = await makeUser(t.deps, 'moderator', 'Mo');
});
afterEach(() => t.close());

describe('article settings', () => {
  it('reads the defaults', () => {
    expect(settingsOf(article)).toEqual({
      premod: 'off',
      commentsOpen: true,
      slowModeSeconds: 0,
      autoSlowModePerMinute: 0,
      autoSlowModeSeconds: 30,
      bannedWords: [],
      suspectWords: [],
      reportThreshold: 3,
    });
  });

  it('changes only the given settings, audits before and after, and announces the public ones', async () => {
    const at = t.clock.advanceSeconds(5);
    const settings = await updateArticleSettings(t.deps, moderator, article.id, {
      commentsOpen: false,
      slowModeSeconds: 45,
      bannedWords: ['spam'],
    });
    expect(settings).toEqual({
      premod: 'off',
      commentsOpen: false,
      slowModeSeconds: 45,
      autoSlowModePerMinute: 0,
      autoSlowModeSeconds: 30,
      bannedWords: ['spam'],
      suspectWords: [],
      reportThreshold: 3,
    });
    expect(t.bus.of('articleSettings')).toEqual([
      { articleId: article.id, commentsOpen: false, slowModeSeconds: 45, slowModeAuto: false },
    ]);
    const audit = await t.deps.store.listAudit({ articleId: article.id, limit: 5 });
    expect(audit.items[0]).toMatchObject({
      action: 'settings',
      actorId: moderator.id,
      at: at.toISOString(),
      before: { commentsOpen: true, slowModeSeconds: 0, bannedWords: [] },
      after: { commentsOpen: false, slowModeSeconds: 45, bannedWords: ['spam'] },
    });
    // And the new settings bind the next comment.
    const reader = await makeUser(t.deps);
    expect(await codeOf(postComment(t.deps, reader, { articleId: article.id, body: 'hi' }))).toBe('COMMENTS_CLOSED');
  });

  it('refuses guests, readers and unknown articles', async () => {
    const reader = await makeUser(t.deps);
    expect(await codeOf(updateArticleSettings(t.deps, null, article.id, { premod: 'all' }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(updateArticleSettings(t.deps, reader, article.id, { premod: 'all' }))).toBe('FORBIDDEN');
    expect(await codeOf(updateArticleSettings(t.deps, moderator, 'missing', { premod: 'all' }))).toBe('NOT_FOUND');
    expect(t.bus.of('articleSettings')).toEqual([]);
  });
});
