/**
 * The debate roster over HTTP:
 *   POST  /debates               create (moderators, admins) -> 201
 *   GET   /debates/:id           the roster with document names and people's names (anyone)
 *   PATCH /debates/:id/roster    change host and positions (the host, moderators, admins)
 */
import { Router } from 'express';
import type { Deps } from '../../domain/deps.js';
import { actorOf } from '../middleware/authenticate.js';
import { parseInput } from '../validate.js';
import { createDebate, readDebate, rosterView, updateRoster } from '../../domain/debate/roster.js';
import { debateCreateBody, idParams, rosterPatchBody } from '../../../shared/collab-schemas.js';

export function debateRoutes(deps: Deps): Router {
  const router = Router();
  router.post('/debates', async (req, res) => {
    const debate = await createDebate(deps, actorOf(res), parseInput(debateCreateBody, req.body));
    res.status(201).json({ debate: await rosterView(deps, debate) });
  });
  router.get('/debates/:id', async (req, res) => {
    const debate = await readDebate(deps, parseInput(idParams, req.params, 'path').id);
    res.json({ debate: await rosterView(deps, debate) });
  });
  router.patch('/debates/:id/roster', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const debate = await updateRoster(deps, actorOf(res), id, parseInput(rosterPatchBody, req.body));
    res.json({ debate: await rosterView(deps, debate) });
  });
  return router;
}
