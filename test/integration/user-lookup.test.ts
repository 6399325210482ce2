/**
 * GET /api/users/lookup: moderators and admins find users by the start of their name (case- and
 * width-folded like the name key), at most ten; readers and guests are refused before their query
 * is looked at; a malformed query is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
let moderator: string;
let reader: string;

const lookup = (name: string, token?: string) =>
  api(t.url, `/api/users/lookup?name=${encodeURIComponent(name)}`, token ? { token } : {});

beforeAll(async () => {
  t = await startTestServer();
  moderator = await signInAs(t.url, 'moderator');
  reader = await signInAs(t.url, 'reader');
});
afterAll(() => t.destroy());

describe('user lookup', () => {
  it('finds the moderator by "mod" and the reader by "Reader", as public users', async () => {
    const mods = await lookup('mod', moderator);
    expect(mods.status).toBe(200);
    expect(mods.body.items.map((u: { name: string }) => u.name)).toEqual(['moderator']);
    expect(Object.keys(mods.body.items[0]).sort()).toEqual(['createdAt', 'id', 'name', 'role']);
    expect(mods.body.items[0].role).toBe('moderator');

    const readers = await lookup('Reader', moderator);
    expect(readers.status).toBe(200);
    expect(readers.body.items.map((u: { name: string }) => u.name)).toEqual(['reader']);
    // Width-folded too (NFKC): full-width letters find the same user.
    expect((await lookup('ｒｅａ', moderator)).body.items.map((u: { name: string }) => u.name)).toEqual(['reader']);
    expect((await lookup('nobody', moderator)).body.items).toEqual([]);
  });

  it('answers admins, at most ten users in name order', async () => {
    for (let i = 0; i < 12; i++) {
      const reg = await api(t.url, '/api/auth/register', {
        body: { name: `Lookup ${String(i).padStart(2, '0')}`, password: 'password123' },
      });
      expect(reg.status).toBe(201);
    }
    const found = await lookup('lookup', await signInAs(t.url, 'admin'));
    expect(found.status).toBe(200);
    expect(found.body.items.map((u: { name: string }) => u.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Lookup ${String(i).padStart(2, '0')}`),
    );
  });

  it('refuses readers with 403 and guests with 401, whatever they ask', async () => {
    for (const query of ['mod', '', 'x'.repeat(500)]) {
      const res = await lookup(query, reader);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(res.body.items).toBeUndefined();
    }
    expect((await api(t.url, '/api/users/lookup?name=mod&name[$gt]=')).status).toBe(401);
    expect((await lookup('mod')).body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a malformed query with 400', async () => {
    const junk = [
      '/api/users/lookup',
      '/api/users/lookup?name=',
      `/api/users/lookup?name=${'a'.repeat(41)}`,
      '/api/users/lookup?name=mod&name=adm',
      '/api/users/lookup?name[$gt]=',
      '/api/users/lookup?name=mod&limit=1000',
    ];
    for (const path of junk) {
      const res = await api(t.url, path, { token: moderator });
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toBe('VALIDATION_FAILED');
    }
    // Pattern characters are plain text: nothing matches, nothing breaks.
    for (const query of ['.*', '%', '_', '^m', '\\']) {
      const res = await lookup(query, moderator);
      expect(res.status, query).toBe(200);
      expect(res.body.items, query).toEqual([]);
    }
  });
});
