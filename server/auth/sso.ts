/**
 * Single sign-on for publishers (as Coral does): the publisher's site signs a JWT with the shared
 * secret, claims `sub`, `name`, optional `email`, `exp` and `jti`. Parley verifies it (HS256 only),
 * and the caller refuses a replayed `jti` through the store.
 */
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { userName } from '../../shared/schemas.js';
import { AppError } from '../errors.js';

const ssoClaims = z.object({
  sub: z.string().min(1).max(200),
  name: userName,
  email: z.email().max(200).optional(),
  exp: z.number().int(),
  jti: z.string().min(8).max(200),
});

export type SsoClaims = z.infer<typeof ssoClaims>;

/** Longest accepted lifetime of an SSO token: bounds how long its jti must be remembered. */
const MAX_SSO_LIFETIME_SECONDS = 24 * 3600;

export function verifySsoToken(token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): SsoClaims {
  let payload: unknown;
  try {
    payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
  } catch (err) {
    throw new AppError(
      'SSO_INVALID',
      err instanceof jwt.TokenExpiredError ? 'The single sign-on token has expired.' : undefined,
      undefined,
      {
        cause: err,
      },
    );
  }
  const parsed = ssoClaims.safeParse(payload);
  if (!parsed.success) {
    throw new AppError(
      'SSO_INVALID',
      'The single sign-on token lacks required claims (sub, name, exp, jti).',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  if (parsed.data.exp > nowSeconds + MAX_SSO_LIFETIME_SECONDS) {
    throw new AppError('SSO_INVALID', 'The single sign-on token lives too long (at most 24 hours).');
  }
  return parsed.data;
}
