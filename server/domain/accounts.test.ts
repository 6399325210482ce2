import jwt from 'jsonwebtoken';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeRole, refresh, register, signIn, signInWithSso, signOut } from './accounts.js';
import { codeOf, createMemoryDeps, makeUser, TEST_SSO, type MemoryDeps } from './testing/memory-deps.js';
import { nameKeyOf, requireRole, toPublicUser, toSelfUser } from './users.js';

let t: MemoryDeps;
beforeEach(async () => {
  t = await createMemoryDeps({ sso: TEST_SSO });
});
afterEach(() => t.close());

const ssoToken = (claims: Record<string, unknown>, options: jwt.SignOptions = { expiresIn: 600 }) =>
  jwt.sign(claims, TEST_SSO.secret, { algorithm: 'HS256', ...options });

describe('register and sign in', () => {
  it('registers a reader and issues a verifiable session', async () => {
    const session = await register(t.deps, { name: 'Ada', password: 'correct horse', email: 'ada@example.com' });
    expect(session.user).toMatchObject({ name: 'Ada', role: 'reader', email: 'ada@example.com', ssoProvider: null });
    expect(session.expiresIn).toBe(900);
    expect(session.refreshToken.length).toBeGreaterThan(30);
    expect(t.deps.tokens.verifyAccess(session.accessToken)).toMatchObject({
      sub: session.user.id,
      role: 'reader',
      name: 'Ada',
    });
    const stored = await t.deps.store.getUser(session.user.id);
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(stored?.nameKey).toBe('ada');
  });

  it('refuses a name that differs only in case or width', async () => {
    await register(t.deps, { name: 'Ada', password: 'correct horse' });
    expect(await codeOf(register(t.deps, { name: 'ＡＤＡ', password: 'another one' }))).toBe('NAME_TAKEN');
  });

  it('signs in with the right password only, whatever the case of the name', async () => {
    const made = await register(t.deps, { name: 'Grace', password: 'correct horse' });
    const session = await signIn(t.deps, { name: 'grace', password: 'correct horse' });
    expect(session.user.id).toBe(made.user.id);
    expect(await codeOf(signIn(t.deps, { name: 'Grace', password: 'wrong horse' }))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(signIn(t.deps, { name: 'Nobody', password: 'correct horse' }))).toBe('INVALID_CREDENTIALS');
  });

  it('refuses a password sign-in for a single sign-on account', async () => {
    const sso = await signInWithSso(t.deps, ssoToken({ sub: 's-1', name: 'Linus', jti: 'jti-000001' }));
    expect(sso.user.ssoProvider).toBe('publisher');
    expect(await codeOf(signIn(t.deps, { name: 'Linus', password: 'anything!' }))).toBe('INVALID_CREDENTIALS');
  });
});

describe('refresh and sign out', () => {
  it('rotates the refresh token: each one works once', async () => {
    const first = await register(t.deps, { name: 'Rota', password: 'correct horse' });
    const second = await refresh(t.deps, first.refreshToken);
    expect(second.user.id).toBe(first.user.id);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await codeOf(refresh(t.deps, first.refreshToken))).toBe('REFRESH_INVALID');
    expect(await codeOf(refresh(t.deps, 'never-issued-token-xxxxxxxx'))).toBe('REFRESH_INVALID');
    // The new one is still good.
    expect((await refresh(t.deps, second.refreshToken)).user.name).toBe('Rota');
  });

  it('stores the refresh token with the configured lifetime from deps.now', async () => {
    // Issued 31 days ago with a 30-day lifetime: expired by now.
    t.clock.set(new Date(Date.now() - 31 * 86_400_000));
    const old = await register(t.deps, { name: 'Oldie', password: 'correct horse' });
    expect(await codeOf(refresh(t.deps, old.refreshToken))).toBe('REFRESH_INVALID');
  });

  it('signing out spends the refresh token', async () => {
    const session = await register(t.deps, { name: 'Leaver', password: 'correct horse' });
    await signOut(t.deps, session.refreshToken);
    expect(await codeOf(refresh(t.deps, session.refreshToken))).toBe('REFRESH_INVALID');
    // Signing out twice is harmless.
    await expect(signOut(t.deps, session.refreshToken)).resolves.toBeUndefined();
  });
});

describe('single sign-on', () => {
  it('creates the user once and maps later sign-ins to them', async () => {
    const first = await signInWithSso(
      t.deps,
      ssoToken({ sub: 'sub-1', name: 'Margaret', email: 'm@example.com', jti: 'jti-aaaaaa' }),
    );
    expect(first.user).toMatchObject({ name: 'Margaret', email: 'm@example.com', ssoProvider: 'publisher' });
    const again = await signInWithSso(t.deps, ssoToken({ sub: 'sub-1', name: 'Margaret', jti: 'jti-bbbbbb' }));
    expect(again.user.id).toBe(first.user.id);
    expect(await t.deps.store.countUsers()).toBe(1);
  });

  it('refuses a replayed token id', async () => {
    const token = ssoToken({ sub: 'sub-2', name: 'Barbara', jti: 'jti-replay' });
    await signInWithSso(t.deps, token);
    expect(await codeOf(signInWithSso(t.deps, token))).toBe('SSO_REPLAYED');
  });

  it('gives a suffixed name when a local account holds the name', async () => {
    await register(t.deps, { name: 'Edsger', password: 'correct horse' });
    const session = await signInWithSso(t.deps, ssoToken({ sub: 'sub-3', name: 'Edsger', jti: 'jti-suffix' }));
    expect(session.user.name).toMatch(/^Edsger-[a-z0-9]{1,4}$/);
  });

  it('refuses expired, over-long, badly signed and incomplete tokens', async () => {
    const nowSeconds = Math.floor(t.deps.now().getTime() / 1000);
    const expired = ssoToken({ sub: 's', name: 'Late', jti: 'jti-expired', exp: nowSeconds - 60 }, {});
    expect(await codeOf(signInWithSso(t.deps, expired))).toBe('SSO_INVALID');
    const tooLong = ssoToken({ sub: 's', name: 'Long', jti: 'jti-toolong' }, { expiresIn: 25 * 3600 });
    expect(await codeOf(signInWithSso(t.deps, tooLong))).toBe('SSO_INVALID');
    const forged = jwt.sign({ sub: 's', name: 'Forged', jti: 'jti-forged' }, 'another-secret', { expiresIn: 600 });
    expect(await codeOf(signInWithSso(t.deps, forged))).toBe('SSO_INVALID');
    expect(await codeOf(signInWithSso(t.deps, ssoToken({ sub: 's', name: 'NoJti' })))).toBe('SSO_INVALID');
  });

  it('is refused when the server has no single sign-on configured', async () => {
    const plain = await createMemoryDeps();
    try {
      expect(await codeOf(signInWithSso(plain.deps, ssoToken({ sub: 's', name: 'X1', jti: 'jti-xxxxxx' })))).toBe(
        'SSO_INVALID',
      );
    } finally {
      await plain.close();
    }
  });
});

describe('roles', () => {
  it('lets an admin change a role and announces it on the bus', async () => {
    const admin = await makeUser(t.deps, 'admin');
    const reader = await makeUser(t.deps, 'reader');
    const updated = await changeRole(t.deps, admin, reader.id, 'moderator');
    expect(updated).toMatchObject({ id: reader.id, role: 'moderator' });
    expect((await t.deps.store.getUser(reader.id))?.role).toBe('moderator');
    expect(t.bus.of('roleChanged')).toEqual([{ userId: reader.id, role: 'moderator' }]);
  });

  it('refuses guests, readers and moderators, and unknown users', async () => {
    const admin = await makeUser(t.deps, 'admin');
    const moderator = await makeUser(t.deps, 'moderator');
    const reader = await makeUser(t.deps, 'reader');
    expect(await codeOf(changeRole(t.deps, null, reader.id, 'admin'))).toBe('UNAUTHENTICATED');
    expect(await codeOf(changeRole(t.deps, reader, reader.id, 'admin'))).toBe('FORBIDDEN');
    expect(await codeOf(changeRole(t.deps, moderator, reader.id, 'moderator'))).toBe('FORBIDDEN');
    expect(await codeOf(changeRole(t.deps, admin, 'no-such-user', 'moderator'))).toBe('NOT_FOUND');
    expect(t.bus.of('roleChanged')).toEqual([]);
  });
});

describe('users', () => {
  it('folds names for uniqueness and ranks roles', async () => {
    expect(nameKeyOf('Ｇｒａｃｅ')).toBe('grace');
    const moderator = await makeUser(t.deps, 'moderator');
    expect(requireRole(moderator, 'reader')).toBe(moderator);
    expect(requireRole(moderator, 'moderator')).toBe(moderator);
    expect(() => requireRole(moderator, 'admin')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => requireRole(null, 'reader')).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('shows only public fields to others and private ones to the user', async () => {
    const session = await register(t.deps, { name: 'Private', password: 'correct horse', email: 'p@example.com' });
    const record = (await t.deps.store.getUser(session.user.id))!;
    expect(toPublicUser(record)).toEqual({
      id: record.id,
      name: 'Private',
      role: 'reader',
      createdAt: record.createdAt,
    });
    expect(toSelfUser(record)).toMatchObject({ email: 'p@example.com', ssoProvider: null });
    expect(Object.keys(toSelfUser(record))).not.toContain('passwordHash');
  });
});
