/**
 * Hostile input on every route: each answer is a 4xx with a code, never a 500, and nothing is stored
 * half-way (a digest of every row of every table does not move).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';
import { storeDigest } from '../helpers/store-digest.js';

let t: TestServer;
let admin: string;
let articleId: string;

beforeAll(async () => {
  t = await startTestServer({ BODY_LIMIT: '300kb' });
  admin = await signInAs(t.url, 'admin');
  articleId = (await api(t.url, '/api/articles/pakistan-afghanistan-peace-talks')).body.article.id;
});
afterAll(() => t.destroy());

const MEGABYTE = 'x'.repeat(1024 * 1024);
const junkBodies: Array<{ label: string; raw?: string; body?: unknown; type?: string }> = [
  { label: 'empty object', body: {} },
  { label: 'array', body: [] },
  { label: 'null', raw: 'null' },
  { label: 'number', raw: '42' },
  { label: 'string', raw: '"hello"' },
  { label: 'broken JSON', raw: '{"name": ' },
  {
    label: 'wrong types',
    body: { name: 5, password: ['a'], slug: {}, title: true, body: 7, role: 1, token: 3, refreshToken: false },
  },
  {
    label: 'operator keys',
    body: { name: { $gt: '' }, password: { $ne: null }, slug: { $regex: '.*' }, $where: '1', role: { $in: ['admin'] } },
  },
  { label: 'prototype pollution', raw: '{"__proto__": {"role": "admin"}, "constructor": {"prototype": {"x": 1}}}' },
  { label: 'one megabyte', body: { name: MEGABYTE, password: MEGABYTE, title: MEGABYTE, body: MEGABYTE } },
  {
    label: 'lone surrogates',
    raw: '{"name": "ab\\ud800cd", "password": "\\udfffxxxxxxxx", "slug": "a", "title": "\\ud800", "body": "\\ud800", "role": "admin"}',
  },
  {
    label: 'control characters',
    body: {
      name: 'a\u0000b\u0007',
      password: 'pass\u0000word',
      slug: 'a\u0000',
      title: '\u0000',
      body: 'x',
      token: '\u0000'.repeat(20),
    },
  },
  {
    label: 'unicode junk',
    body: {
      name: '\u202e\u200b\ufeff',
      password: '🙂'.repeat(500),
      title: 'ﷺ'.repeat(400),
      slug: 'ÄÖÜ',
      body: 'x',
      token: '🙂'.repeat(100),
    },
  },
  { label: 'form encoded', raw: 'name=a&password=b', type: 'application/x-www-form-urlencoded' },
  { label: 'text body', raw: 'hello', type: 'text/plain' },
];

const routes: Array<{ method: string; path: () => string; auth?: boolean }> = [
  { method: 'POST', path: () => '/api/auth/register' },
  { method: 'POST', path: () => '/api/auth/sign-in' },
  { method: 'POST', path: () => '/api/auth/refresh' },
  { method: 'POST', path: () => '/api/auth/sso' },
  { method: 'POST', path: () => '/api/auth/sign-out' },
  { method: 'POST', path: () => '/api/articles', auth: true },
  { method: 'PATCH', path: () => `/api/articles/${articleId}`, auth: true },
  { method: 'PATCH', path: () => '/api/users/some-id/role', auth: true },
  { method: 'POST', path: () => '/api/mod/comments/some-id/actions', auth: true },
  { method: 'POST', path: () => '/api/mod/users/some-id/sanctions', auth: true },
  { method: 'PATCH', path: () => `/api/mod/articles/${articleId}/settings`, auth: true },
  { method: 'POST', path: () => '/api/comments/some-id/reports', auth: true },
  { method: 'POST', path: () => '/api/debates', auth: true },
  { method: 'PATCH', path: () => '/api/debates/some-id/roster', auth: true },
  { method: 'POST', path: () => '/api/debates/some-id/session', auth: true },
  { method: 'POST', path: () => '/api/collab/versions', auth: true },
];

describe('bad input on every route', () => {
  it('answers every junk body with a 4xx and a code, and stores nothing', async () => {
    const before = storeDigest(t.dataDir);
    for (const route of routes) {
      for (const junk of junkBodies) {
        const res = await api(t.url, route.path(), {
          method: route.method,
          ...(junk.raw !== undefined ? { rawBody: junk.raw } : { body: junk.body }),
          ...(junk.type ? { headers: { 'content-type': junk.type } } : {}),
          ...(route.auth ? { token: admin } : {}),
        });
        const where = `${route.method} ${route.path()} with ${junk.label}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
        expect(res.status, where).toBeGreaterThanOrEqual(400);
        expect(res.status, where).toBeLessThan(500);
        expect(typeof res.body?.error?.code, where).toBe('string');
      }
    }
    expect(storeDigest(t.dataDir)).toEqual(before);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('answers junk in paths and query strings with a 4xx and a code', async () => {
    const paths = [
      '/api/articles?limit=abc',
      '/api/articles?limit=100000',
      '/api/articles?limit[$gt]=1',
      '/api/articles?limit=1&limit=2',
      '/api/articles?unknown=1',
      '/api/articles/%E0%A4%A',
      '/api/articles/..%2F..%2Fetc%2Fpasswd',
      '/api/articles/%00',
      `/api/articles/${'a'.repeat(500)}`,
      '/api/articles/pakistan-afghanistan-peace-talks/comments?sort=worst',
      '/api/articles/pakistan-afghanistan-peace-talks/comments?after=',
      '/api/articles/pakistan-afghanistan-peace-talks/comments?parentId[$ne]=x',
      '/api/articles/no-such-article',
      '/api/articles/no-such-article/comments',
      '/api/users/%ZZ/role',
      '/api/mod/queues/everything',
      '/api/mod/queues/pending?limit=0',
      '/api/mod/audit?userId[$ne]=x',
      '/api/debates/no-such-debate/report',
      '/api/debates/no-such-debate/export.md',
      '/api/collab/versions?doc=../../etc',
      '/api/collab/access?doc=',
    ];
    for (const path of paths) {
      const res = await api(t.url, path, { token: admin });
      const where = `${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
      expect(res.status, where).toBeGreaterThanOrEqual(400);
      expect(res.status, where).toBeLessThan(500);
      expect(typeof res.body?.error?.code, where).toBe('string');
    }
  });

  it('stays up and serves normal requests afterwards', async () => {
    expect((await api(t.url, '/healthz')).status).toBe(200);
    expect((await api(t.url, '/api/articles')).body.items).toHaveLength(1);
  });
});
