/**
 * Everything collab adds to the HTTP API, as one router for server/http/app.ts to mount next to
 * the others: versions, the debate roster, and
 *   GET /collab/access?doc=<name>   what the caller may do with a document: { doc, canEdit, canManage }
 * (the client shows the editor or the read-only view from it).
 */
import { Router } from 'express';
import type { Deps } from '../../domain/deps.js';
import { actorOf } from '../middleware/authenticate.js';
import { parseInput } from '../validate.js';
import { debateRoutes } from './debate-roster.js';
import { documentsOf } from '../../collab/registry.js';
import { docQuery } from '../../../shared/collab-schemas.js';
import { versionRoutes } from './collab-versions.js';

export function collabRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/collab/access', async (req, res) => {
    const { doc } = parseInput(docQuery, req.query, 'query');
    const access = await documentsOf(deps).hooks.authorize(actorOf(res), doc);
    res.json({ doc, canEdit: access.canEdit, canManage: access.canManage });
  });
  router.use(versionRoutes(deps));
  router.use(debateRoutes(deps));
  return router;
}
