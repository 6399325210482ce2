/**
 * The soak's numbers in one place: who takes part, how often each acts, the server's settings and
 * the thresholds of the checks. The load is moderate on purpose: a soak looks for what goes wrong
 * over time (leaks, lost writes, readers that drift from the store), not for the ceiling, which the
 * other benches measure; it must leave a shared two-core machine room to run it honestly.
 */
export const SLUG = 'pakistan-afghanistan-peace-talks';

export const PLAN = {
  /** Signed-in users who post, reply, edit, delete, vote and report; each acts about this often. */
  writers: 8,
  writerEveryMs: 1200,
  /** Relative weights of a writer's actions. */
  writerMix: { comment: 24, reply: 20, edit: 10, delete: 4, vote: 36, report: 6 },
  /** Readers that stay the whole run: guests and signed-in users who never write. */
  steadyGuests: 3,
  steadySignedIn: 3,
  /** Of the steady readers, these drop their transport (socket.io recovers the session) ... */
  steadyTransportDrops: 2,
  /** ... and these disconnect and come back (a new session: join again, then sync). */
  steadyDisconnects: 1,
  /** Mean time between two drops of one dropping reader, and how long a disconnect lasts. */
  dropEveryMs: 25_000,
  disconnectForMs: [1000, 4000] as const,
  /** Readers that come and go: how many are open at once and how long each stays. */
  churnReaders: 5,
  churnStayMs: [3000, 20_000] as const,
  /** Signed-in accounts the coming-and-going readers take turns with (the others are guests). */
  churnAccounts: 4,
  /** One in this many coming-and-going readers drops its transport while it is there. */
  churnDropOneIn: 4,
  /** The demo moderator acts about this often: removals, the report queue, featuring. */
  moderatorEveryMs: 3000,
  /** Signed-in audience of the debates: each votes, raises a hand, asks or upvotes about this often. */
  audience: 8,
  audienceEveryMs: 2500,
  /** A debate runs from pre-vote to closed in about this long (shorter runs: the whole run). */
  debateCycleMs: 180_000,
  /** Debaters on each debate's positions (and, on the demo debate's first position, summary editors). */
  debaters: 4,
  /** Each summary editor makes one change about this often; one of them goes offline now and then. */
  editorEveryMs: 1500,
  editorOfflineEveryMs: 30_000,
  editorOfflineForMs: [1000, 4000] as const,
  /** Progress line and memory sample intervals. */
  progressEveryMs: 10_000,
  sampleEveryMs: { min: 2000, max: 5000, samples: 150 },
  /** Memory: the first part of the run is warm-up; after it both series must be flat. */
  warmUpFraction: 0.2,
  maxSlopeMBPerMinute: 1,
  /** A slope fitted to less than this is noise: shorter runs report it without judging it. */
  minJudgedWindowMinutes: 5,
  /** How long the drain may wait for readers and editors to catch up before the checks. */
  drainCapMs: 90_000,
} as const;

/**
 * Server settings (over the caller's environment): the per-user limits well above what the mix
 * sends, so that a refusal is a finding, not the limiter doing its job; logs at info, as pino JSON,
 * for the error count.
 */
export const SERVER_ENV: Record<string, string> = {
  // Whatever the caller's environment says: one embedded process on SQLite, test-mode auth limits.
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  MONGO_URL: '',
  REDIS_URL: '',
  COMMENTS_PER_MINUTE: '100000',
  VOTES_PER_MINUTE: '100000',
  SOCKET_EVENTS_PER_SECOND: '1000',
  // Tokens outlive the run: refreshing them is not what this soak is about, and a reconnect late in
  // a 15-minute run must not fail on an expired token.
  ACCESS_TOKEN_TTL_SECONDS: '86400',
  DEMO: 'true',
  DEMO_DEBATE: 'true',
  LOG_LEVEL: 'info',
  // test/helpers/parley-child.ts gives its logger this level (LOG_LEVEL configures the rest).
  TEST_LOG_LEVEL: 'info',
};
