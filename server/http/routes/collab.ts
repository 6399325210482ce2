/**
 * Everything collab adds to the HTTP API, as one router for server/http/app.ts to mount next to
 * the others: versions, the debate roster, and
 *   GET  /collab/access?doc=<name>  what the caller may do with a document: { doc, canEdit, canManage,
 *                                   writeRefused } (the client shows the editor or the read-only view)
 *   POST /collab/ticket {doc}       a single-use ticket to open /collab/<doc> signed in (tickets.ts)
 */
import { Router } from 'express';
import type { Deps } from '../../domain/deps.js';
import { actorOf, signedIn } from '../middleware/authenticate.js';
import { parseInput } from '../validate.js';
import { debateRoutes } from './debate-roster.js';
import { documentsOf } from '../../collab/registry.js';
import { docQuery } from '../../../shared/collab-schemas.js';
import type { CollabTicket, DocAccess } from '../../../shared/collab.js';
import { versionRoutes } from './collab-versions.js';

export function collabRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/collab/access', async (req, res) => {
    const { doc } = parseInput(docQuery, req.query, 'query');
    const access = await documentsOf(deps).hooks.authorize(actorOf(res), doc);
    const body: DocAccess = {
      doc,
      canEdit: access.canEdit,
      canManage: access.canManage,
      writeRefused: access.writeRefused?.toPublic() ?? null,
    };
    res.json(body);
  });
  router.post('/collab/ticket', async (req, res) => {
    const { doc } = parseInput(docQuery, req.body);
    // A guest needs no ticket: they open /collab/<doc> without one and read.
    const actor = signedIn(req, res);
    const { ticket, expiresAt } = await documentsOf(deps).hooks.issueTicket(actor, doc);
    const body: CollabTicket = { ticket, expiresAt: expiresAt.toISOString() };
    res.status(201).set('Cache-Control', 'no-store').json(body);
  });
  router.use(versionRoutes(deps));
  router.use(debateRoutes(deps));
  return router;
}
