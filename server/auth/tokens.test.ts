import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { createTokenService } from './tokens.js';

const SECRET = 'a-token-secret-of-at-least-32-characters';
const claims = { sub: 'user-1', role: 'reader' as const, name: 'Someone' };

const codeOf = (verify: () => unknown) => {
  try {
    verify();
    return 'accepted';
  } catch (err) {
    return err instanceof AppError ? err.code : 'other error';
  }
};

describe('access tokens with the secret as a key object', () => {
  it('verifies tokens signed with the plain secret string (as other processes and older versions do)', () => {
    const service = createTokenService(SECRET, 900);
    const signedByString = jwt.sign(claims, SECRET, { algorithm: 'HS256', expiresIn: 900, issuer: 'parley' });
    expect(service.verifyAccess(signedByString)).toEqual(claims);
    // And what it signs verifies with the plain string too.
    const payload = jwt.verify(service.signAccess(claims), SECRET, { algorithms: ['HS256'], issuer: 'parley' });
    expect(payload).toMatchObject(claims);
  });

  it('refuses another secret, another algorithm and no signature', () => {
    const service = createTokenService(SECRET, 900);
    const other = jwt.sign(claims, `${SECRET}-other`, { algorithm: 'HS256', expiresIn: 900, issuer: 'parley' });
    const hs512 = jwt.sign(claims, SECRET, { algorithm: 'HS512', expiresIn: 900, issuer: 'parley' });
    const unsigned = jwt.sign(claims, '', { algorithm: 'none', issuer: 'parley' });
    expect(codeOf(() => service.verifyAccess(other))).toBe('TOKEN_INVALID');
    expect(codeOf(() => service.verifyAccess(hs512))).toBe('TOKEN_INVALID');
    expect(codeOf(() => service.verifyAccess(unsigned))).toBe('TOKEN_INVALID');
  });
});
