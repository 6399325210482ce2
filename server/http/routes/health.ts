/**
 * Liveness (/healthz: the process answers) and readiness (/readyz: the store answers). With
 * REDIS_URL, readiness also says whether Redis is reachable; without it the process still serves
 * its own clients, so it stays ready and says it is degraded (docs/OPERATIONS.md, "Cluster").
 */
import { Router } from 'express';
import type { Deps } from '../../domain/deps.js';
import { AppError } from '../../errors.js';

export interface HealthOptions {
  /** Whether the link to the other processes is up; absent when the process works alone. */
  redisUp?: (() => boolean) | undefined;
}

export function healthRoutes(deps: Deps, options: HealthOptions = {}): Router {
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
    if (!options.redisUp) {
      res.json({ ok: true, store: deps.store.kind });
    } else if (options.redisUp()) {
      res.json({ ok: true, store: deps.store.kind, redis: 'up' });
    } else {
      res.json({ ok: true, store: deps.store.kind, redis: 'down', degraded: true });
    }
  });
  return router;
}
