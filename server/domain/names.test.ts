import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foldName, mixedScriptWord, nameCharacterProblem } from '../../shared/names.js';
import jwt from 'jsonwebtoken';
import { register, signInWithSso } from './accounts.js';
import { assertNameAllowed, backfillNameSkeletons, cleanSsoName, nameSkeleton } from './names.js';
import { createMemoryDeps, TEST_SSO, type MemoryDeps } from './testing/memory-deps.js';

let m: MemoryDeps;
beforeEach(async () => {
  m = await createMemoryDeps({ sso: TEST_SSO });
});
afterEach(() => m.close());

const codeOf = async (work: Promise<unknown>): Promise<string> =>
  work.then(
    () => 'accepted',
    (err: { code?: string }) => err.code ?? String(err),
  );
const registerAs = (name: string) => codeOf(register(m.deps, { name, password: 'correct horse' }));

describe('registration refuses look-alike, reserved and invisible names', () => {
  it('accepts distinct names in several scripts and refuses each look-alike with its code', async () => {
    // The demo's staff accounts exist (as the seed makes them: straight into the store).
    for (const name of ['moderator', 'admin', 'host']) {
      await m.deps.store.createUser({
        name,
        nameKey: name,
        passwordHash: null,
        role: 'reader',
        email: null,
        ssoProvider: null,
        ssoSubject: null,
      });
    }
    expect(await registerAs('Amina Khan')).toBe('accepted');
    expect(await registerAs('أمينة')).toBe('accepted');
    expect(await registerAs('Дмитрий')).toBe('accepted');
    expect(await registerAs('Amina Khani')).toBe('accepted');

    expect(await registerAs('mоderator')).toBe('NAME_RESERVED'); // Cyrillic о
    expect(await registerAs('аdmin')).toBe('NAME_RESERVED'); // Cyrillic а
    expect(await registerAs('h0st')).toBe('NAME_RESERVED');
    expect(await registerAs('host.')).toBe('NAME_RESERVED');
    expect(await registerAs('Amina  Khan')).toBe('NAME_TAKEN_LOOKALIKE');
    expect(await registerAs('AMINA_KHAN')).toBe('NAME_TAKEN_LOOKALIKE');
    expect(await registerAs('Аmina Khan')).toBe('NAME_MIXED_SCRIPTS'); // Cyrillic А in a Latin word
    expect(await registerAs('amina khan')).toBe('NAME_TAKEN');
    expect(await registerAs('Amina\u200bKhan')).toBe('NAME_INVALID_CHARACTERS');
    expect(await registerAs('Amina\u202eKhan')).toBe('NAME_INVALID_CHARACTERS');
    // Refused names stored nothing.
    expect(await m.deps.store.countUsers()).toBe(7);
  });

  it('words each refusal for a person and names the look-alike', async () => {
    await register(m.deps, { name: 'Amina Khan', password: 'correct horse' });
    await expect(assertNameAllowed(m.deps, 'Amina  Khan')).rejects.toMatchObject({
      code: 'NAME_TAKEN_LOOKALIKE',
      message: expect.stringContaining('“Amina Khan”'),
    });
    await expect(assertNameAllowed(m.deps, 'Staff')).rejects.toMatchObject({
      code: 'NAME_RESERVED',
      message: expect.stringContaining('“staff”'),
    });
  });

  it('lets a user keep their own name on a rename, and fills in skeletons of older users first', async () => {
    const old = await m.deps.store.createUser({
      name: 'Ilya',
      nameKey: 'ilya',
      passwordHash: null,
      role: 'reader',
      email: null,
      ssoProvider: null,
      ssoSubject: null,
    });
    // No skeleton stored yet: the check fills it in before comparing.
    expect(await codeOf(assertNameAllowed(m.deps, 'llya'))).toBe('NAME_TAKEN_LOOKALIKE');
    expect(await codeOf(assertNameAllowed(m.deps, 'I1ya', { exceptUserId: old.id }))).toBe('accepted');
    expect(await backfillNameSkeletons(m.deps)).toBe(0);
  });
});

describe('skeletons and the shared rules', () => {
  it('folds the look-alikes of the examples together and keeps different names apart', () => {
    expect(nameSkeleton('mоderator')).toBe(nameSkeleton('moderator'));
    expect(nameSkeleton('аdmin')).toBe(nameSkeleton('ADMIN'));
    expect(nameSkeleton('h0st')).toBe(nameSkeleton('host'));
    expect(nameSkeleton('host.')).toBe(nameSkeleton('host'));
    expect(nameSkeleton('Ноst')).toBe(nameSkeleton('host'));
    expect(nameSkeleton('Amina  Khan')).toBe(nameSkeleton('Amina Khan'));
    expect(nameSkeleton('Amina Khani')).not.toBe(nameSkeleton('Amina Khan'));
    expect(nameSkeleton('Дмитрий')).not.toBe(nameSkeleton('Dmitry'));
    expect(foldName('  Host!! ')).toBe('host');
  });

  it('finds invisible characters, odd spaces and mixed scripts', () => {
    expect(nameCharacterProblem('Amina Khan')).toBeUndefined();
    expect(nameCharacterProblem('O’Brien')).toBeUndefined();
    expect(nameCharacterProblem('a\u00a0b')).toMatch(/U\+00A0/);
    expect(nameCharacterProblem('a\u3164b')).toMatch(/U\+3164/);
    expect(nameCharacterProblem('a@b')).toMatch(/“@”/);
    expect(mixedScriptWord('pаypal team')).toBe('pаypal');
    expect(mixedScriptWord('Amina Дмитрий')).toBeUndefined();
    expect(mixedScriptWord('山田たろう')).toBeUndefined();
  });

  it('cleans single sign-on names instead of refusing the person', () => {
    expect(cleanSsoName('Amina\u200b  Khan')).toBe('Amina Khan');
    expect(cleanSsoName('\u202e')).toBe('reader');
  });
});

describe('single sign-on names', () => {
  const sso = (sub: string, name: string) =>
    signInWithSso(
      m.deps,
      jwt.sign({ sub, name, jti: `jti-${sub}-000` }, TEST_SSO.secret, { algorithm: 'HS256', expiresIn: 600 }),
    );

  it('gives a look-alike or reserved publisher name a suffix instead of refusing the person', async () => {
    await register(m.deps, { name: 'Amina Khan', password: 'correct horse' });
    const lookalike = await sso('s-1', 'Amina  Khan');
    expect(lookalike.user.name).toMatch(/^Amina Khan-[a-z0-9]{1,4}$/);
    const reserved = await sso('s-2', 'Admin');
    expect(reserved.user.name).toMatch(/^Admin-[a-z0-9]{1,4}$/);
    const fresh = await sso('s-3', 'Дмитрий');
    expect(fresh.user.name).toBe('Дмитрий');
    // Each got its skeleton at once, so a look-alike of it is refused.
    expect(await m.deps.store.listUsersWithoutNameSkeleton(10)).toEqual([]);
    expect(await registerAs(`${lookalike.user.name.replace(' ', '_')}`)).toBe('NAME_TAKEN_LOOKALIKE');
  });
});
