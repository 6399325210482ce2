/**
 * Rate limits and cooldowns (rate-limiter-flexible). In one process they live in memory; with Redis
 * the same interface is backed by RateLimiterRedis so every process counts together, with an
 * in-memory insurance limiter that counts per process while Redis is away.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisClient } from './redis.js';

export interface Limiter {
  /**
   * Spends one point of `key`. Resolves to 0 when allowed, otherwise the milliseconds until the
   * key may act again. `cooldownSeconds` overrides the window (slow mode uses one limiter for all
   * articles, each with its own seconds).
   */
  take(key: string, options?: { cooldownSeconds?: number }): Promise<number>;
}

export interface Limits {
  /** New comments per user. */
  comments: Limiter;
  /** Votes per user. */
  votes: Limiter;
  /** One comment per user per article per slow-mode window. */
  slowMode: Limiter;
}

export interface LimitSettings {
  commentsPerMinute: number;
  votesPerMinute: number;
}

/** Adapts a rate-limiter-flexible limiter to Limiter; a refusal is a RateLimiterRes, anything else a real error. */
export function wrapLimiter(limiter: RateLimiterAbstract): Limiter {
  return {
    async take(key, options) {
      try {
        await limiter.consume(key, 1, options?.cooldownSeconds ? { customDuration: options.cooldownSeconds } : {});
        return 0;
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return Math.max(1, refusal.msBeforeNext);
        throw refusal;
      }
    },
  };
}

export function createMemoryLimits(settings: LimitSettings): Limits {
  return {
    comments: wrapLimiter(
      new RateLimiterMemory({ keyPrefix: 'comments', points: settings.commentsPerMinute, duration: 60 }),
    ),
    votes: wrapLimiter(new RateLimiterMemory({ keyPrefix: 'votes', points: settings.votesPerMinute, duration: 60 })),
    slowMode: wrapLimiter(new RateLimiterMemory({ keyPrefix: 'slow', points: 1, duration: 1 })),
  };
}

/**
 * The limits of a process that works with others: comments, votes and slow mode are counted in
 * Redis, so a user's allowance is the same whichever processes their requests reach. While Redis
 * is away (a command fails at once: the client has no offline queue) each limiter falls back to its
 * insurance, the same limit counted in this process's memory. (The flood guard of one connection is
 * not here: a connection lives on one process, server/realtime/flood-guard.ts counts it there.)
 */
export function createRedisLimits(redis: RedisClient, settings: LimitSettings): Limits {
  const shared = (name: string, points: number, duration: number) =>
    wrapLimiter(
      new RateLimiterRedis({
        storeClient: redis,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        keyPrefix: `parley:rl:${name}`, // under redis.ts's REDIS_PREFIX
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration }),
      }),
    );
  return {
    comments: shared('comments', settings.commentsPerMinute, 60),
    votes: shared('votes', settings.votesPerMinute, 60),
    slowMode: shared('slow', 1, 1),
  };
}
