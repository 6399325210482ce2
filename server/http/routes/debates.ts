/** Debate routes beyond the roster: the session plan, the report and its Markdown export. */
import { Router } from 'express';
import { z } from 'zod';
import { debateSetupRequest } from '../../../shared/schemas.js';
import { buildReport } from '../../domain/debate/report.js';
import { reportMarkdown } from '../../domain/debate/report-markdown.js';
import { setupSession } from '../../domain/debate/session.js';
import { debateView } from '../../domain/debate/view.js';
import type { Deps } from '../../domain/deps.js';
import { actorOf } from '../middleware/authenticate.js';
import { parseInput } from '../validate.js';

const idParams = z.object({ id: z.string().min(1).max(100) });

export function debateSessionRoutes(deps: Deps): Router {
  const router = Router();
  router.post('/debates/:id/session', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(debateSetupRequest.omit({ debateId: true }), req.body);
    await setupSession(deps, actorOf(res), { debateId: id, ...body });
    res.status(201).json({ debate: await debateView(deps, actorOf(res), id) });
  });
  router.get('/debates/:id/session', async (req, res) => {
    res.json({ debate: await debateView(deps, actorOf(res), parseInput(idParams, req.params, 'path').id) });
  });
  router.get('/debates/:id/report', async (req, res) => {
    res.json({ report: await buildReport(deps, actorOf(res), parseInput(idParams, req.params, 'path').id) });
  });
  router.get('/debates/:id/export.md', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const markdown = reportMarkdown(await buildReport(deps, actorOf(res), id));
    res.type('text/markdown; charset=utf-8').attachment(`debate-${id}.md`).send(markdown);
  });
  return router;
}
