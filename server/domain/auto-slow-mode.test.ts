import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../store/store.js';
import {
  CALM_MS,
  RATE_WINDOW_MS,
  evaluateAutoSlowMode,
  nextAutoSlowModeState,
  reconsiderAutoSlowMode,
} from './auto-slow-mode.js';
import { postComment } from './discussion.js';
import { updateArticleSettings } from './moderation/settings.js';
import { slowModeInForce } from './slow-mode.js';
import { readSnapshot } from './thread.js';
import { codeOf, createMemoryDeps, makeArticle, makeUser, type MemoryDeps } from './testing/memory-deps.js';
import type { Actor } from './users.js';

const T0 = new Date('2025-06-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const OFF = { autoSlowModeSince: null, autoSlowModeCalmSince: null };
const ENGAGED = { autoSlowModeSince: T0.toISOString(), autoSlowModeCalmSince: null };

describe('nextAutoSlowModeState (the rule)', () => {
  it('engages when the last minute reaches the threshold, not below', () => {
    expect(nextAutoSlowModeState(10, OFF, 9, T0)).toEqual(OFF);
    expect(nextAutoSlowModeState(10, OFF, 10, T0)).toEqual(ENGAGED);
  });

  it('stays engaged while the rate is at least half the threshold, and starts no calm clock', () => {
    expect(nextAutoSlowModeState(10, ENGAGED, 5, at(90_000))).toEqual(ENGAGED);
    expect(nextAutoSlowModeState(10, ENGAGED, 30, at(90_000))).toEqual(ENGAGED);
  });

  it('lifts only after the rate has stayed below half the threshold for a whole minute', () => {
    const calm = nextAutoSlowModeState(10, ENGAGED, 4, at(70_000));
    expect(calm).toEqual({
      autoSlowModeSince: ENGAGED.autoSlowModeSince,
      autoSlowModeCalmSince: at(70_000).toISOString(),
    });
    expect(nextAutoSlowModeState(10, calm, 0, at(70_000 + CALM_MS - 1))).toEqual(calm);
    expect(nextAutoSlowModeState(10, calm, 0, at(70_000 + CALM_MS))).toEqual(OFF);
  });

  it('restarts the calm minute when the rate comes back to half the threshold (no flapping)', () => {
    const calm = nextAutoSlowModeState(10, ENGAGED, 2, at(70_000));
    const busyAgain = nextAutoSlowModeState(10, calm, 5, at(100_000));
    expect(busyAgain).toEqual(ENGAGED);
    // Calm again: the minute counts from now, not from the first calm moment.
    const calmAgain = nextAutoSlowModeState(10, busyAgain, 1, at(110_000));
    expect(nextAutoSlowModeState(10, calmAgain, 1, at(70_000 + CALM_MS))).toEqual(calmAgain);
    expect(nextAutoSlowModeState(10, calmAgain, 1, at(110_000 + CALM_MS))).toEqual(OFF);
  });

  it('is off, whatever the state, when the threshold is 0', () => {
    expect(nextAutoSlowModeState(0, ENGAGED, 1000, T0)).toEqual(OFF);
    expect(nextAutoSlowModeState(0, OFF, 1000, T0)).toEqual(OFF);
  });
});

describe('automatic slow mode on a stored article', () => {
  let t: MemoryDeps;
  let article: ArticleRecord;
  let moderator: Actor;

  beforeEach(async () => {
    t = await createMemoryDeps();
    moderator = await makeUser(t.deps, 'moderator', 'Mo');
    article = await makeArticle(t.deps, { autoSlowModePerMinute: 3, autoSlowModeSeconds: 45 });
  });
  afterEach(() => t.close());

  /** Comments by fresh readers (each reader's first, so neither limit nor slow mode stops them). */
  async function comments(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const reader = await makeUser(t.deps);
      await postComment(t.deps, reader, { articleId: article.id, body: `comment ${i}` });
    }
  }

  /** Puts the clock at the newest stored comment: the store stamps comments with the wall clock. */
  async function clockAtLastComment(): Promise<void> {
    const [last] = (await t.deps.store.listComments({ articleId: article.id, parentId: null, sort: 'new', limit: 1 }))
      .items;
    t.clock.set(last!.createdAt);
  }

  it('engages at the threshold: readers are told, the audit says why, posting and snapshots follow', async () => {
    await comments(2);
    await clockAtLastComment();
    expect(await evaluateAutoSlowMode(t.deps, article.id)).toBeNull();
    await comments(1);
    await clockAtLastComment();
    t.bus.clear();

    expect(await evaluateAutoSlowMode(t.deps, article.id)).toBe('engaged');
    expect(t.bus.of('articleSettings')).toEqual([
      { articleId: article.id, commentsOpen: true, slowModeSeconds: 45, slowModeAuto: true },
    ]);
    const [audit] = (await t.deps.store.listAudit({ articleId: article.id, limit: 1 })).items;
    expect(audit).toMatchObject({
      action: 'settings',
      actorId: 'system',
      actorName: 'Parley (automatic)',
      before: { slowModeSeconds: 0, slowModeAuto: false },
      after: { slowModeSeconds: 45, slowModeAuto: true },
    });
    expect(audit!.reason).toMatch(/engaged: at least 3 comments in the last minute/);
    // Evaluating again changes nothing and announces nothing.
    expect(await evaluateAutoSlowMode(t.deps, article.id)).toBeNull();
    expect(t.bus.of('articleSettings')).toHaveLength(1);

    const snapshot = await readSnapshot(t.deps, null, article.id, 'new', 0);
    expect(snapshot).toMatchObject({ slowModeSeconds: 45, slowModeAuto: true });
    const reader = await makeUser(t.deps);
    await postComment(t.deps, reader, { articleId: article.id, body: 'first under automatic slow mode' });
    const refusal = postComment(t.deps, reader, { articleId: article.id, body: 'too soon' });
    await expect(refusal).rejects.toMatchObject({
      code: 'SLOW_MODE',
      message: expect.stringMatching(
        /^Slow mode \(automatic: the discussion is very busy\) allows one comment every 45 s/,
      ),
    });
    // Moderators are exempt, as from manual slow mode.
    await postComment(t.deps, moderator, { articleId: article.id, body: 'mod 1' });
    await postComment(t.deps, moderator, { articleId: article.id, body: 'mod 2' });
  });

  it('lifts once the last minute has been quiet for a minute, and not before', async () => {
    await comments(3);
    await clockAtLastComment();
    expect(await evaluateAutoSlowMode(t.deps, article.id)).toBe('engaged');
    t.bus.clear();

    // Half a minute on, the burst is still in the window: engaged, no calm clock.
    t.clock.advance(RATE_WINDOW_MS / 2);
    expect(await evaluateAutoSlowMode(t.deps, article.id)).toBeNull();
    expect((await t.deps.store.getArticle(article.id))?.autoSlowModeCalmSince).toBeNull();
    // The burst leaves the window: the calm minute starts now.
    const calmFrom = t.clock.advance(RATE_WINDOW_MS / 2 + 1);
    expect(await evaluateAutoSlowMode(t.deps, article.id)).toBeNull();
    expect((await t.deps.store.getArticle(article.id))?.autoSlowModeCalmSince).toBe(calmFrom.toISOString());
    t.clock.advance(CALM_MS - 1);
    expect(await evaluateAutoSlowMode(t.deps, article.id)).toBeNull();
    expect(t.bus.of('articleSettings')).toEqual([]);

    t.clock.advance(1);
    expect(await evaluateAutoSlowMode(t.deps, article.id)).toBe('lifted');
    expect(t.bus.of('articleSettings')).toEqual([
      { articleId: article.id, commentsOpen: true, slowModeSeconds: 0, slowModeAuto: false },
    ]);
    const lifted = (await t.deps.store.getArticle(article.id))!;
    expect(lifted).toMatchObject({ autoSlowModeSince: null, autoSlowModeCalmSince: null });
    expect(slowModeInForce(lifted)).toEqual({ seconds: 0, auto: false });
    const [audit] = (await t.deps.store.listAudit({ articleId: article.id, limit: 1 })).items;
    expect(audit!.reason).toMatch(/lifted/);
  });

  it('announces a change once when two processes evaluate at the same moment', async () => {
    await comments(3);
    await clockAtLastComment();
    t.bus.clear();
    const outcomes = await Promise.all([
      evaluateAutoSlowMode(t.deps, article.id),
      evaluateAutoSlowMode(t.deps, article.id),
      evaluateAutoSlowMode(t.deps, article.id),
    ]);
    expect(outcomes.filter((o) => o === 'engaged')).toHaveLength(1);
    expect(t.bus.of('articleSettings')).toHaveLength(1);
    const audits = await t.deps.store.listAudit({ articleId: article.id, limit: 10 });
    expect(audits.items.filter((a) => a.actorId === 'system')).toHaveLength(1);
  });

  it('keeps the longer manual slow mode in force, and tells readers nothing new when it engages', async () => {
    await t.deps.store.updateArticle(article.id, { slowModeSeconds: 120 });
    await comments(3);
    await clockAtLastComment();
    t.bus.clear();
    expect(await evaluateAutoSlowMode(t.deps, article.id)).toBe('engaged');
    expect(t.bus.of('articleSettings')).toEqual([]);
    expect(slowModeInForce((await t.deps.store.getArticle(article.id))!)).toEqual({ seconds: 120, auto: false });
  });

  it('follows a moderator at once: a threshold already passed engages, 0 lifts', async () => {
    const quiet = await makeArticle(t.deps);
    for (let i = 0; i < 4; i++)
      await postComment(t.deps, await makeUser(t.deps), { articleId: quiet.id, body: `busy ${i}` });
    const [last] = (await t.deps.store.listComments({ articleId: quiet.id, parentId: null, sort: 'new', limit: 1 }))
      .items;
    t.clock.set(last!.createdAt);
    t.bus.clear();

    await updateArticleSettings(t.deps, moderator, quiet.id, { autoSlowModePerMinute: 4, autoSlowModeSeconds: 20 });
    expect(t.bus.of('articleSettings')).toEqual([
      { articleId: quiet.id, commentsOpen: true, slowModeSeconds: 20, slowModeAuto: true },
    ]);
    await updateArticleSettings(t.deps, moderator, quiet.id, { autoSlowModePerMinute: 0 });
    expect(t.bus.of('articleSettings').at(-1)).toEqual({
      articleId: quiet.id,
      commentsOpen: true,
      slowModeSeconds: 0,
      slowModeAuto: false,
    });
    expect(await t.deps.store.getArticle(quiet.id)).toMatchObject({ autoSlowModeSince: null });
    // Off means off: however busy, nothing engages.
    expect(await reconsiderAutoSlowMode(t.deps, quiet.id)).toMatchObject({ moved: false });
    expect(await codeOf(updateArticleSettings(t.deps, moderator, 'missing', { autoSlowModePerMinute: 5 }))).toBe(
      'NOT_FOUND',
    );
  });
});
