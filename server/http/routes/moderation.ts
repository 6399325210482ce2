/**
 * Moderation over HTTP, the same use cases as the socket events (for tools and scripts): the desk
 * for moderators, reports and sanction acknowledgements for readers.
 */
import { Router } from 'express';
import { z } from 'zod';
import {
  articleSettingsPatch,
  moderateRequest,
  queueRequest,
  reportRequest,
  sanctionRequest,
} from '../../../shared/schemas.js';
import { MOD_QUEUES } from '../../../shared/types.js';
import type { Deps } from '../../domain/deps.js';
import { AppError } from '../../errors.js';
import { moderateComment } from '../../domain/moderation/actions.js';
import { readAudit, readCommentContext, readQueue, readUserHistory } from '../../domain/moderation/desk.js';
import { reportComment } from '../../domain/moderation/reports.js';
import { acknowledgeWarning, liftSanction, sanctionUser } from '../../domain/moderation/sanctions.js';
import { settingsOf, updateArticleSettings } from '../../domain/moderation/settings.js';
import { undoAction } from '../../domain/moderation/undo.js';
import { activeSanctions } from '../../domain/moderation/standing.js';
import { requireRole } from '../../domain/users.js';
import { actorOf, signedIn } from '../middleware/authenticate.js';
import { parseInput } from '../validate.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const queueParams = z.object({ queue: z.enum(MOD_QUEUES) });
const queueQuery = z.strictObject({
  articleId: z.string().min(1).max(100).optional(),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
const auditQuery = z.strictObject({
  articleId: z.string().min(1).max(100).optional(),
  commentId: z.string().min(1).max(100).optional(),
  userId: z.string().min(1).max(100).optional(),
  after: z.string().max(200).optional(),
});

export function moderationRoutes(deps: Deps): Router {
  const router = Router();
  // Every /mod route checks the role before it reads any input: a reader learns nothing else.
  router.use('/mod', (_req, res, next) => {
    requireRole(actorOf(res), 'moderator');
    next();
  });

  router.get('/mod/queues/:queue', async (req, res) => {
    const { queue } = parseInput(queueParams, req.params, 'path');
    const query = parseInput(queueQuery, req.query, 'query');
    res.json(await readQueue(deps, actorOf(res), parseInput(queueRequest, { queue, ...query })));
  });
  router.get('/mod/comments/:id/context', async (req, res) => {
    res.json(await readCommentContext(deps, actorOf(res), parseInput(idParams, req.params, 'path').id));
  });
  router.post('/mod/comments/:id/actions', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(moderateRequest.omit({ commentId: true }), req.body);
    res.json({ comment: await moderateComment(deps, actorOf(res), { ...body, commentId: id }) });
  });
  router.get('/mod/audit', async (req, res) => {
    res.json(await readAudit(deps, actorOf(res), parseInput(auditQuery, req.query, 'query')));
  });
  // Takes back the moderator's own action named by its audit entry (issue 15).
  router.post('/mod/audit/:id/undo', async (req, res) => {
    res.json({ entry: await undoAction(deps, actorOf(res), parseInput(idParams, req.params, 'path').id) });
  });
  router.get('/mod/users/:id', async (req, res) => {
    res.json(await readUserHistory(deps, actorOf(res), parseInput(idParams, req.params, 'path').id));
  });
  router.post('/mod/users/:id/sanctions', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(sanctionRequest.omit({ userId: true }), req.body);
    res.status(201).json(await sanctionUser(deps, actorOf(res), { ...body, userId: id }));
  });
  router.delete('/mod/sanctions/:id', async (req, res) => {
    res.json({ sanction: await liftSanction(deps, actorOf(res), parseInput(idParams, req.params, 'path').id) });
  });
  router.get('/mod/articles/:id/settings', async (req, res) => {
    const article = await deps.store.getArticle(parseInput(idParams, req.params, 'path').id);
    if (!article) throw new AppError('NOT_FOUND', 'No such article.');
    res.json({ settings: settingsOf(article) });
  });
  router.patch('/mod/articles/:id/settings', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    res.json({
      settings: await updateArticleSettings(deps, actorOf(res), id, parseInput(articleSettingsPatch, req.body)),
    });
  });

  router.post('/comments/:id/reports', async (req, res) => {
    signedIn(req, res);
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(reportRequest.omit({ commentId: true }), req.body);
    res.status(201).json(await reportComment(deps, actorOf(res), { ...body, commentId: id }));
  });
  router.get('/me/sanctions', async (req, res) => {
    const me = signedIn(req, res);
    res.json({ active: activeSanctions(await deps.store.listSanctions(me.id), deps.now()) });
  });
  router.post('/me/sanctions/:id/acknowledge', async (req, res) => {
    signedIn(req, res);
    res.json({ sanction: await acknowledgeWarning(deps, actorOf(res), parseInput(idParams, req.params, 'path').id) });
  });
  return router;
}
