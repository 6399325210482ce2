import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
let secret: string;
let readerToken: string;
let readerId: string;

beforeAll(async () => {
  t = await startTestServer();
  readerToken = await signInAs(t.url, 'reader');
  readerId = (jwt.decode(readerToken) as { sub: string }).sub;
  const { readFileSync } = await import('node:fs');
  secret = readFileSync(`${t.dataDir}/token-secret`, 'utf8');
});
afterAll(() => t.destroy());

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('access tokens', () => {
  it('accepts a valid token', async () => {
    const me = await api(t.url, '/api/me', { token: readerToken });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ name: 'reader', role: 'reader' });
  });

  it('refuses an expired token with TOKEN_EXPIRED', async () => {
    const expired = jwt.sign({ sub: readerId, role: 'reader', name: 'reader', iat: 1000, exp: 2000 }, secret, {
      algorithm: 'HS256',
      issuer: 'parley',
    });
    const res = await api(t.url, '/api/me', { token: expired });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_EXPIRED');
  });

  it('refuses a token signed with another key', async () => {
    const forged = jwt.sign({ sub: readerId, role: 'admin', name: 'reader' }, 'x'.repeat(48), {
      algorithm: 'HS256',
      issuer: 'parley',
    });
    const res = await api(t.url, '/api/me', { token: forged });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_INVALID');
  });

  it('refuses alg none', async () => {
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: readerId, role: 'admin', name: 'reader', iss: 'parley', exp: 9999999999 })}.`;
    const res = await api(t.url, '/api/users', { token: none });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_INVALID');
  });

  it('refuses a token whose role claim was tampered with', async () => {
    const [header, payload, signature] = readerToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = `${header}.${b64({ ...claims, role: 'admin' })}.${signature}`;
    const res = await api(t.url, '/api/users', { token: tampered });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_INVALID');
  });

  it('refuses a token of another algorithm family (HS512 with the right secret)', async () => {
    const other = jwt.sign({ sub: readerId, role: 'reader', name: 'reader' }, secret, {
      algorithm: 'HS512',
      issuer: 'parley',
    });
    expect((await api(t.url, '/api/me', { token: other })).status).toBe(401);
  });

  it('refuses a malformed Authorization header', async () => {
    const res = await api(t.url, '/api/me', { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_INVALID');
  });

  it('gives a reader 403 on admin routes', async () => {
    const users = await api(t.url, '/api/users', { token: readerToken });
    expect(users.status).toBe(403);
    expect(users.body.error.code).toBe('FORBIDDEN');
    const create = await api(t.url, '/api/articles', {
      token: readerToken,
      body: { slug: 'x', title: 'x', body: 'x' },
    });
    expect(create.status).toBe(403);
    const role = await api(t.url, `/api/users/${readerId}/role`, {
      method: 'PATCH',
      token: readerToken,
      body: { role: 'admin' },
    });
    expect(role.status).toBe(403);
    expect((await api(t.url, '/api/me', { token: readerToken })).body.user.role).toBe('reader');
  });

  it('gives a guest 401 on admin routes', async () => {
    const res = await api(t.url, '/api/users');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});
