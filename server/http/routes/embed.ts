/**
 * The embed (docs/EMBED.md): the loader script /embed.js that publishers' pages include, the frame
 * page /embed/<slug> it opens, the counts of a list page, and the check embed.js makes first.
 * Which pages may embed is EMBED_ORIGINS (server/http/embed-origins.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { slug } from '../../../shared/schemas.js';
import type { Deps } from '../../domain/deps.js';
import { AppError } from '../../errors.js';
import { createArticleCounter } from '../article-counts.js';
import { allowedOrigin } from '../embed-origins.js';
import { parseInput } from '../validate.js';

/** Most slugs one counts request may name (one list page). */
export const MAX_COUNT_SLUGS = 100;

const countsQuery = z.object({
  slugs: z
    .string()
    .max(MAX_COUNT_SLUGS * 101)
    .transform((v) => [...new Set(v.split(',').filter((s) => s !== ''))])
    .pipe(z.array(slug).min(1, 'name at least one slug').max(MAX_COUNT_SLUGS)),
});

/** The frame page's paths: /embed/<slug>, and its sign-in and register views. */
const EMBED_PAGE = /^\/embed\/[^/]+(?:\/(?:sign-in|register))?\/?$/;

/** The frame-ancestors source a response carries; helmet's CSP reads it (server/http/app.ts). */
export function frameAncestorsOf(res: object): string {
  const chosen = (res as { locals?: Record<string, unknown> }).locals?.frameAncestors;
  return typeof chosen === 'string' ? chosen : "'self'";
}

/**
 * Runs before helmet: an embed page may be framed by the one allowed origin its `origin` parameter
 * names (the page embed.js runs in), and by nobody else, so a page on any other origin gets nothing
 * (the browser refuses to frame it). The frame then trusts messages from that origin only.
 */
export function embedFraming(origins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' && EMBED_PAGE.test(req.path)) {
      const parent = allowedOrigin(origins, typeof req.query.origin === 'string' ? req.query.origin : undefined);
      res.locals.embedParent = parent;
      res.locals.frameAncestors = parent ?? "'none'";
    }
    next();
  };
}

/** Lets an allowed publisher's page read the answer (CORS); others get no CORS header, so nothing. */
function corsForAllowed(origins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    res.vary('Origin');
    const origin = allowedOrigin(origins, req.headers.origin);
    if (origin) res.setHeader('Access-Control-Allow-Origin', origin);
    next();
  };
}

/** Under /api: the counts of a list page, and whether the asking page may embed at all. */
export function embedApiRoutes(deps: Deps, options: { origins: readonly string[] }): Router {
  const router = Router();
  const counter = createArticleCounter(deps);
  router.get('/articles/counts', corsForAllowed(options.origins), async (req, res) => {
    const { slugs } = parseInput(countsQuery, req.query, 'query');
    res.setHeader('Cache-Control', 'public, max-age=10');
    res.json({ counts: await counter.counts(slugs) });
  });
  // Readable by every page, so embed.js can say in the console why a page that is not allowed
  // shows nothing. The answer only repeats what the frame's CSP already tells.
  router.get('/embed/status', (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-store');
    res.vary('Origin');
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
    res.json({ origin, allowed: allowedOrigin(options.origins, req.headers.origin) !== null });
  });
  return router;
}

const escapeAttribute = (text: string) =>
  text.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c] ?? c);

/** Publishers' pages load these from another origin: helmet's same-origin CORP would block them. */
function crossOriginReadable(res: Response): void {
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
}

/**
 * Outside /api, before the static files: /embed.js, and the frame page, which is the app shell
 * with the approved parent origin written in (`<meta name="parley-embed-parent">`, read by
 * client/src/ui/embed/frame-bridge.ts).
 */
export function embedPageRoutes(options: { clientDir: string }): Router {
  const router = Router();
  router.get('/embed.js', (_req, res) => {
    crossOriginReadable(res);
    res.sendFile(join(options.clientDir, 'embed.js'), { maxAge: '5m' }, (err) => {
      if (err && !res.headersSent) res.status(404).json({ error: new AppError('NOT_FOUND').toPublic() });
    });
  });
  router.get(EMBED_PAGE, async (_req, res) => {
    let html: string;
    try {
      html = await readFile(join(options.clientDir, 'index.html'), 'utf8');
    } catch {
      throw new AppError('NOT_FOUND', 'The client is not built; run npm run build:client.');
    }
    const parent = typeof res.locals.embedParent === 'string' ? res.locals.embedParent : null;
    if (parent)
      html = html.replace('<head>', `<head><meta name="parley-embed-parent" content="${escapeAttribute(parent)}">`);
    crossOriginReadable(res);
    // frame-ancestors (CSP) decides who may frame the page; X-Frame-Options would forbid them all.
    res.removeHeader('X-Frame-Options');
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(html);
  });
  return router;
}
