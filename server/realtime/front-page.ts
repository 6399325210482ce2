/**
 * The front page, live (issue 14): each article's visible comment count, its readers now and its
 * current debate, sent to the connections that follow the front page (`front:watch`) in one room.
 *
 * Cheap with a crowd on the front page: a change only marks its article (and which part of it
 * moved); at most once every FRONT_FLUSH_MS a process reads the marked articles that its front-page
 * connections follow, and sends one `front:stats` frame to its own front-page room with the
 * articles whose numbers differ from what it sent last. So a burst of comments on ten articles
 * costs one count query and one frame per connection a second, whatever the number of readers.
 *
 * With several processes (REDIS_URL) each process serves its own front-page connections, as
 * presence and vote tallies do (presence.ts, broadcast.ts): it hears the changes made through it on
 * its bus (comments, debates) and tells the other processes which articles changed, once per flush,
 * on the `front` channel; reader counts come from presence's own `presence` notices and from this
 * process's article rooms. A process with nobody on the front page reads nothing. While Redis is
 * away a process sees only its own changes; when the link is whole again it reads every article its
 * front page follows afresh. A process that dies leaves its readers counted until their entries
 * expire (bus/readers.ts): articles shown with readers are recounted every READERS_REFRESH_MS.
 */
import { z } from 'zod';
import type { CurrentDebateNote, FrontArticleStats } from '../../shared/types.js';
import { FRONT_WATCH_LIMITS } from '../../shared/schemas.js';
import type { Bus } from '../bus/bus.js';
import type { RedisLink } from '../bus/redis.js';
import { currentDebateOf } from '../domain/debate/current.js';
import type { Deps } from '../domain/deps.js';
import { AppError } from '../errors.js';
import type { Presence } from './presence.js';
import { articleIdOfRoom, type ParleyServer, type ParleySocket } from './types.js';

/** The room of the connections that follow the front page. */
export const FRONT_ROOM = 'front';
/** A front-page connection hears at most one `front:stats` frame this often. */
export const FRONT_FLUSH_MS = 1000;
/** With several processes: how often articles shown with readers are recounted (a process may have died). */
const READERS_REFRESH_MS = 10_000;
/** The Redis channel on which processes tell each other which articles changed. */
const CHANNEL = 'front';

/** What moved on an article: its visible comments, its readers, or its debates. */
type Part = 'comments' | 'readers' | 'debate';
/** The parts another process can tell about (readers travel in presence's own notices). */
const SHARED_PARTS = ['comments', 'debate'] as const;
type SharedPart = (typeof SHARED_PARTS)[number];

/** A notice from another process, checked: it crosses the network as JSON. */
const changedElsewhere = z.object({
  articles: z
    .array(z.object({ id: z.string().min(1).max(100), parts: z.array(z.enum(SHARED_PARTS)).max(SHARED_PARTS.length) }))
    .max(10_000),
});

export type FullStats = Required<FrontArticleStats>;

export interface FrontPage {
  /**
   * The connection follows these articles (in addition to those it follows already) and is in the
   * front-page room. RATE_LIMITED past FRONT_WATCH_LIMITS.perConnection articles. Call it before
   * reading what to answer (DESIGN rule 3): a change after the read is then sent live.
   */
  watch(socket: ParleySocket, articleIds: readonly string[]): Promise<void>;
  /** The connection follows nothing and leaves the room. */
  unwatch(socket: ParleySocket): Promise<void>;
  /** Every part of each article, read now. */
  read(articleIds: readonly string[]): Promise<FullStats[]>;
  close(): void;
}

/** Only the parts that were read, each absent when not asked for. */
type Read = Omit<FrontArticleStats, 'articleId'>;

export function startFrontPage(
  deps: Deps,
  io: ParleyServer,
  bus: Bus,
  presence: Presence,
  link: RedisLink | null,
): FrontPage {
  /** articleId → how many of this process's connections follow it. */
  const followers = new Map<string, number>();
  const following = new WeakMap<ParleySocket, Set<string>>();
  /** What this process's front-page room was last sent of each followed article. */
  const lastSent = new Map<string, Read>();
  /** Marked since the last flush: to read for this process's front page. */
  let due = new Map<string, Set<Part>>();
  /** Changed through this process since the last flush: to tell the others. */
  let toAnnounce = new Map<string, Set<SharedPart>>();
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;

  const add = <P>(map: Map<string, Set<P>>, articleId: string, part: P) => {
    let parts = map.get(articleId);
    if (!parts) map.set(articleId, (parts = new Set()));
    parts.add(part);
  };

  /** Something about the article moved; `here`: through this process (the others are told). */
  function mark(articleId: string, part: Part, here = false): void {
    if (closed) return;
    if (here && link && part !== 'readers') add(toAnnounce, articleId, part);
    if (followers.has(articleId)) add(due, articleId, part);
    if (timer || (due.size === 0 && toAnnounce.size === 0)) return;
    timer = setTimeout(() => {
      timer = null;
      // Flushes never overlap: what a flush sends is never older than what the one before sent.
      flushing = flushing.then(flush);
    }, FRONT_FLUSH_MS);
  }

  async function readParts(wanted: Map<string, Set<Part>>): Promise<Map<string, Read>> {
    const ids = (part: Part) => [...wanted].filter(([, parts]) => parts.has(part)).map(([id]) => id);
    const [counts, readers, debates] = await Promise.all([
      deps.store.countVisibleComments(ids('comments')),
      Promise.all(ids('readers').map(async (id) => [id, await presence.count(id)] as const)),
      Promise.all(ids('debate').map(async (id) => [id, await currentDebateOf(deps, id)] as const)),
    ]);
    const read = new Map<string, Read>([...wanted.keys()].map((id) => [id, {}]));
    for (const [id, commentCount] of counts) read.get(id)!.commentCount = commentCount;
    for (const [id, count] of readers) read.get(id)!.readers = count;
    for (const [id, debate] of debates) Object.assign(read.get(id)!, debate);
    return read;
  }

  const sameDebate = (a: CurrentDebateNote | null | undefined, b: CurrentDebateNote | null | undefined) =>
    a === b || (!!a && !!b && a.id === b.id && a.status === b.status && a.motion === b.motion);

  /** The parts of `fresh` that differ from what was sent last, or null when none does. */
  function changes(articleId: string, fresh: Read): FrontArticleStats | null {
    const last = lastSent.get(articleId) ?? {};
    const entry: FrontArticleStats = { articleId };
    if (fresh.commentCount !== undefined && fresh.commentCount !== last.commentCount)
      entry.commentCount = fresh.commentCount;
    if (fresh.readers !== undefined && fresh.readers !== last.readers) entry.readers = fresh.readers;
    if (
      fresh.currentDebate !== undefined &&
      (!sameDebate(fresh.currentDebate, last.currentDebate) || fresh.debateCount !== last.debateCount)
    ) {
      entry.currentDebate = fresh.currentDebate;
      entry.debateCount = fresh.debateCount ?? 0;
    }
    return Object.keys(entry).length > 1 ? entry : null;
  }

  async function flush(): Promise<void> {
    if (closed) return;
    const announcing = toAnnounce;
    toAnnounce = new Map();
    if (link && announcing.size > 0) {
      const articles = [...announcing].map(([id, parts]) => ({ id, parts: [...parts] }));
      link.publish(CHANNEL, { articles }).catch((err: unknown) => {
        deps.log.debug({ err }, 'redis unreachable; the other processes’ front pages catch up when it returns');
      });
    }
    const wanted = new Map([...due].filter(([id]) => followers.has(id)));
    due = new Map();
    if (wanted.size === 0) return;
    try {
      const fresh = await readParts(wanted);
      const articles: FrontArticleStats[] = [];
      for (const [articleId, read] of fresh) {
        // Unfollowed while it was read: nothing to send, nothing to remember.
        if (!followers.has(articleId)) continue;
        const entry = changes(articleId, read);
        if (!entry) continue;
        articles.push(entry);
        lastSent.set(articleId, { ...lastSent.get(articleId), ...read });
      }
      if (articles.length > 0) io.local.to(FRONT_ROOM).emit('front:stats', { articles });
    } catch (err) {
      // The marks are lost; the next change of these articles, or a reload, puts them right.
      deps.log.warn({ err, articles: wanted.size }, 'front page stats could not be read');
    }
  }

  function forget(socket: ParleySocket): void {
    const mine = following.get(socket);
    if (!mine) return;
    following.delete(socket);
    for (const articleId of mine) {
      const n = (followers.get(articleId) ?? 1) - 1;
      if (n > 0) {
        followers.set(articleId, n);
      } else {
        followers.delete(articleId);
        lastSent.delete(articleId);
      }
    }
  }
  /** One listener for every socket (`this` is the socket), not a closure per connection. */
  function forgetThis(this: ParleySocket): void {
    forget(this);
  }

  const onRoom = (room: string) => {
    const articleId = articleIdOfRoom(room);
    if (articleId !== null) mark(articleId, 'readers');
  };
  // Connections opening and closing articles here; the adapter tells of this process's sockets only.
  io.sockets.adapter.on('join-room', onRoom);
  io.sockets.adapter.on('leave-room', onRoom);

  const stops: Array<() => void> = [
    bus.subscribe('articleChange', ({ change }) => mark(change.articleId, 'comments', true)),
    bus.subscribe('debateChanged', ({ debateId }) => {
      void deps.store.getDebate(debateId).then(
        (debate) => {
          if (debate) mark(debate.articleId, 'debate', true);
        },
        (err: unknown) => deps.log.warn({ err, debateId }, 'front page: debate not read'),
      );
    }),
    // Heard in every process (a cluster topic): nobody needs telling.
    bus.subscribe('debateRoster', ({ debate }) => mark(debate.articleId, 'debate')),
    () => {
      io.sockets.adapter.off('join-room', onRoom);
      io.sockets.adapter.off('leave-room', onRoom);
    },
  ];
  if (link) {
    stops.push(
      link.subscribe(CHANNEL, (payload) => {
        const notice = changedElsewhere.safeParse(payload);
        if (!notice.success) return;
        for (const { id, parts } of notice.data.articles) for (const part of parts) mark(id, part);
      }),
      link.subscribe('presence', (payload) => {
        const articleId = (payload as { articleId?: unknown } | null)?.articleId;
        if (typeof articleId === 'string') mark(articleId, 'readers');
      }),
      // Changes made elsewhere while the processes could not hear each other: read everything again.
      link.onRecovered(() => {
        for (const articleId of followers.keys())
          for (const part of ['comments', 'readers', 'debate'] as const) mark(articleId, part);
      }),
    );
    const refresh = setInterval(() => {
      for (const [articleId, sent] of lastSent) if ((sent.readers ?? 0) > 0) mark(articleId, 'readers');
    }, READERS_REFRESH_MS);
    refresh.unref();
    stops.push(() => clearInterval(refresh));
  }

  return {
    async watch(socket, articleIds) {
      let mine = following.get(socket);
      const added = articleIds.filter((id) => !mine?.has(id));
      if ((mine?.size ?? 0) + added.length > FRONT_WATCH_LIMITS.perConnection)
        throw new AppError('RATE_LIMITED', 'Too many articles followed on one connection.');
      if (!socket.connected) throw new AppError('BAD_REQUEST', 'The connection closed while joining.');
      if (!mine) {
        following.set(socket, (mine = new Set()));
        socket.once('disconnect', forgetThis);
      }
      for (const id of added) {
        mine.add(id);
        followers.set(id, (followers.get(id) ?? 0) + 1);
      }
      await socket.join(FRONT_ROOM);
    },
    async unwatch(socket) {
      forget(socket);
      socket.off('disconnect', forgetThis);
      await socket.leave(FRONT_ROOM);
    },
    async read(articleIds) {
      const all = new Set<Part>(['comments', 'readers', 'debate']);
      const read = await readParts(new Map(articleIds.map((id) => [id, all])));
      return articleIds.map((articleId) => {
        const r = read.get(articleId)!;
        return {
          articleId,
          commentCount: r.commentCount ?? 0,
          readers: r.readers ?? 0,
          currentDebate: r.currentDebate ?? null,
          debateCount: r.debateCount ?? 0,
        };
      });
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      for (const stop of stops) stop();
    },
  };
}
