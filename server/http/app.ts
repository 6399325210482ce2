/**
 * The express app: security headers, request ids and logs, JSON bodies with a size limit, the API
 * routes, the built client, and the JSON error model.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { STREAM_FRAME_ORIGINS } from '../../shared/debate/stream-link.js';
import { pinoHttp } from 'pino-http';
import { collabRoutes } from './routes/collab.js';
import type { Deps } from '../domain/deps.js';
import { AppError } from '../errors.js';
import { authenticate } from './middleware/authenticate.js';
import { errorHandler, notFoundHandler } from './middleware/errors.js';
import { requireJsonBody } from './middleware/json-only.js';
import { articleRoutes } from './routes/articles.js';
import { debateSessionRoutes } from './routes/debates.js';
import { authRoutes } from './routes/auth.js';
import { healthRoutes } from './routes/health.js';
import { moderationRoutes } from './routes/moderation.js';
import { notificationRoutes } from './routes/notifications.js';
import { userRoutes } from './routes/users.js';
import { adminRoutes } from './routes/admin.js';
import { embedApiRoutes, embedFraming, embedPageRoutes, frameAncestorsOf } from './routes/embed.js';

export interface HttpOptions {
  clientDir: string;
  bodyLimit: string;
  /** Sign-in, register, refresh and SSO attempts per address per minute. */
  authAttemptsPerMinute: number;
  /** Express's `trust proxy`: which peers' X-Forwarded-For names the client address (TRUST_PROXY). */
  trustProxy: boolean | number | string;
  /** With REDIS_URL: whether Redis is reachable, for /readyz. */
  redisUp?: (() => boolean) | undefined;
  /** Origins whose pages may embed the discussion (EMBED_ORIGINS, server/http/embed-origins.ts); none when absent. */
  embedOrigins?: readonly string[];
}

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function createHttpApp(deps: Deps, options: HttpOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Decides req.ip, and so the address the auth rate limit counts per (docs/OPERATIONS.md, TRUST_PROXY).
  app.set('trust proxy', options.trustProxy);
  app.use(
    pinoHttp({
      logger: deps.log,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' },
    }),
  );
  const embedOrigins = options.embedOrigins ?? [];
  // Before helmet: chooses the frame-ancestors of an embed page (routes/embed.ts).
  app.use(embedFraming(embedOrigins));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // A debate's live stream (shared/debate/stream-link.ts): the only pages framed are the two
          // players the parser builds addresses for. An HLS stream may come from any https host the
          // host names: hls.js fetches its playlist and segments (connect-src) and feeds them to the
          // <video> through a MediaSource blob: URL, or Safari plays the https URL itself (media-src).
          'frame-src': [...STREAM_FRAME_ORIGINS],
          'media-src': ["'self'", 'blob:', 'https:'],
          'connect-src': ["'self'", 'ws:', 'wss:', 'https:'],
          'img-src': ["'self'", 'data:', 'https:'],
          // 'self' everywhere but on /embed/<slug>, which the one allowed publisher page may frame.
          'frame-ancestors': [(_req, res) => frameAncestorsOf(res)],
        },
      },
    }),
  );
  app.use(healthRoutes(deps, { redisUp: options.redisUp }));

  const api = express.Router();
  api.use(requireJsonBody);
  api.use(express.json({ limit: options.bodyLimit, strict: true }));
  api.use(authenticate(deps));
  api.use(authRoutes(deps, { attemptsPerMinute: options.authAttemptsPerMinute }));
  api.use(userRoutes(deps));
  api.use(adminRoutes(deps));
  // Before articleRoutes, whose /articles/:slug would take /articles/counts.
  api.use(embedApiRoutes(deps, { origins: embedOrigins }));
  api.use(articleRoutes(deps));
  api.use(moderationRoutes(deps));
  api.use(collabRoutes(deps));
  api.use(debateSessionRoutes(deps));
  api.use(notificationRoutes(deps));
  api.use(notFoundHandler);
  app.use('/api', api);

  const clientDir = resolve(options.clientDir);
  const indexHtml = join(clientDir, 'index.html');
  app.use(embedPageRoutes({ clientDir }));
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  // Browsers ask for /favicon.ico on their own: an icon when the build has one, never the app shell.
  app.get('/favicon.ico', notFoundHandler);
  // The client routes in the browser: every other GET gets the app shell.
  app.get('/{*path}', (_req, res) => {
    if (!existsSync(indexHtml)) throw new AppError('NOT_FOUND', 'The client is not built; run npm run build:client.');
    res.sendFile(indexHtml);
  });
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
