import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';

const SSO_SECRET = 'publisher-shared-secret-0123456789abcdef';
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ SSO_SECRET, SSO_PROVIDER: 'dawn' });
});
afterAll(() => t.destroy());

const ssoToken = (claims: Record<string, unknown>, secret = SSO_SECRET) =>
  jwt.sign({ jti: randomUUID(), ...claims }, secret, { algorithm: 'HS256', expiresIn: 300 });

describe('accounts', () => {
  it('registers, signs in, refreshes once, and signs out', async () => {
    const reg = await api(t.url, '/api/auth/register', { body: { name: 'Zainab Khan', password: 'correct horse' } });
    expect(reg.status).toBe(201);
    expect(reg.body.user).toMatchObject({ name: 'Zainab Khan', role: 'reader' });
    expect(reg.body.user.passwordHash).toBeUndefined();
    const dup = await api(t.url, '/api/auth/register', { body: { name: 'ZAINAB KHAN', password: 'another one' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('NAME_TAKEN');

    const wrong = await api(t.url, '/api/auth/sign-in', { body: { name: 'Zainab Khan', password: 'wrong password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    const nobody = await api(t.url, '/api/auth/sign-in', { body: { name: 'nobody here', password: 'whatever1' } });
    expect(nobody.body.error.code).toBe('INVALID_CREDENTIALS');

    const signIn = await api(t.url, '/api/auth/sign-in', { body: { name: 'zainab khan', password: 'correct horse' } });
    expect(signIn.status).toBe(200);
    const refreshed = await api(t.url, '/api/auth/refresh', { body: { refreshToken: signIn.body.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(signIn.body.refreshToken);
    const reused = await api(t.url, '/api/auth/refresh', { body: { refreshToken: signIn.body.refreshToken } });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('REFRESH_INVALID');

    expect(
      (await api(t.url, '/api/auth/sign-out', { body: { refreshToken: refreshed.body.refreshToken } })).status,
    ).toBe(204);
    expect(
      (await api(t.url, '/api/auth/refresh', { body: { refreshToken: refreshed.body.refreshToken } })).status,
    ).toBe(401);
  });

  it('lets an admin change roles, and the change applies at once', async () => {
    const admin = await signInAs(t.url, 'admin');
    const reg = await api(t.url, '/api/auth/register', { body: { name: 'Promoted', password: 'password123' } });
    const token = reg.body.accessToken as string;
    expect((await api(t.url, '/api/users', { token })).status).toBe(403);
    const change = await api(t.url, `/api/users/${reg.body.user.id}/role`, {
      method: 'PATCH',
      token: admin,
      body: { role: 'admin' },
    });
    expect(change.status).toBe(200);
    expect(change.body.user.role).toBe('admin');
    expect((await api(t.url, '/api/users', { token })).status).toBe(200);
    const missing = await api(t.url, '/api/users/nope/role', {
      method: 'PATCH',
      token: admin,
      body: { role: 'admin' },
    });
    expect(missing.status).toBe(404);
    const bad = await api(t.url, `/api/users/${reg.body.user.id}/role`, {
      method: 'PATCH',
      token: admin,
      body: { role: 'god' },
    });
    expect(bad.status).toBe(400);
  });
});

describe('single sign-on', () => {
  it('maps a publisher token to a local user and refuses its replay', async () => {
    const token = ssoToken({ sub: 'p-1001', name: 'Ayesha', email: 'ayesha@example.com' });
    const first = await api(t.url, '/api/auth/sso', { body: { token } });
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({
      name: 'Ayesha',
      ssoProvider: 'dawn',
      email: 'ayesha@example.com',
      role: 'reader',
    });
    const replay = await api(t.url, '/api/auth/sso', { body: { token } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('SSO_REPLAYED');
    const again = await api(t.url, '/api/auth/sso', { body: { token: ssoToken({ sub: 'p-1001', name: 'Ayesha' }) } });
    expect(again.body.user.id).toBe(first.body.user.id);
  });

  it('gives a publisher user whose name is taken a distinct name', async () => {
    const res = await api(t.url, '/api/auth/sso', { body: { token: ssoToken({ sub: 'p-2', name: 'reader' }) } });
    expect(res.status).toBe(200);
    expect(res.body.user.name).toMatch(/^reader-/);
  });

  it('refuses wrong keys, missing claims, expired and alg none tokens', async () => {
    const cases = [
      ssoToken({ sub: 'p-3', name: 'X Y' }, 'another-secret-of-enough-length-000000'),
      jwt.sign({ sub: 'p-3', name: 'No Jti' }, SSO_SECRET, { algorithm: 'HS256', expiresIn: 60 }),
      jwt.sign({ sub: 'p-3', name: 'No Exp', jti: randomUUID() }, SSO_SECRET, { algorithm: 'HS256' }),
      jwt.sign({ sub: 'p-3', name: 'Old', jti: randomUUID(), exp: 1000 }, SSO_SECRET, { algorithm: 'HS256' }),
      jwt.sign({ sub: 'p-3', name: 'None', jti: randomUUID(), exp: 9_999_999_999 }, '', { algorithm: 'none' }),
    ];
    for (const token of cases) {
      const res = await api(t.url, '/api/auth/sso', { body: { token } });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('SSO_INVALID');
    }
  });
});
