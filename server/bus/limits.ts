/**
 * Rate limits and cooldowns (rate-limiter-flexible). In one process they live in memory; with Redis
 * the same interface is backed by RateLimiterRedis so every process counts together.
 */
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

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
  /** Socket events per connection: the flood guard. */
  socketEvents: Limiter;
  /** One comment per user per article per slow-mode window. */
  slowMode: Limiter;
}

export interface LimitSettings {
  commentsPerMinute: number;
  votesPerMinute: number;
  socketEventsPerSecond: number;
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
    // Twice the per-second rate over two seconds: lets a short burst through, stops a flood.
    socketEvents: wrapLimiter(
      new RateLimiterMemory({ keyPrefix: 'events', points: settings.socketEventsPerSecond * 2, duration: 2 }),
    ),
    slowMode: wrapLimiter(new RateLimiterMemory({ keyPrefix: 'slow', points: 1, duration: 1 })),
  };
}
