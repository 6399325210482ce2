/**
 * Admin routes under /api/admin (issue 15): the user list with roles, role changes and one-time
 * password reset links. Access is checked in the domain (admin-users.ts, account-recovery.ts) for
 * every call; the role check comes before input is judged, so a non-admin learns nothing.
 */
import type { Request } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import { adminRoleBody, adminUsersQuery } from '../../../shared/account-admin.js';
import { issueResetLinkAsAdmin } from '../../domain/account-recovery.js';
import { listUsersForAdmin, setRoleAsAdmin } from '../../domain/admin-users.js';
import type { Deps } from '../../domain/deps.js';
import { requireRole } from '../../domain/users.js';
import { actorOf } from '../middleware/authenticate.js';
import { parseInput } from '../validate.js';

const userIdParams = z.strictObject({ id: z.string().min(1).max(100) });

/** The address this request came to (links outside production when PUBLIC_URL is unset). */
export const requestOriginOf = (req: Request): string => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

export function adminRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/admin/users', async (req, res) => {
    requireRole(actorOf(res), 'admin');
    const query = parseInput(adminUsersQuery, req.query, 'query');
    res.json(await listUsersForAdmin(deps, actorOf(res), query));
  });
  router.patch('/admin/users/:id/role', async (req, res) => {
    requireRole(actorOf(res), 'admin');
    const { id } = parseInput(userIdParams, req.params, 'path');
    const { role } = parseInput(adminRoleBody, req.body);
    res.json({ user: await setRoleAsAdmin(deps, actorOf(res), id, role) });
  });
  router.post('/admin/users/:id/reset-link', async (req, res) => {
    requireRole(actorOf(res), 'admin');
    const { id } = parseInput(userIdParams, req.params, 'path');
    // The link is a secret: no cache may keep the answer.
    res.set('Cache-Control', 'no-store');
    res.status(201).json(await issueResetLinkAsAdmin(deps, actorOf(res), id, requestOriginOf(req)));
  });
  return router;
}
