/**
 * Real Deps for unit tests of the use cases: the SQLite store on ':memory:', the in-process bus, real
 * limits (generous unless a test asks otherwise), a clock the test moves by hand, a silent logger and
 * the token service. Nothing is mocked; every test gets its own store.
 *
 * The clock starts at the wall-clock time of creation because the store stamps records (createdAt of
 * comments, users, articles, audit entries of comment actions) with the real time, and use cases
 * compare those stamps with `deps.now()`. A test that measures from such a stamp sets the clock to it
 * (`clock.set(comment.createdAt)`) and advances from there; nothing ever sleeps.
 */
import { pino } from 'pino';
import { createTokenService } from '../../auth/tokens.js';
import { createLocalBus, type BusMessages, type BusTopic } from '../../bus/bus.js';
import { createMemoryLimits, type LimitSettings } from '../../bus/limits.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { DebatePosition, DebateRecord } from '../../store/collab-store.js';
import type { ArticlePatch, ArticleRecord } from '../../store/store.js';
import { isErrorCode, type ErrorCode } from '../../../shared/errors.js';
import type { Role } from '../../../shared/types.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../users.js';
import { nameKeyOf } from '../users.js';

export const TEST_TOKEN_SECRET = 'parley-unit-test-secret-0123456789abcdef';
export const TEST_SSO = { secret: 'parley-unit-test-sso-secret-0123456789', provider: 'publisher' } as const;

/** A clock tests drive: `now()` stays put until the test advances it. */
export interface TestClock {
  now(): Date;
  advance(ms: number): Date;
  advanceSeconds(seconds: number): Date;
  /** Moves the clock to `at` (an ISO string is fine: a store stamp, for instance). */
  set(at: Date | string): void;
}

export function createTestClock(start: Date = new Date()): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
      return new Date(current);
    },
    advanceSeconds(seconds) {
      current += seconds * 1000;
      return new Date(current);
    },
    set(at) {
      current = typeof at === 'string' ? Date.parse(at) : at.getTime();
    },
  };
}

const TOPICS = [
  'articleChange',
  'voteChanged',
  'deskUpdate',
  'auditEntry',
  'accountNotice',
  'roleChanged',
  'debateChanged',
  'debateAudience',
  'debateStatement',
  'debateRoster',
  'articleSettings',
  'notificationNew',
  'notificationsRead',
  'groundStatements',
  'groundVote',
] as const satisfies readonly BusTopic[];
// Fails to compile when the bus gains a topic the recorder does not listen to.
type Missing = Exclude<BusTopic, (typeof TOPICS)[number]>;
const everyTopic: Missing extends never ? true : Missing = true;
void everyTopic;

export type BusEvent = { [T in BusTopic]: { topic: T; message: BusMessages[T] } }[BusTopic];

/** Everything published on the bus since the recorder started (or was cleared), in order. */
export interface BusRecorder {
  readonly events: BusEvent[];
  of<T extends BusTopic>(topic: T): Array<BusMessages[T]>;
  topics(): BusTopic[];
  clear(): void;
}

export interface MemoryDepsOptions {
  limits?: Partial<LimitSettings>;
  editWindowSeconds?: number;
  refreshTtlDays?: number;
  accessTtlSeconds?: number;
  /** Publisher single sign-on; off unless given (pass TEST_SSO for the default test secret). */
  sso?: { secret: string; provider: string } | null;
  start?: Date;
}

export interface MemoryDeps {
  deps: Deps;
  clock: TestClock;
  bus: BusRecorder;
  /** Calls of deps.debatePhaseChanged, in order. */
  phaseChanges: Array<{ debateId: string; label: string }>;
  close(): Promise<void>;
}

/** Generous enough that no test meets a limit unless it lowers one on purpose. */
export const GENEROUS_LIMITS: LimitSettings = {
  commentsPerMinute: 10_000,
  votesPerMinute: 10_000,
};

export async function createMemoryDeps(options: MemoryDepsOptions = {}): Promise<MemoryDeps> {
  const store = await openSqliteStore(':memory:');
  const bus = createLocalBus();
  const clock = createTestClock(options.start);
  const events: BusEvent[] = [];
  const unsubscribe = TOPICS.map((topic) =>
    bus.subscribe(topic, (message) => events.push({ topic, message } as BusEvent)),
  );
  const phaseChanges: MemoryDeps['phaseChanges'] = [];
  const deps: Deps = {
    store,
    bus,
    limits: createMemoryLimits({ ...GENEROUS_LIMITS, ...options.limits }),
    tokens: createTokenService(TEST_TOKEN_SECRET, options.accessTtlSeconds ?? 900),
    log: pino({ level: 'silent' }),
    now: () => clock.now(),
    refreshTtlDays: options.refreshTtlDays ?? 30,
    editWindowSeconds: options.editWindowSeconds ?? 300,
    debatePhaseChanged: async (debateId, label) => {
      phaseChanges.push({ debateId, label });
    },
    sso: options.sso ?? null,
  };
  const recorder: BusRecorder = {
    events,
    of: <T extends BusTopic>(topic: T) =>
      events.filter((e) => e.topic === topic).map((e) => e.message as BusMessages[T]),
    topics: () => events.map((e) => e.topic),
    clear: () => {
      events.length = 0;
    },
  };
  return {
    deps,
    clock,
    bus: recorder,
    phaseChanges,
    async close() {
      for (const off of unsubscribe) off();
      await bus.close();
      await store.close();
    },
  };
}

let serial = 0;
const nextSerial = () => ++serial;

/** A user straight in the store (no password: fast), returned as the Actor the use cases take. */
export async function makeUser(deps: Deps, role: Role = 'reader', name?: string): Promise<Actor> {
  const n = name ?? `${role}-${nextSerial()}`;
  const user = await deps.store.createUser({
    name: n,
    nameKey: nameKeyOf(n),
    passwordHash: null,
    role,
    email: null,
    ssoProvider: null,
    ssoSubject: null,
  });
  return actorOf(user);
}

export const actorOf = (user: { id: string; name: string; role: Role }): Actor => ({
  id: user.id,
  name: user.name,
  role: user.role,
});

/** An article with the given moderation settings (defaults: open, no premod, no slow mode, threshold 3). */
export async function makeArticle(
  deps: Deps,
  settings: Omit<ArticlePatch, 'slug'> & { slug?: string } = {},
): Promise<ArticleRecord> {
  const n = nextSerial();
  const { slug, ...patch } = settings;
  const created = await deps.store.createArticle({
    slug: slug ?? `article-${n}`,
    title: `Article ${n}`,
    body: `Body of article ${n}.`,
    motion: null,
    positions: [],
    publishedAt: null,
    createdBy: null,
  });
  if (Object.keys(patch).length === 0) return created;
  return (await deps.store.updateArticle(created.id, patch))!;
}

/** A debate roster on the article (made in the store, as a moderator's createDebate would). */
export async function makeDebate(
  deps: Deps,
  input: {
    articleId: string;
    host: Actor;
    positions: Array<Omit<DebatePosition, 'debaterIds'> & { debaterIds?: string[] }>;
    motion?: string;
  },
): Promise<DebateRecord> {
  return deps.store.createDebate({
    articleId: input.articleId,
    hostId: input.host.id,
    motion: input.motion ?? 'This house believes in tests.',
    positions: input.positions.map((p) => ({ id: p.id, name: p.name, debaterIds: p.debaterIds ?? [] })),
  });
}

const isAppError = (err: unknown): err is Error & { code: ErrorCode } =>
  err instanceof Error && err.name === 'AppError' && isErrorCode((err as { code?: unknown }).code);

/**
 * Resolves to the AppError code the promise rejected with; fails when it resolves or rejects with
 * anything else. Matches by name and code, so it does not care where AppError is imported from.
 */
export async function codeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  let value: unknown;
  try {
    value = await promise;
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
  throw new Error(`expected an AppError, but it resolved with ${JSON.stringify(value)}`);
}
