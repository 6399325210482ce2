/**
 * The store contract: one suite that every adapter must pass (SQLite always, MongoDB when MONGO_URL
 * is set). Each test gets a fresh, empty store from the harness.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StoreConflictError, StoreNotFoundError, type CommentRecord, type NewUser, type Store } from './store.js';

export interface StoreHarness {
  /** A fresh, empty store. */
  open(): Promise<Store>;
  /** Closes `store` and opens the same data again. */
  reopen(store: Store): Promise<Store>;
  /** Drops whatever the harness made (temp files, test databases). */
  destroy(store: Store): Promise<void>;
}

const user = (name: string, extra: Partial<NewUser> = {}): NewUser => ({
  name,
  nameKey: name.toLowerCase(),
  passwordHash: 'scrypt$x',
  role: 'reader',
  email: null,
  ssoProvider: null,
  ssoSubject: null,
  ...extra,
});

const article = (slug: string) => ({
  slug,
  title: `Title ${slug}`,
  body: '# Body',
  motion: null,
  positions: ['A', 'B'],
  publishedAt: null,
  createdBy: null,
});

export function describeStoreContract(name: string, harness: StoreHarness): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    const fresh = async () => (store = await harness.open());
    afterEach(async () => {
      if (store) await harness.destroy(store);
    });

    it('answers ping', async () => {
      await fresh();
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('keeps user names unique by key and finds users by key and by SSO identity', async () => {
      await fresh();
      const ada = await store.createUser(user('Ada'));
      await expect(store.createUser(user('ADA', { nameKey: 'ada' }))).rejects.toBeInstanceOf(StoreConflictError);
      expect((await store.getUserByNameKey('ada'))?.id).toBe(ada.id);
      expect(await store.getUser('no-such-id')).toBeNull();
      const sso = await store.createUser(user('Sso', { passwordHash: null, ssoProvider: 'pub', ssoSubject: '42' }));
      expect((await store.getUserBySso('pub', '42'))?.id).toBe(sso.id);
      await expect(store.createUser(user('Other', { ssoProvider: 'pub', ssoSubject: '42' }))).rejects.toMatchObject({
        field: 'sso',
      });
      expect((await store.setUserRole(ada.id, 'moderator'))?.role).toBe('moderator');
      expect(await store.setUserRole('missing', 'admin')).toBeNull();
      expect(await store.countUsers()).toBe(2);
    });

    it('pages users in creation order without repeats', async () => {
      await fresh();
      for (let i = 0; i < 7; i++) await store.createUser(user(`user${i}`));
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await store.listUsers({ limit: 3, ...(after ? { after } : {}) });
        seen.push(...page.items.map((u) => u.name));
        after = page.next ?? undefined;
      } while (after);
      // Users made in the same millisecond tie-break on id, so compare as a set with no repeats.
      expect(seen).toHaveLength(7);
      expect([...seen].sort()).toEqual(['user0', 'user1', 'user2', 'user3', 'user4', 'user5', 'user6']);
    });

    it('finds users by name-key prefix in key order, as a range and never as a pattern', async () => {
      await fresh();
      // Made out of order, so the answer's order comes from the key, not from creation.
      for (const name of ['Adele', 'Bob', 'ada', 'Ad_x', 'Adam', 'ae', 'Ad.x', 'ad\u{20000}', 'AD%z'])
        await store.createUser(user(name));
      const keys = async (prefix: string, limit = 10) =>
        (await store.findUsersByNamePrefix(prefix, limit)).map((u) => u.nameKey);
      // Byte order: '%' < '.' < '_' < letters < U+20000, a letter beyond U+FFFF that the range must still hold.
      expect(await keys('ad')).toEqual(['ad%z', 'ad.x', 'ad_x', 'ada', 'adam', 'adele', 'ad\u{20000}']);
      expect(await keys('ad', 2)).toEqual(['ad%z', 'ad.x']);
      expect(await keys('adam')).toEqual(['adam']);
      expect(await keys('b')).toEqual(['bob']);
      expect(await keys('adz')).toEqual([]);
      expect(await keys('ad', 0)).toEqual([]);
      // Wildcards of LIKE and of regular expressions are plain characters here.
      expect(await keys('ad%')).toEqual(['ad%z']);
      expect(await keys('a_')).toEqual([]);
      expect(await keys('.*')).toEqual([]);
      expect(await keys('^ad')).toEqual([]);
      const [found] = await store.findUsersByNamePrefix('bo', 1);
      expect(found).toMatchObject({ name: 'Bob', nameKey: 'bob', role: 'reader' });
    });

    it('claims an SSO token id once and uses a refresh token once', async () => {
      await fresh();
      const later = new Date(Date.now() + 60_000).toISOString();
      const results = await Promise.all(Array.from({ length: 20 }, () => store.claimSsoTokenId('jti-1', later)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const u = await store.createUser(user('Tok'));
      await store.saveRefreshToken({ tokenHash: 'h1', userId: u.id, expiresAt: later });
      const taken = await Promise.all([store.consumeRefreshToken('h1'), store.consumeRefreshToken('h1')]);
      expect(taken.filter(Boolean)).toHaveLength(1);
      await store.saveRefreshToken({
        tokenHash: 'h2',
        userId: u.id,
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      });
      expect(await store.consumeRefreshToken('h2')).toBeNull();
      await store.saveRefreshToken({ tokenHash: 'h3', userId: u.id, expiresAt: later });
      await store.deleteRefreshTokensOfUser(u.id);
      expect(await store.consumeRefreshToken('h3')).toBeNull();
    });

    it('creates, updates and lists articles newest first, with unique slugs', async () => {
      await fresh();
      const a = await store.createArticle(article('first'));
      expect(a.seq).toBe(0);
      expect(a.positions).toEqual(['A', 'B']);
      await expect(store.createArticle(article('first'))).rejects.toMatchObject({ field: 'slug' });
      await new Promise((r) => setTimeout(r, 5));
      const b = await store.createArticle(article('second'));
      await expect(store.updateArticle(b.id, { slug: 'first' })).rejects.toBeInstanceOf(StoreConflictError);
      const updated = await store.updateArticle(a.id, { title: 'New title', positions: ['X'] });
      expect(updated).toMatchObject({ title: 'New title', positions: ['X'], slug: 'first' });
      expect(await store.updateArticle('missing', { title: 'x' })).toBeNull();
      const page1 = await store.listArticles({ limit: 1 });
      expect(page1.items.map((x) => x.slug)).toEqual(['second']);
      const page2 = await store.listArticles({ limit: 1, after: page1.next! });
      expect(page2.items.map((x) => x.slug)).toEqual(['first']);
      expect(page2.next).toBeNull();
      expect((await store.getArticleBySlug('first'))?.title).toBe('New title');
      expect(await store.countArticles()).toBe(2);
    });

    it('reads threads with paging, depth, roots and reply counts', async () => {
      await fresh();
      const a = await store.createArticle(article('thread'));
      const other = await store.createArticle(article('other'));
      const author = await store.createUser(user('Writer'));
      const base = { articleId: a.id, authorId: author.id, authorName: author.name };
      const tops = [];
      for (let i = 0; i < 25; i++)
        tops.push((await store.createComment({ ...base, parentId: null, body: `top ${i}` })).value);
      const reply = (await store.createComment({ ...base, parentId: tops[3]!.id, body: 'reply' })).value;
      const nested = (await store.createComment({ ...base, parentId: reply.id, body: 'nested' })).value;
      expect(reply).toMatchObject({ depth: 1, rootId: tops[3]!.id, parentId: tops[3]!.id, status: 'visible' });
      expect(nested).toMatchObject({ depth: 2, rootId: tops[3]!.id });
      expect((await store.getComment(tops[3]!.id))?.replyCount).toBe(1);
      await expect(
        store.createComment({ ...base, articleId: other.id, parentId: reply.id, body: 'x' }),
      ).rejects.toBeInstanceOf(StoreNotFoundError);
      await expect(
        store.createComment({ ...base, articleId: 'missing', parentId: null, body: 'x' }),
      ).rejects.toBeInstanceOf(StoreNotFoundError);
      const bodies: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.listComments({
          articleId: a.id,
          parentId: null,
          sort: 'old',
          limit: 10,
          ...(after ? { after } : {}),
        });
        bodies.push(...page.items.map((c) => c.body));
        if (!page.next) break;
        after = page.next;
      }
      expect(bodies).toEqual(tops.map((c) => c.body));
      const replies = await store.listComments({ articleId: a.id, parentId: reply.id, sort: 'old', limit: 10 });
      expect(replies.items.map((c) => c.id)).toEqual([nested.id]);
      expect((await store.getComments([reply.id, nested.id])).map((c) => c.id).sort()).toEqual(
        [reply.id, nested.id].sort(),
      );
      expect((await store.listRepliesOfRoots(a.id, [tops[3]!.id, tops[4]!.id], 10)).map((c) => c.id)).toEqual([
        reply.id,
        nested.id,
      ]);
      expect((await store.listRepliesOfRoots(a.id, [tops[3]!.id], 1)).map((c) => c.id)).toEqual([reply.id]);
      expect(await store.listRepliesOfRoots(a.id, [], 10)).toEqual([]);
      expect((await store.getArticle(a.id))?.commentCount).toBe(27);
    });

    it('pages every sort order with stable cursors and refreshes ranking keys on votes', async () => {
      await fresh();
      const a = await store.createArticle(article('sorts'));
      const author = await store.createUser(user('Sorter'));
      const voters = await Promise.all(Array.from({ length: 6 }, (_, i) => store.createUser(user(`sv${i}`))));
      // [up, down] per comment: ties on score and rank keys on purpose, to test the seq tie-break.
      const plan: Array<[number, number]> = [
        [0, 0],
        [3, 0],
        [2, 2],
        [3, 3],
        [1, 0],
        [6, 0],
        [0, 2],
        [3, 0],
        [2, 2],
        [5, 1],
        [0, 0],
      ];
      const made: Array<CommentRecord & { up: number; down: number }> = [];
      for (const [i, [up, down]] of plan.entries()) {
        const { value } = await store.createComment({
          articleId: a.id,
          parentId: null,
          authorId: author.id,
          authorName: 'Sorter',
          body: `c${i}`,
        });
        for (let v = 0; v < up; v++) await store.castVote(value.id, voters[v]!.id, 1);
        for (let v = 0; v < down; v++) await store.castVote(value.id, voters[5 - v]!.id, -1);
        made.push({ ...value, up, down });
      }
      const { rankKeys } = await import('../../shared/ranking.js');
      const expected = (key: (c: (typeof made)[number]) => number, desc = true) =>
        [...made].sort((x, y) => (desc ? key(y) - key(x) || y.seq - x.seq : x.seq - y.seq)).map((c) => c.body);
      const orders = {
        old: expected((c) => c.seq, false),
        new: expected((c) => c.seq),
        top: expected((c) => c.up - c.down),
        best: expected((c) => rankKeys(c.up, c.down).best),
        controversial: expected((c) => rankKeys(c.up, c.down).controversy),
      } as const;
      for (const [sort, want] of Object.entries(orders) as Array<[keyof typeof orders, string[]]>) {
        const got: string[] = [];
        let after: string | undefined;
        do {
          const page = await store.listComments({
            articleId: a.id,
            parentId: null,
            sort,
            limit: 3,
            ...(after ? { after } : {}),
          });
          got.push(...page.items.map((c) => c.body));
          after = page.next ?? undefined;
        } while (after);
        expect(got, sort).toEqual(want);
      }
      const junk = await store.listComments({
        articleId: a.id,
        parentId: null,
        sort: 'best',
        limit: 2,
        after: 'not-a-cursor',
      });
      expect(junk.items.map((c) => c.body)).toEqual(orders.best.slice(0, 2));
    });

    it('stores the slow mode of an article', async () => {
      await fresh();
      const a = await store.createArticle(article('slow'));
      expect(a).toMatchObject({ slowModeSeconds: 0, commentCount: 0 });
      expect((await store.updateArticle(a.id, { slowModeSeconds: 30 }))?.slowModeSeconds).toBe(30);
    });

    it('stores the automatic slow mode of an article and moves its state only from the state named', async () => {
      await fresh();
      const a = await store.createArticle(article('auto-slow'));
      expect(a).toMatchObject({
        autoSlowModePerMinute: 0,
        autoSlowModeSeconds: 30,
        autoSlowModeSince: null,
        autoSlowModeCalmSince: null,
      });
      const set = await store.updateArticle(a.id, { autoSlowModePerMinute: 40, autoSlowModeSeconds: 90 });
      expect(set).toMatchObject({ autoSlowModePerMinute: 40, autoSlowModeSeconds: 90, autoSlowModeSince: null });
      expect(await store.listAutoSlowModeEngaged()).toEqual([]);

      const off = { autoSlowModeSince: null, autoSlowModeCalmSince: null };
      const engaged = { autoSlowModeSince: '2025-06-01T12:00:00.000Z', autoSlowModeCalmSince: null };
      const calm = { ...engaged, autoSlowModeCalmSince: '2025-06-01T12:01:01.000Z' };
      expect(await store.moveAutoSlowMode(a.id, off, engaged)).toMatchObject({ ...engaged, autoSlowModePerMinute: 40 });
      // A second process that read the same "off" loses: the state is no longer what it names.
      expect(await store.moveAutoSlowMode(a.id, off, engaged)).toBeNull();
      expect(await store.moveAutoSlowMode(a.id, { ...engaged, autoSlowModeSince: 'another' }, calm)).toBeNull();
      expect(await store.moveAutoSlowMode(a.id, engaged, calm)).toMatchObject(calm);
      expect(await store.listAutoSlowModeEngaged()).toEqual([a.id]);
      // The state survives a reopen, and settings changes leave it alone.
      store = await harness.reopen(store);
      expect(await store.updateArticle(a.id, { autoSlowModeSeconds: 60 })).toMatchObject({
        ...calm,
        autoSlowModeSeconds: 60,
      });
      expect(await store.moveAutoSlowMode(a.id, calm, off)).toMatchObject(off);
      expect(await store.listAutoSlowModeEngaged()).toEqual([]);
      expect(await store.moveAutoSlowMode('no-such-article', off, engaged)).toBeNull();
    });

    it("reads an article's state as getArticle reads it, without its text", async () => {
      await fresh();
      const a = await store.createArticle(article('state'));
      expect(await store.getArticleState(a.id)).toStrictEqual({
        id: a.id,
        slug: 'state',
        seq: 0,
        commentCount: 0,
        commentsOpen: true,
        slowModeSeconds: 0,
        autoSlowModePerMinute: 0,
        autoSlowModeSeconds: 30,
        autoSlowModeSince: null,
      });
      // Every field moved from its default: a comment (seq, count), settings and the automatic slow mode.
      const author = await store.createUser(user('Stateful'));
      await store.createComment({
        articleId: a.id,
        parentId: null,
        authorId: author.id,
        authorName: 'Stateful',
        body: 'x',
      });
      await store.updateArticle(a.id, {
        slug: 'state-renamed',
        commentsOpen: false,
        slowModeSeconds: 20,
        autoSlowModePerMinute: 40,
        autoSlowModeSeconds: 90,
      });
      const since = '2025-06-01T12:00:00.000Z';
      await store.moveAutoSlowMode(
        a.id,
        { autoSlowModeSince: null, autoSlowModeCalmSince: null },
        { autoSlowModeSince: since, autoSlowModeCalmSince: null },
      );
      const state = await store.getArticleState(a.id);
      const whole = (await store.getArticle(a.id))!;
      expect(state).toStrictEqual({
        id: a.id,
        slug: 'state-renamed',
        seq: 1,
        commentCount: 1,
        commentsOpen: false,
        slowModeSeconds: 20,
        autoSlowModePerMinute: 40,
        autoSlowModeSeconds: 90,
        autoSlowModeSince: since,
      });
      // The same values as the whole article's.
      expect(whole).toMatchObject(state!);
      expect(await store.getArticleState('no-such-article')).toBeNull();
    });

    it("counts an article's comments since a time, no further than the cap", async () => {
      await fresh();
      const a = await store.createArticle(article('rate'));
      const other = await store.createArticle(article('rate-other'));
      const author = await store.createUser(user('Rapid'));
      const post = (articleId: string, body: string) =>
        store.createComment({ articleId, parentId: null, authorId: author.id, authorName: author.name, body });
      const first = await post(a.id, 'one');
      await post(a.id, 'two');
      await post(a.id, 'three');
      await post(other.id, 'elsewhere');
      const since = first.value.createdAt;
      expect(await store.countCommentsSince(a.id, since, 100)).toBe(3);
      expect(await store.countCommentsSince(a.id, since, 2)).toBe(2);
      expect(await store.countCommentsSince(a.id, since, 0)).toBe(0);
      expect(await store.countCommentsSince(a.id, '9999-01-01T00:00:00.000Z', 100)).toBe(0);
      expect(await store.countCommentsSince(other.id, since, 100)).toBe(1);
    });

    it('allocates 200 concurrent sequence numbers with no gaps and no duplicates', async () => {
      await fresh();
      const a = await store.createArticle(article('busy'));
      const author = await store.createUser(user('Busy'));
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          store.createComment({
            articleId: a.id,
            parentId: null,
            authorId: author.id,
            authorName: author.name,
            body: `c${i}`,
          }),
        ),
      );
      const seqs = results.map((r) => r.change.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      for (const r of results) expect(r.value.seq).toBe(r.change.seq);
      const log = await store.changesSince(a.id, 0, 1000);
      expect(log.map((c) => c.seq)).toEqual(seqs);
      expect((await store.changesSince(a.id, 190, 5)).map((c) => c.seq)).toEqual([191, 192, 193, 194, 195]);
      expect((await store.getArticle(a.id))?.seq).toBe(200);
    });

    it('logs edits and deletions with their own seq and clears a deleted body', async () => {
      await fresh();
      const a = await store.createArticle(article('edits'));
      const author = await store.createUser(user('Editor'));
      const { value: c } = await store.createComment({
        articleId: a.id,
        parentId: null,
        authorId: author.id,
        authorName: author.name,
        body: 'v1',
      });
      const edited = await store.editComment(c.id, 'v2', new Date().toISOString());
      expect(edited?.value.body).toBe('v2');
      expect(edited?.value.editedAt).not.toBeNull();
      expect(edited?.change).toMatchObject({ seq: 2, kind: 'comment.edited', commentId: c.id });
      expect(edited?.value.modVersion).toBe(1);
      const deleted = await store.deleteComment(c.id);
      expect(deleted?.value).toMatchObject({ status: 'deleted', body: '' });
      expect(deleted?.change).toMatchObject({ seq: 3, kind: 'comment.deleted' });
      expect(await store.editComment(c.id, 'v3', new Date().toISOString())).toBeNull();
      expect(await store.editComment('missing', 'x', new Date().toISOString())).toBeNull();
      expect(await store.deleteComment('missing')).toBeNull();
    });

    it('keeps one vote per user per comment and exact tallies under concurrency', async () => {
      await fresh();
      const a = await store.createArticle(article('votes'));
      const author = await store.createUser(user('Author'));
      const { value: c } = await store.createComment({
        articleId: a.id,
        parentId: null,
        authorId: author.id,
        authorName: author.name,
        body: 'vote on me',
      });
      const voters = await Promise.all(Array.from({ length: 40 }, (_, i) => store.createUser(user(`voter${i}`))));
      // Every voter sends the same up-vote five times at once: one vote each must remain.
      await Promise.all(voters.flatMap((v) => Array.from({ length: 5 }, () => store.castVote(c.id, v.id, 1))));
      let now = await store.getComment(c.id);
      expect(now).toMatchObject({ upvotes: 40, downvotes: 0 });
      // Half switch to down, a quarter retract, all at once.
      await Promise.all(voters.map((v, i) => store.castVote(c.id, v.id, i % 2 === 0 ? -1 : i % 4 === 1 ? 0 : 1)));
      now = await store.getComment(c.id);
      expect(now).toMatchObject({ upvotes: 10, downvotes: 20 });
      const result = await store.castVote(c.id, voters[0]!.id, 1);
      expect(result).toMatchObject({
        previous: -1,
        current: 1,
        tally: { commentId: c.id, upvotes: 11, downvotes: 19 },
      });
      const mine = await store.getVotes([c.id, 'other'], voters[0]!.id);
      expect([...mine.entries()]).toEqual([[c.id, 1]]);
      await expect(store.castVote('missing', voters[0]!.id, 1)).rejects.toBeInstanceOf(StoreNotFoundError);
    });

    it('keeps everything across close and reopen', async () => {
      await fresh();
      const u = await store.createUser(user('Stays'));
      const a = await store.createArticle(article('stays'));
      const { value: c } = await store.createComment({
        articleId: a.id,
        parentId: null,
        authorId: u.id,
        authorName: u.name,
        body: 'still here',
      });
      await store.castVote(c.id, u.id, -1);
      store = await harness.reopen(store);
      expect((await store.getUserByNameKey('stays'))?.id).toBe(u.id);
      expect((await store.getArticleBySlug('stays'))?.seq).toBe(1);
      expect(await store.getComment(c.id)).toMatchObject({ body: 'still here', downvotes: 1 });
      const next = await store.createComment({
        articleId: a.id,
        parentId: null,
        authorId: u.id,
        authorName: u.name,
        body: 'after',
      });
      expect(next.change.seq).toBe(2);
    });
  });
}
