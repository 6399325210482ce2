/**
 * Versions over HTTP:
 *   GET  /collab/versions?doc=<name>      list, newest first (anyone who may read the document)
 *   GET  /collab/versions/:id             one version with its Yjs state in base64
 *   POST /collab/versions {doc, name}     take a version (host, moderators, admins) -> 201
 *   POST /collab/versions/:id/restore     restore it by adding a change (host, moderators, admins)
 */
import { Router } from 'express';
import type { Deps } from '../../domain/deps.js';
import { actorOf } from '../middleware/authenticate.js';
import { parseInput } from '../validate.js';
import { docQuery, idParams, takeVersionBody } from '../../../shared/collab-schemas.js';
import { listVersions, readVersion, restoreVersion, takeVersion } from '../../collab/versions.js';

export function versionRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/collab/versions', async (req, res) => {
    const { doc } = parseInput(docQuery, req.query, 'query');
    res.json({ versions: await listVersions(deps, actorOf(res), doc) });
  });
  router.get('/collab/versions/:id', async (req, res) => {
    const { state, ...info } = await readVersion(deps, actorOf(res), parseInput(idParams, req.params, 'path').id);
    res.json({
      version: { ...info, state: Buffer.from(state.buffer, state.byteOffset, state.byteLength).toString('base64') },
    });
  });
  router.post('/collab/versions', async (req, res) => {
    res.status(201).json({ version: await takeVersion(deps, actorOf(res), parseInput(takeVersionBody, req.body)) });
  });
  router.post('/collab/versions/:id/restore', async (req, res) => {
    res.json(await restoreVersion(deps, actorOf(res), parseInput(idParams, req.params, 'path').id));
  });
  return router;
}
