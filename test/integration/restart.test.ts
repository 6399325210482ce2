import { afterAll, describe, expect, it } from 'vitest';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
afterAll(() => t?.destroy());

describe('stop and start again', () => {
  it('keeps accounts, articles and comments, keeps tokens valid, and does not import the demo twice', async () => {
    t = await startTestServer({ DEMO_DEBATE: 'true' });
    expect(t.parley.seed).toEqual({
      importedArticle: true,
      createdAccounts: ['reader', 'moderator', 'host', 'admin'],
      createdDebate: true,
    });
    const demoDebates = await t.parley.deps.store.listDebatesOfArticle(
      (await t.parley.deps.store.getArticleBySlug('pakistan-afghanistan-peace-talks'))!.id,
    );
    expect(demoDebates).toHaveLength(1);
    const admin = await signInAs(t.url, 'admin');
    const reg = await api(t.url, '/api/auth/register', { body: { name: 'Persistent', password: 'password123' } });
    const made = await api(t.url, '/api/articles', {
      token: admin,
      body: { slug: 'second-story', title: 'ثانی کہانی', body: 'متن', positions: ['ہاں', 'نہیں'] },
    });
    expect(made.status).toBe(201);
    const demo = (await api(t.url, '/api/articles/pakistan-afghanistan-peace-talks')).body.article;
    const store = t.parley.deps.store;
    const reader = await store.getUserByNameKey('reader');
    const { value: comment } = await store.createComment({
      articleId: demo.id,
      parentId: null,
      authorId: reader!.id,
      authorName: 'reader',
      body: 'پاکستان اور افغانستان',
    });

    t = await t.restart();
    expect(t.parley.seed).toEqual({ importedArticle: false, createdAccounts: [] });
    expect(await t.parley.deps.store.listDebatesOfArticle(demo.id)).toEqual(demoDebates);
    const list = await api(t.url, '/api/articles');
    expect(list.body.items.map((a: { slug: string }) => a.slug).sort()).toEqual([
      'pakistan-afghanistan-peace-talks',
      'second-story',
    ]);
    expect(await t.parley.deps.store.countUsers()).toBe(5);
    // The kept token secret means tokens issued before the restart still work.
    expect((await api(t.url, '/api/me', { token: reg.body.accessToken })).body.user.name).toBe('Persistent');
    expect(
      (await api(t.url, '/api/auth/sign-in', { body: { name: 'Persistent', password: 'password123' } })).status,
    ).toBe(200);
    const comments = await api(t.url, '/api/articles/pakistan-afghanistan-peace-talks/comments');
    expect(comments.body.items).toMatchObject([{ id: comment.id, body: 'پاکستان اور افغانستان', seq: 1 }]);
    expect((await api(t.url, '/api/articles/second-story')).body.article.positions).toEqual(['ہاں', 'نہیں']);
  });
});
