/** Admin routes for users: list them and change roles. */
import { Router } from 'express';
import { z } from 'zod';
import { pageQuery, roleBody } from '../../../shared/schemas.js';
import { changeRole } from '../../domain/accounts.js';
import type { Deps } from '../../domain/deps.js';
import { requireRole, toPublicUser } from '../../domain/users.js';
import { actorOf } from '../middleware/authenticate.js';
import { parseInput } from '../validate.js';

const userIdParams = z.object({ id: z.string().min(1).max(100) });

export function userRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/users', async (req, res) => {
    requireRole(actorOf(res), 'admin');
    const query = parseInput(pageQuery, req.query, 'query');
    const page = await deps.store.listUsers({ limit: query.limit ?? 50, ...(query.after ? { after: query.after } : {}) });
    res.json({ items: page.items.map(toPublicUser), next: page.next });
  });
  router.patch('/users/:id/role', async (req, res) => {
    requireRole(actorOf(res), 'admin');
    const { id } = parseInput(userIdParams, req.params, 'path');
    const { role } = parseInput(roleBody, req.body);
    res.json({ user: await changeRole(deps, actorOf(res), id, role) });
  });
  return router;
}
