/**
 * Article routes: list (with each article's visible comment count) and read for everyone, create and
 * edit for admins, and the comment thread.
 */
import { Router } from 'express';
import { z } from 'zod';
import { articleCreateBody, articleUpdateBody, commentPageQuery, pageQuery, slug } from '../../../shared/schemas.js';
import { createArticle, getArticleBySlug, listArticles, updateArticle } from '../../domain/articles.js';
import { listComments } from '../../domain/comments.js';
import type { Deps } from '../../domain/deps.js';
import { requireRole } from '../../domain/users.js';
import { actorOf } from '../middleware/authenticate.js';
import { parseInput } from '../validate.js';

const slugParams = z.object({ slug });
const idParams = z.object({ id: z.string().min(1).max(100) });

export function articleRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/articles', async (req, res) => {
    const page = await listArticles(deps, parseInput(pageQuery, req.query, 'query'));
    // The comments a reader can see, counted for the whole page at once (the front page shows them).
    const counts = await deps.store.countVisibleComments(page.items.map((a) => a.id));
    res.json({ ...page, items: page.items.map((a) => ({ ...a, commentCount: counts.get(a.id) ?? 0 })) });
  });
  router.get('/articles/:slug', async (req, res) => {
    const params = parseInput(slugParams, req.params, 'path');
    res.json({ article: await getArticleBySlug(deps, params.slug) });
  });
  router.get('/articles/:slug/comments', async (req, res) => {
    const params = parseInput(slugParams, req.params, 'path');
    const query = parseInput(commentPageQuery, req.query, 'query');
    res.json(await listComments(deps, actorOf(res), { slug: params.slug, ...query }));
  });
  router.post('/articles', async (req, res) => {
    // Check the role before reading the body, so a reader learns nothing about validation rules.
    requireRole(actorOf(res), 'admin');
    res.status(201).json({ article: await createArticle(deps, actorOf(res), parseInput(articleCreateBody, req.body)) });
  });
  router.patch('/articles/:id', async (req, res) => {
    requireRole(actorOf(res), 'admin');
    const { id } = parseInput(idParams, req.params, 'path');
    res.json({ article: await updateArticle(deps, actorOf(res), id, parseInput(articleUpdateBody, req.body)) });
  });
  return router;
}
