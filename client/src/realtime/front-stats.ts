/**
 * The front page's live numbers, independent of React: follows articles with `front:watch` (on
 * every connect, since a new session has lost its room) and keeps what `front:stats` brings. Each
 * article's numbers are the last ones heard: an answer to `front:watch` carries every part, a
 * `front:stats` entry only the parts that changed.
 */
import { FRONT_WATCH_LIMITS } from '../../../shared/schemas.js';
import type { FrontArticleStats } from '../../../shared/types.js';
import { listen, request, type ParleyClientSocket } from './requests.js';

export type FrontStats = ReadonlyMap<string, FrontArticleStats>;

/** `current` with each entry's parts laid over the article's known ones (a new map when anything changed). */
export function mergeFrontStats(current: FrontStats, entries: readonly FrontArticleStats[]): FrontStats {
  if (entries.length === 0) return current;
  const next = new Map(current);
  for (const entry of entries) next.set(entry.articleId, { ...next.get(entry.articleId), ...entry });
  return next;
}

export class FrontStatsFollower {
  private stats: FrontStats = new Map();
  /** Articles the page shows, in the order they were asked for. */
  private readonly wanted = new Set<string>();
  /** Those asked for on this connection (cleared on every connect). */
  private readonly asked = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private readonly stops: Array<() => void>;
  private closed = false;

  constructor(private readonly socket: ParleyClientSocket) {
    const onConnect = () => {
      this.asked.clear();
      this.ask();
    };
    socket.on('connect', onConnect);
    this.stops = [
      () => socket.off('connect', onConnect),
      listen(socket, 'front:stats', ({ articles }) => this.apply(articles)),
    ];
  }

  /** The numbers known now; a new object whenever they change (for useSyncExternalStore). */
  get current(): FrontStats {
    return this.stats;
  }

  /** Calls `listener` whenever the numbers change. Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Follows these articles too (the page listed more); asks at once when connected. */
  follow(articleIds: readonly string[]): void {
    for (const id of articleIds) this.wanted.add(id);
    this.ask();
  }

  /** Stops following: the server is told, and nothing more is applied. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.stops) stop();
    this.listeners.clear();
    if (this.socket.connected) request(this.socket, 'front:unwatch', {}).catch(() => undefined);
  }

  private apply(entries: readonly FrontArticleStats[]): void {
    if (this.closed) return;
    const next = mergeFrontStats(this.stats, entries);
    if (next === this.stats) return;
    this.stats = next;
    for (const listener of [...this.listeners]) listener();
  }

  /** Asks for the wanted articles not asked for on this connection yet, a request per 100. */
  private ask(): void {
    if (this.closed || !this.socket.connected) return;
    const fresh = [...this.wanted].filter((id) => !this.asked.has(id));
    for (let i = 0; i < fresh.length; i += FRONT_WATCH_LIMITS.perRequest) {
      const articleIds = fresh.slice(i, i + FRONT_WATCH_LIMITS.perRequest);
      for (const id of articleIds) this.asked.add(id);
      request(this.socket, 'front:watch', { articleIds }).then(
        (answer) => this.apply(answer),
        // Not followed after all: the next connect asks again; the list's own numbers stay shown.
        () => {
          for (const id of articleIds) this.asked.delete(id);
        },
      );
    }
  }
}
