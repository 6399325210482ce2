/**
 * The express app: security headers, request ids and logs, JSON bodies with a size limit, the API
 * routes, the built client, and the JSON error model.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
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
import { userRoutes } from './routes/users.js';

export interface HttpOptions {
  clientDir: string;
  bodyLimit: string;
  /** Sign-in, register, refresh and SSO attempts per address per minute. */
  authAttemptsPerMinute: number;
  /** With REDIS_URL: whether Redis is reachable, for /readyz. */
  redisUp?: (() => boolean) | undefined;
}

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function createHttpApp(deps: Deps, options: HttpOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
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
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'connect-src': ["'self'", 'ws:', 'wss:'], 'img-src': ["'self'", 'data:', 'https:'] },
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
  api.use(articleRoutes(deps));
  api.use(moderationRoutes(deps));
  api.use(collabRoutes(deps));
  api.use(debateSessionRoutes(deps));
  api.use(notFoundHandler);
  app.use('/api', api);

  const clientDir = resolve(options.clientDir);
  const indexHtml = join(clientDir, 'index.html');
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  // The client routes in the browser: every other GET gets the app shell.
  app.get('/{*path}', (_req, res) => {
    if (!existsSync(indexHtml)) throw new AppError('NOT_FOUND', 'The client is not built; run npm run build:client.');
    res.sendFile(indexHtml);
  });
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
