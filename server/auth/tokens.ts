/**
 * Access tokens (JWT, HS256, algorithm pinned on verify) and opaque refresh tokens. Access tokens are
 * short-lived; a refresh token is random, stored only as its SHA-256 and usable once (rotation).
 */
import { createHash, createSecretKey, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { ROLES, type Role } from '../../shared/types.js';
import { AppError } from '../errors.js';

export interface AccessClaims {
  sub: string;
  role: Role;
  name: string;
}

const claimsSchema = z.object({ sub: z.string().min(1), role: z.enum(ROLES), name: z.string() });

export interface TokenService {
  accessTtlSeconds: number;
  signAccess(claims: AccessClaims): string;
  /** Throws AppError TOKEN_EXPIRED or TOKEN_INVALID. */
  verifyAccess(token: string): AccessClaims;
}

export function createTokenService(secret: string, accessTtlSeconds: number): TokenService {
  // A key object, made once: given the string, jsonwebtoken 9 first tries to read it as a public key
  // on every call, and that failed parse costs far more than the HMAC (auth0/node-jsonwebtoken#1046).
  const key = createSecretKey(Buffer.from(secret));
  return {
    accessTtlSeconds,
    signAccess(claims) {
      return jwt.sign(claims, key, { algorithm: 'HS256', expiresIn: accessTtlSeconds, issuer: 'parley' });
    },
    verifyAccess(token) {
      let payload: unknown;
      try {
        payload = jwt.verify(token, key, { algorithms: ['HS256'], issuer: 'parley' });
      } catch (err) {
        if (err instanceof jwt.TokenExpiredError)
          throw new AppError('TOKEN_EXPIRED', undefined, undefined, { cause: err });
        throw new AppError('TOKEN_INVALID', undefined, undefined, { cause: err });
      }
      const parsed = claimsSchema.safeParse(payload);
      if (!parsed.success) throw new AppError('TOKEN_INVALID');
      return parsed.data;
    },
  };
}

/** A fresh refresh token and the hash under which it is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
