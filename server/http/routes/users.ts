/**
 * Routes for users: admins list them and change roles; moderators and admins look them up by name;
 * anyone reads a profile (issue 15).
 */
import { Router } from 'express';
import { z } from 'zod';
import { pageQuery, roleBody } from '../../../shared/schemas.js';
import { changeRole } from '../../domain/accounts.js';
import type { Deps } from '../../domain/deps.js';
import { readProfile } from '../../domain/profiles.js';
import { nameKeyOf, requireRole, toPublicUser } from '../../domain/users.js';
import { actorOf } from '../middleware/authenticate.js';
import { parseInput } from '../validate.js';

const userIdParams = z.object({ id: z.string().min(1).max(100) });

/** How many users one lookup answers with: enough for a picker's suggestions. */
export const LOOKUP_LIMIT = 10;

/** The start of a name, as typed; the route folds it to a name key. */
const lookupQuery = z.strictObject({ name: z.string().min(1).max(40) });

const profileParams = z.object({ name: z.string().min(1).max(100) });
const profileQuery = z.strictObject({
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

export function userRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/users', async (req, res) => {
    requireRole(actorOf(res), 'admin');
    const query = parseInput(pageQuery, req.query, 'query');
    const page = await deps.store.listUsers({
      limit: query.limit ?? 50,
      ...(query.after ? { after: query.after } : {}),
    });
    res.json({ items: page.items.map(toPublicUser), next: page.next });
  });
  // Hosts and moderators name debate hosts and debaters; this finds them by the start of their name.
  router.get('/users/lookup', async (req, res) => {
    // The role first, so that a reader learns nothing from how their query is judged.
    requireRole(actorOf(res), 'host');
    const { name } = parseInput(lookupQuery, req.query, 'query');
    const users = await deps.store.findUsersByNamePrefix(nameKeyOf(name), LOOKUP_LIMIT);
    res.json({ items: users.map(toPublicUser) });
  });
  // A profile as the viewer may see it: guests and readers see visible comments only.
  router.get('/users/by-name/:name/profile', async (req, res) => {
    const { name } = parseInput(profileParams, req.params, 'path');
    const query = parseInput(profileQuery, req.query, 'query');
    res.json(await readProfile(deps, actorOf(res), { name, ...query }));
  });
  router.patch('/users/:id/role', async (req, res) => {
    requireRole(actorOf(res), 'admin');
    const { id } = parseInput(userIdParams, req.params, 'path');
    const { role } = parseInput(roleBody, req.body);
    res.json({ user: await changeRole(deps, actorOf(res), id, role) });
  });
  return router;
}
