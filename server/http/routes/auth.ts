/** Account routes under /api/auth, plus /api/me. Sign-in style routes are rate limited per address. */
import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { refreshBody, registerBody, signInBody, ssoBody } from '../../../shared/schemas.js';
import { refresh, register, signIn, signInWithSso, signOut } from '../../domain/accounts.js';
import type { Deps } from '../../domain/deps.js';
import { AppError } from '../../errors.js';
import { toSelfUser } from '../../domain/users.js';
import { signedIn } from '../middleware/authenticate.js';
import { parseInput } from '../validate.js';
import { resetPasswordBody, resetRequestBody } from '../../../shared/account-admin.js';
import { requestPasswordReset, resetPassword } from '../../domain/account-recovery.js';
import { requestOriginOf } from './admin.js';

export function authRoutes(deps: Deps, options: { attemptsPerMinute: number }): Router {
  const router = Router();
  const attempts = rateLimit({
    windowMs: 60_000,
    limit: options.attemptsPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: () => {
      throw new AppError('RATE_LIMITED', 'Too many attempts from this address; wait a minute.');
    },
  });

  router.post('/auth/register', attempts, async (req, res) => {
    res.status(201).json(await register(deps, parseInput(registerBody, req.body)));
  });
  // Account recovery (issue 15): the same answer whether or not the address has an account.
  router.post('/auth/reset/request', attempts, async (req, res) => {
    const { email } = parseInput(resetRequestBody, req.body);
    await requestPasswordReset(deps, { email, requestOrigin: requestOriginOf(req) });
    res.status(202).json({ ok: true });
  });
  router.post('/auth/reset', attempts, async (req, res) => {
    await resetPassword(deps, parseInput(resetPasswordBody, req.body));
    res.status(204).end();
  });
  router.post('/auth/sign-in', attempts, async (req, res) => {
    res.json(await signIn(deps, parseInput(signInBody, req.body)));
  });
  router.post('/auth/refresh', attempts, async (req, res) => {
    res.json(await refresh(deps, parseInput(refreshBody, req.body).refreshToken));
  });
  router.post('/auth/sso', attempts, async (req, res) => {
    res.json(await signInWithSso(deps, parseInput(ssoBody, req.body).token));
  });
  router.post('/auth/sign-out', async (req, res) => {
    await signOut(deps, parseInput(refreshBody, req.body).refreshToken);
    res.status(204).end();
  });
  router.get('/me', async (req, res) => {
    const actor = signedIn(req, res);
    const user = await deps.store.getUser(actor.id);
    if (!user) throw new AppError('UNAUTHENTICATED');
    res.json({ user: toSelfUser(user) });
  });
  return router;
}
