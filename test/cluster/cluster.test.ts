/**
 * Three Parley processes with one Redis and one SQLite file act as one: live changes, vote tallies,
 * moderation, presence, role changes and rate limits are the same whichever process a client uses.
 * Each test has its own article, so counts and seqs start from nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DebateView, QuestionView } from '../../shared/debate/model.js';
import type { ModComment } from '../../shared/types.js';
import { eventually, newUser, onLiveChanges, openReader, threadFingerprint, type Reader } from '../helpers/live.js';
import { ask, must } from '../helpers/moderation.js';
import { api, signInAs } from '../helpers/server.js';
import { printClusterOutput, redisTool, startCluster, type Cluster } from './harness.js';

const COMMENTS_PER_MINUTE = 12;
let c: Cluster;
const open: Reader[] = [];
const tag = Math.random().toString(36).slice(2, 8);

/** A demo account's token and id. */
async function demo(url: string, name: 'moderator' | 'admin' | 'host') {
  const token = await signInAs(url, name);
  return { token, userId: (await api(url, '/api/me', { token })).body.user.id as string };
}

async function reader(url: string, slug: string, user: { token: string; userId: string } | null = null) {
  const r = await openReader(url, slug, user);
  open.push(r);
  return r;
}

describe.skipIf(redisTool.skip)('several processes act as one (Redis)', () => {
  beforeAll(async () => {
    c = await startCluster({
      env: { COMMENTS_PER_MINUTE: String(COMMENTS_PER_MINUTE), SOCKET_EVENTS_PER_SECOND: '10000' },
    });
  });
  afterEach((ctx) => {
    // A failure says what the processes said (their last lines; TEST_LOG_LEVEL=info for more).
    if (ctx.task.result?.state !== 'fail') return;
    printClusterOutput(c);
  });
  afterAll(async () => {
    for (const r of open) r.close();
    await c?.destroy();
  });

  it('delivers a comment posted through any process to readers on every process once, in seq order', async () => {
    const { slug } = await c.newArticle('delivery');
    const readers: Reader[] = [];
    for (const url of c.urls) readers.push(await reader(url, slug), await reader(url, slug));
    const seen = readers.map((r) => {
      const seqs: number[] = [];
      onLiveChanges(r.socket, (change) => seqs.push(change.seq));
      return seqs;
    });
    const writers: Reader[] = [];
    for (const [i, url] of c.urls.entries()) writers.push(await reader(url, slug, await newUser(url, `w${i}-${tag}`)));

    const ids: string[] = [];
    for (let i = 0; i < 21; i++)
      ids.push((await writers[i % 3]!.thread.post(`through process ${i % 3}: ${i}`)).comment.id);
    const last = await c.lastSeq(slug);
    expect(last).toBe(21);
    await eventually(() => readers.every((r) => r.thread.state.seq === last), 'every reader at the last seq');

    const everySeq = Array.from({ length: last }, (_, i) => i + 1);
    for (const [i, r] of readers.entries()) {
      // Exactly once each, in seq order, with no gap to sync over.
      expect(seen[i]).toEqual(everySeq);
      expect(r.thread.syncCount).toBe(0);
      for (const id of ids) expect(r.thread.state.comments.has(id)).toBe(true);
      expect(threadFingerprint(r.thread)).toEqual(threadFingerprint(readers[0]!.thread));
    }
  });

  it('leaves the exact tally at every watcher when 60 users vote at once through different processes', async () => {
    const { slug } = await c.newArticle('votes');
    const author = await reader(c.urls[0]!, slug, await newUser(c.urls[0]!, `author-${tag}`));
    const { comment } = await author.thread.post('Vote on this.');
    const watchers = [];
    for (const url of c.urls) watchers.push(await reader(url, slug), await reader(url, slug));
    const voters = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const url = c.urls[i % 3]!;
        return reader(url, slug, await newUser(url, `voter${i}-${tag}`));
      }),
    );
    // Two in three up, one in three down, cast all at once.
    await Promise.all(voters.map((v, i) => v.thread.vote(comment.id, i % 3 === 2 ? -1 : 1)));
    const expected = { upvotes: 40, downvotes: 20 };

    for (const url of c.urls) {
      const page = await api(url, `/api/articles/${slug}/comments`);
      expect(page.body.items[0]).toMatchObject({ id: comment.id, ...expected });
    }
    const everyone = [author, ...watchers, ...voters];
    const tallyOf = (r: Reader) => {
      const known = r.thread.state.comments.get(comment.id);
      return known && { upvotes: known.upvotes, downvotes: known.downvotes };
    };
    await eventually(
      () => everyone.every((r) => tallyOf(r)?.upvotes === 40 && tallyOf(r)?.downvotes === 20),
      'the exact tally at every watcher',
    );
    for (const r of everyone) expect(tallyOf(r)).toEqual(expected);
  });

  it('takes a removed body out of every read path on every process', async () => {
    const { id: articleId, slug } = await c.newArticle('removal');
    const secret = `secret-${tag}-${Math.random().toString(36).slice(2)}`;
    const readers: Reader[] = [];
    for (const url of c.urls) readers.push(await reader(url, slug));
    const author = await reader(c.urls[0]!, slug, await newUser(c.urls[0]!, `remove-author-${tag}`));
    const { comment } = await author.thread.post(`Something to remove: ${secret}`);
    await eventually(
      () => readers.every((r) => r.thread.state.comments.get(comment.id)?.body.includes(secret) === true),
      'the comment on every process',
    );

    const mod = await reader(c.urls[1]!, slug, await demo(c.urls[1]!, 'moderator'));
    const removed = await must<ModComment>(mod.socket, 'mod:action', {
      commentId: comment.id,
      action: 'remove',
      reason: 'test',
      expectedVersion: 0,
    });
    expect(removed.status).toBe('removed');
    await eventually(
      () => readers.every((r) => r.thread.state.comments.get(comment.id)?.status === 'removed'),
      'the removal on every process',
    );
    for (const r of readers) expect(JSON.stringify([...r.thread.state.comments.values()])).not.toContain(secret);

    const someone = await newUser(c.urls[2]!, `remove-reader-${tag}`);
    for (const url of c.urls) {
      for (const user of [null, someone]) {
        const fresh = await reader(url, slug, user);
        expect(JSON.stringify([...fresh.thread.state.comments.values()])).not.toContain(secret);
        const synced = await ask(fresh.socket, 'article:sync', { articleId, sinceSeq: 0 });
        expect(synced.ok).toBe(true);
        expect(JSON.stringify(synced)).not.toContain(secret);
        const page = await ask(fresh.socket, 'thread:page', { articleId, sort: 'new' });
        expect(page.ok).toBe(true);
        expect(JSON.stringify(page)).not.toContain(secret);
        const http = await api(url, `/api/articles/${slug}/comments?sort=new`, user ? { token: user.token } : {});
        expect(http.status).toBe(200);
        expect(JSON.stringify(http.body)).not.toContain(secret);
      }
    }
  });

  it('counts the readers of every process, each person once', async () => {
    const { slug } = await c.newArticle('presence');
    const both = await newUser(c.urls[1]!, `two-tabs-${tag}`);
    const guestA = await reader(c.urls[0]!, slug);
    const guestB = await reader(c.urls[0]!, slug);
    const guestC = await reader(c.urls[1]!, slug);
    const tabOne = await reader(c.urls[1]!, slug, both);
    const tabTwo = await reader(c.urls[2]!, slug, both);
    const all = [guestA, guestB, guestC, tabOne, tabTwo];
    // Three guests and one person with two tabs on two processes.
    await eventually(() => all.every((r) => r.thread.state.readers === 4), 'four readers everywhere');

    guestA.close();
    const left = all.filter((r) => r !== guestA);
    await eventually(() => left.every((r) => r.thread.state.readers === 3), 'three readers everywhere');
    tabOne.close();
    const rest = left.filter((r) => r !== tabOne);
    await eventually(() => rest.every((r) => r.thread.state.readers === 3), 'still three: the other tab');
    tabTwo.close();
    const guests = rest.filter((r) => r !== tabTwo);
    await eventually(() => guests.every((r) => r.thread.state.readers === 2), 'two readers everywhere');
  });

  it('moves a user’s connections on every process when their role changes', async () => {
    const { slug } = await c.newArticle('roles');
    const promoted = await newUser(c.urls[0]!, `promoted-${tag}`);
    const tabs = [await reader(c.urls[1]!, slug, promoted), await reader(c.urls[2]!, slug, promoted)];
    const author = await reader(c.urls[0]!, slug, await newUser(c.urls[0]!, `roles-author-${tag}`));
    const mod = await reader(c.urls[0]!, slug, await demo(c.urls[0]!, 'moderator'));
    const admin = await signInAs(c.urls[0]!, 'admin');
    const setRole = async (role: string) => {
      const res = await api(c.urls[0]!, `/api/users/${promoted.userId}/role`, {
        method: 'PATCH',
        token: admin,
        body: { role },
      });
      expect(res.status).toBe(200);
    };
    /** Posts and removes a comment; true when every tab saw the removed body (moderators do). */
    const removedBodySeenByTabs = async (label: string) => {
      const { comment } = await author.thread.post(label);
      await must(mod.socket, 'mod:action', {
        commentId: comment.id,
        action: 'remove',
        reason: 'x',
        expectedVersion: 0,
      });
      await eventually(
        () => tabs.every((t) => t.thread.state.comments.get(comment.id)?.status === 'removed'),
        'the removal at both tabs',
      );
      return tabs.map((t) => t.thread.state.comments.get(comment.id)!.body === label);
    };

    expect(await removedBodySeenByTabs('before the promotion')).toEqual([false, false]);
    await setRole('moderator');
    let round = 0;
    // The role change reaches the other processes over Redis: the first removal after it may race it.
    await eventually(
      async () => (await removedBodySeenByTabs(`after the promotion ${round++}`)).every(Boolean),
      'both tabs in the moderators’ room',
    );
    await setRole('reader');
    await eventually(
      async () => (await removedBodySeenByTabs(`after the demotion ${round++}`)).every((seen) => !seen),
      'both tabs out of the moderators’ room',
    );
  });

  it('leaves the exact debate tally at the host and one list of hands and questions on every process', async () => {
    const { id: articleId } = await c.newArticle('debate');
    const hostUser = await demo(c.urls[0]!, 'host');
    const created = await api(c.urls[0]!, '/api/debates', {
      token: (await demo(c.urls[0]!, 'moderator')).token,
      body: {
        articleId,
        hostId: hostUser.userId,
        motion: 'Tallies are exact wherever the votes are cast.',
        positions: [
          { name: 'For', debaterIds: [] },
          { name: 'Against', debaterIds: [] },
        ],
      },
    });
    expect(created.status).toBe(201);
    const debate = created.body.debate as DebateView;
    const [pro, con] = debate.positions.map((p) => p.id) as [string, string];
    const host = (await reader(c.urls[0]!, 'pakistan-afghanistan-peace-talks', hostUser)).socket;
    await must(host, 'debate:setup', {
      debateId: debate.id,
      template: 'free-form',
      plan: [{ kind: 'free', title: 'Open floor', positionId: null, durationSeconds: 600 }],
    });
    await must(host, 'debate:command', { debateId: debate.id, command: 'open-pre-vote' });
    let tally: DebateView['tally'] = null;
    host.on('debate:tally', (update) => (tally = update.tally));
    await must(host, 'debate:join', { debateId: debate.id });

    // Watchers on every process keep the last lists they heard.
    const watchers = await Promise.all(
      c.urls.map(async (url) => {
        const { socket } = await reader(url, 'pakistan-afghanistan-peace-talks');
        const last = { hands: [] as DebateView['hands'], questions: [] as QuestionView[] };
        socket.on('debate:hands', (update) => (last.hands = update.hands));
        socket.on('debate:questions', (update) => (last.questions = update.questions));
        await must(socket, 'debate:join', { debateId: debate.id });
        return last;
      }),
    );
    const audience = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const url = c.urls[i % 3]!;
        return (await reader(url, 'pakistan-afghanistan-peace-talks', await newUser(url, `aud${i}-${tag}`))).socket;
      }),
    );
    // At once, through all three processes: 40 for, 20 against; 30 hands; 6 questions.
    await Promise.all(
      audience.map((s, i) => must(s, 'debate:vote', { debateId: debate.id, positionId: i % 3 === 2 ? con : pro })),
    );
    await Promise.all(
      audience.filter((_, i) => i % 2 === 0).map((s) => must(s, 'debate:hand', { debateId: debate.id, raised: true })),
    );
    const asked = await Promise.all(
      audience
        .slice(0, 6)
        .map((s, i) => must<QuestionView>(s, 'debate:ask', { debateId: debate.id, text: `Question number ${i}?` })),
    );
    // Then everyone upvotes the first question at once.
    await Promise.all(audience.slice(6).map((s) => must(s, 'debate:upvote', { questionId: asked[0]!.id })));

    await eventually(() => {
      const pre = (tally as DebateView['tally'])?.pre;
      return pre?.counts[pro] === 40 && pre.counts[con] === 20;
    }, 'the host’s exact tally');
    expect((tally as DebateView['tally'])!.pre.total).toBe(60);
    const upvotesOf = (w: { questions: QuestionView[] }) => w.questions.find((q) => q.id === asked[0]!.id)?.upvotes;
    await eventually(
      () => watchers.every((w) => w.hands.length === 30 && w.questions.length === 6 && upvotesOf(w) === 54),
      'every process’s watcher at 30 hands, 6 questions, 54 upvotes',
    );
  });

  it('rate-limits one user through three processes at the same total as through one', async () => {
    const { id: articleId, slug } = await c.newArticle('limits');
    const post = async (socket: Reader['socket'], i: number) =>
      (await ask(socket, 'comment:create', { articleId, parentId: null, body: `limited ${i}` })) as {
        ok: boolean;
        error?: { code: string };
      };

    const spread = await newUser(c.urls[0]!, `spread-${tag}`);
    const sockets = [];
    for (const url of c.urls) sockets.push((await reader(url, slug, spread)).socket);
    const through3 = [];
    for (let i = 0; i < COMMENTS_PER_MINUTE + 6; i++) through3.push(await post(sockets[i % 3]!, i));

    const single = await newUser(c.urls[0]!, `single-${tag}`);
    const one = (await reader(c.urls[0]!, slug, single)).socket;
    const through1 = [];
    for (let i = 0; i < COMMENTS_PER_MINUTE + 6; i++) through1.push(await post(one, i));

    for (const results of [through3, through1]) {
      expect(results.filter((r) => r.ok)).toHaveLength(COMMENTS_PER_MINUTE);
      expect(results.slice(COMMENTS_PER_MINUTE).map((r) => r.error?.code)).toEqual(Array(6).fill('RATE_LIMITED'));
    }
  });
});
