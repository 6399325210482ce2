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
import { createMemoryLimits, createRedisLimits } from './bus/limits.js';
import { createRedisReaderTable } from './bus/readers.js';
import type { RedisLink } from './bus/redis.js';
import { createRedisBus } from './bus/redis-bus.js';
import { startCollab } from './collab/server.js';
// Collab documents (several processes): accepted updates and awareness relayed over Redis.
import { localDocRelay } from './collab/relay.js';
import { createRedisDocRelay } from './collab/relay-redis.js';
import { localTickets } from './collab/tickets.js';
import { redisTickets } from './collab/tickets-redis.js';
import { snapshotAllDocsOfDebate } from './collab/versions.js';
import type { Config } from './config/schema.js';
import { seedDemo, type SeedResult } from './demo/seed.js';
import type { Deps } from './domain/deps.js';
import { createHttpApp } from './http/app.js';
import { embedOriginsOf } from './http/embed-origins.js';
import { clientErrorAnswer } from './http/client-error.js';
import { createLogger } from './logger.js';
import { createMailer } from './mail/mailer.js';
import { backfillNameSkeletons } from './domain/names.js';
import { startRealtime, type Realtime } from './realtime/io.js';
// Debate clocks (several processes): one owner per running clock, by lease.
import { openLeases } from './bus/lease.js';
import { startDebateClocks } from './realtime/debate/timers.js';
import { startFloorTurnTimers } from './realtime/debate/floor-turns.js';
import { advanceAtEnd, endFloorTurn } from './domain/debate/session.js';
// Bounded overload and automatic slow mode (issue 11).
import { createOverloadGuard } from './domain/overload.js';
import { startAutoSlowMode } from './realtime/auto-slow-mode.js';
import { startDigests } from './domain/notifications/digest.js';
import { rememberArticleStates } from './store/article-state-memo.js';
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
  /** The Redis link shared by the bus, the limits and socket.io's adapter (REDIS_URL), else null. */
  redis: RedisLink | null;
  /**
   * Stops. Alone: closes connections, bus and store. In a cluster (REDIS_URL), a graceful stop:
   * refuses new connections, answers the requests in hand, closes the sockets so that their
   * clients reconnect to another process (and recover their sessions there), then closes Redis.
   */
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
  // Alone, this process is the store's only writer, so article states can be remembered between
  // joins (store/article-state-memo.ts); with several processes (REDIS_URL) others write too.
  const opened = await openStore(config, log);
  const store = config.REDIS_URL ? opened : rememberArticleStates(opened);
  // --- Cluster (REDIS_URL): one Redis link for the bus, the rate limits, presence and socket.io's
  // adapter (docs/OPERATIONS.md, "Cluster"). Start-up fails if Redis does not answer.
  const link = config.REDIS_URL ? await (await import('./bus/redis.js')).connectRedis(config.REDIS_URL, log) : null;
  const onSubscriberFailure = (topic: string, err: unknown) =>
    log.error({ err, topic }, 'bus subscriber failed; the write stands');
  const bus = link
    ? createRedisBus(link, onSubscriberFailure, (topic, err) =>
        log.warn({ err, topic }, 'bus message not sent to the other processes; they resync when redis returns'),
      )
    : createLocalBus(onSubscriberFailure);
  const limitSettings = {
    commentsPerMinute: config.COMMENTS_PER_MINUTE,
    votesPerMinute: config.VOTES_PER_MINUTE,
  };
  // --- end cluster
  const secret = resolveTokenSecret(config.TOKEN_SECRET, config.DATA_DIR);
  const deps: Deps = {
    store,
    bus,
    limits: link ? createRedisLimits(link.client, limitSettings) : createMemoryLimits(limitSettings),
    tokens: createTokenService(secret, config.ACCESS_TOKEN_TTL_SECONDS),
    log,
    now: () => new Date(),
    refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    editWindowSeconds: config.EDIT_WINDOW_SECONDS,
    sso: config.SSO_SECRET ? { secret: config.SSO_SECRET, provider: config.SSO_PROVIDER } : null,
    // Outgoing e-mail (issue 15): null without SMTP_URL.
    mailer: createMailer(config.SMTP_URL, log, config.MAIL_FROM),
    publicUrl: config.PUBLIC_URL ?? (config.NODE_ENV === 'production' ? null : undefined),
  };
  // Every phase change of a debate keeps a named version of each position summary (issue 5 history).
  deps.debatePhaseChanged = async (debateId, label) => {
    await snapshotAllDocsOfDebate(deps, debateId, 'phase', label);
  };
  const seed = config.DEMO
    ? await seedDemo(deps, { accounts: config.NODE_ENV !== 'production', debate: config.DEMO_DEBATE })
    : { importedArticle: false, createdAccounts: [] };
  // Name skeletons of users stored before issue 15 (and the demo accounts just made).
  await backfillNameSkeletons(deps);

  const app = createHttpApp(deps, {
    clientDir: config.CLIENT_DIR,
    bodyLimit: config.BODY_LIMIT,
    authAttemptsPerMinute: config.AUTH_PER_MINUTE ?? (config.NODE_ENV === 'test' ? 10_000 : 30),
    trustProxy: config.TRUST_PROXY,
    redisUp: link ? () => link.isUp() : undefined,
    embedOrigins: embedOriginsOf(config),
  });
  const server = createServer(app);
  // Requests Node's parser refuses (an oversized head, say) answer in the JSON error model too.
  server.on('clientError', clientErrorAnswer(log));
  const realtime = startRealtime(server, deps, bus, link ? { link, readers: createRedisReaderTable(link) } : null, {
    socketEventsPerSecond: config.SOCKET_EVENTS_PER_SECOND,
    laggingReaderBytes: config.LAGGING_READER_BYTES,
  });
  // --- Debate clocks: the time-up notice comes from the one process that holds the debate's clock
  // lease (in Redis, on the cluster link's command client, when REDIS_URL is set; else in memory:
  // this process owns every clock).
  const leases = await openLeases(link ? { client: link.client } : {});
  const debateClocks = startDebateClocks(realtime.io, deps, bus, leases, (debateId, command) =>
    advanceAtEnd(deps, debateId, command),
  );
  // A hand's turn on the floor ends by itself (every process arms it; the take-back is a compare-and-set).
  const floorTurns = startFloorTurnTimers({
    store: deps.store,
    bus,
    log,
    now: deps.now,
    endTurn: (debateId, turn) => endFloorTurn(deps, debateId, turn),
  });
  const autoSlowMode = startAutoSlowMode(deps, bus, { everyMs: config.AUTO_SLOW_MODE_CHECK_MS });
  // E-mail digests of unread notifications (issue 15): one process per window, by a claim-once marker.
  const digests = startDigests(deps, {
    mailer: deps.mailer,
    leases,
    everyMs: config.DIGEST_MINUTES * 60_000,
    publicUrl: config.PUBLIC_URL ?? '',
  });
  // --- end debate clocks
  // --- Collab relay: with REDIS_URL, processes sharing the store relay each other's document
  // updates and awareness (docs/COLLAB.md, "Several processes"); without it, none.
  const collabRelay = config.REDIS_URL ? await createRedisDocRelay(config.REDIS_URL, log) : localDocRelay();
  const collab = startCollab(server, deps, {
    relay: collabRelay,
    // Tickets asked of one process open connections on any other (REDIS_URL).
    tickets: link ? redisTickets(link.client) : localTickets(),
  });
  // --- end collab relay
  // The other processes' messages must reach this one before it takes clients.
  await link?.settled();
  // Watched from here on, so the work of starting up does not count as load.
  deps.overload = createOverloadGuard(
    {
      maxWritesInFlight: config.OVERLOAD_MAX_WRITES_IN_FLIGHT,
      maxEventLoopDelayMs: config.OVERLOAD_EVENT_LOOP_DELAY_MS,
      retryAfterMs: config.OVERLOAD_RETRY_AFTER_MS,
    },
    { log },
  );
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
    busKind: link ? 'redis' : 'in-process',
    redis: link,
    async close() {
      // In a cluster: no new connections (the balancer sends them elsewhere); answer what is in hand.
      const serverClosed = new Promise<void>((resolve) => server.once('close', () => resolve()));
      if (link) {
        server.close();
        await realtime.drain();
      }
      await debateClocks.stop(); // releases the clock leases: another process takes over at once
      await floorTurns.stop();
      await autoSlowMode.stop();
      await digests.stop();
      deps.overload?.stop();
      await leases.close();
      await collab.close();
      await collabRelay.close(); // after collab.close(): its last awareness removals go out first
      await realtime.close();
      server.closeAllConnections();
      if (link) await serverClosed;
      else await new Promise<void>((resolve) => server.close(() => resolve()));
      await bus.close();
      await link?.close();
      await store.close();
    },
  };
}
