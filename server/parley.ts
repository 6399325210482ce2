/**
 * Wiring: builds a whole Parley server from a checked config. The one place that chooses the store
 * and the bus. Tests call startParley() with PORT 0; index.ts calls it for real.
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { resolveTokenSecret } from './auth/secret.js';
import { createTokenService } from './auth/tokens.js';
import { createLocalBus } from './bus/bus.js';
import { createMemoryLimits } from './bus/limits.js';
import { startCollab } from './collab/server.js';
import { snapshotAllDocsOfDebate } from './collab/versions.js';
import type { Config } from './config/schema.js';
import { seedDemo, type SeedResult } from './demo/seed.js';
import type { Deps } from './domain/deps.js';
import { createHttpApp } from './http/app.js';
import { createLogger } from './logger.js';
import { startRealtime, type Realtime } from './realtime/io.js';
import type { Store } from './store/store.js';

export interface Parley {
  deps: Deps;
  server: Server;
  url: string;
  port: number;
  realtime: Realtime;
  seed: SeedResult;
  /** 'in-process' alone, 'redis' when REDIS_URL joins several processes. */
  busKind: 'in-process' | 'redis';
  close(): Promise<void>;
}

async function openStore(config: Config, log: Logger): Promise<Store> {
  if (config.MONGO_URL) {
    const { openMongoStore } = await import('./store/mongo/index.js');
    log.info('store: MongoDB');
    return openMongoStore(config.MONGO_URL);
  }
  const { openSqliteStore } = await import('./store/sqlite/index.js');
  const file = join(config.DATA_DIR, 'parley.db');
  log.info({ file }, 'store: SQLite');
  return openSqliteStore(file);
}

export async function startParley(config: Config, logger?: Logger): Promise<Parley> {
  const log = logger ?? createLogger(config.LOG_LEVEL);
  const store = await openStore(config, log);
  const bus = createLocalBus((topic, err) => log.error({ err, topic }, 'bus subscriber failed; the write stands'));
  const secret = resolveTokenSecret(config.TOKEN_SECRET, config.DATA_DIR);
  const deps: Deps = {
    store,
    bus,
    limits: createMemoryLimits({
      commentsPerMinute: config.COMMENTS_PER_MINUTE,
      votesPerMinute: config.VOTES_PER_MINUTE,
      socketEventsPerSecond: config.SOCKET_EVENTS_PER_SECOND,
    }),
    tokens: createTokenService(secret, config.ACCESS_TOKEN_TTL_SECONDS),
    log,
    now: () => new Date(),
    refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    editWindowSeconds: config.EDIT_WINDOW_SECONDS,
    sso: config.SSO_SECRET ? { secret: config.SSO_SECRET, provider: config.SSO_PROVIDER } : null,
  };
  // Every phase change of a debate keeps a named version of each position summary (issue 5 history).
  deps.debatePhaseChanged = async (debateId, label) => {
    await snapshotAllDocsOfDebate(deps, debateId, 'phase', label);
  };
  const seed = config.DEMO
    ? await seedDemo(deps, { accounts: config.NODE_ENV !== 'production', debate: config.DEMO_DEBATE })
    : { importedArticle: false, createdAccounts: [] };

  const app = createHttpApp(deps, {
    clientDir: config.CLIENT_DIR,
    bodyLimit: config.BODY_LIMIT,
    authAttemptsPerMinute: config.NODE_ENV === 'test' ? 10_000 : 30,
  });
  const server = createServer(app);
  const realtime = startRealtime(server, deps, bus);
  const collab = startCollab(server, deps);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    deps,
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    realtime,
    seed,
    busKind: 'in-process',
    async close() {
      await collab.close();
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bus.close();
      await store.close();
    },
  };
}
