/** Liveness (/healthz: the process answers) and readiness (/readyz: the store answers). */
import { Router } from 'express';
import type { Deps } from '../../domain/deps.js';
import { AppError } from '../../errors.js';

export function healthRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await deps.store.ping();
    } catch (err) {
      throw new AppError('STORE_UNAVAILABLE', undefined, undefined, { cause: err });
    }
    res.json({ ok: true, store: deps.store.kind });
  });
  return router;
}
