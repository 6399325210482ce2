/**
 * The lean form of a live change on the wire (`article:change`, `article:changes`; docs/PROTOCOL.md,
 * "Live changes on the wire"). A change goes to every reader of an article, so its envelope is paid
 * once per reader: short keys, ids packed from 36 characters to 22, and nothing the reader can
 * derive or that has its default value (a null parent, no votes, not featured, visible, ...).
 *
 * `decodeChange(encodeChange(c))` gives back exactly `c`: the reader's code works on the full
 * `ArticleChange`, and only the socket layer sees this form.
 */
import type { ArticleChange } from './events.js';
import type { ChangeKind, Comment, CommentStatus, StaffBadge } from './types.js';

/** A comment as a live change carries it. Keys are one or two letters; absent means the default. */
export interface WireComment {
  /** id */
  i: string;
  /** authorId */
  u: string;
  /** authorName */
  n: string;
  /** body ('' when this viewer may not see it) */
  b: string;
  /** createdAt, milliseconds since 1970 (an ISO string if it does not survive that round trip) */
  t: number | string;
  /** parentId; absent: a top-level comment */
  p?: string;
  /** rootId and depth; absent: derived (a top-level comment is its own root at depth 0, a reply to one is at depth 1) */
  r?: string;
  d?: number;
  /** status; absent: 'visible' */
  s?: CommentStatus;
  /** The comment's own seq; absent: the seq of the change (a comment is created by its first change). */
  q?: number;
  /** editedAt, as `t` */
  e?: number | string;
  /** upvotes, downvotes, replyCount; absent: 0 */
  v?: number;
  w?: number;
  c?: number;
  /** featured; absent: false */
  f?: 1;
  /** positionId; absent: null */
  x?: string;
  /** authorBadge, one letter (m: moderator, a: admin, h: host); absent: none */
  g?: 'm' | 'a' | 'h';
}

const BADGE_LETTER = { moderator: 'm', admin: 'a', host: 'h' } as const satisfies Record<StaffBadge, string>;
const BADGE_OF = { m: 'moderator', a: 'admin', h: 'host' } as const satisfies Record<string, StaffBadge>;

/** One change inside a batch: its seq, its kind (absent: 'comment.created') and the comment. */
export interface WireEntry {
  s: number;
  k?: ChangeKind;
  c: WireComment;
}

/** `article:change`: one change of one article. */
export interface WireChange extends WireEntry {
  /** articleId */
  a: string;
}

/** `article:changes`: the changes of one article delivered together, in seq order. */
export interface WireBatch {
  a: string;
  /** In seq order. Not necessarily consecutive: with several server processes, others fill the gaps. */
  l: WireEntry[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((ch, i) => [ch, i]));
/** Marks an id sent as it is (not a canonical UUID). */
const RAW = '~';

/** A canonical lowercase UUID as 22 base64url characters (16 bytes); any other id as `~` + itself. */
export function packId(id: string): string {
  if (!UUID.test(id)) return RAW + id;
  const hex = id.replace(/-/g, '');
  let out = '';
  // 128 bits = 21 groups of 6 bits and 2 bits left over: 32 hex digits read 3 at a time (12 bits).
  for (let i = 0; i < 30; i += 3) {
    const n = parseInt(hex.slice(i, i + 3), 16);
    out += B64[n >> 6]! + B64[n & 63]!;
  }
  out += B64[parseInt(hex.slice(30), 16) >> 2]! + B64[parseInt(hex.slice(31), 16) & 3]!;
  return out;
}

export function unpackId(packed: string): string {
  if (packed.startsWith(RAW)) return packed.slice(RAW.length);
  const digit = (ch: string | undefined) => {
    const n = ch === undefined ? undefined : B64_INDEX.get(ch);
    if (n === undefined || packed.length !== 22) throw new Error(`not a packed id: ${packed}`);
    return n;
  };
  let hex = '';
  for (let i = 0; i < 20; i += 2) hex += ((digit(packed[i]) << 6) | digit(packed[i + 1])).toString(16).padStart(3, '0');
  hex += ((digit(packed[20]) << 2) | (digit(packed[21]) & 3)).toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function packTime(iso: string): number | string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && new Date(ms).toISOString() === iso ? ms : iso;
}
const unpackTime = (t: number | string) => (typeof t === 'number' ? new Date(t).toISOString() : t);

export function encodeComment(c: Comment, changeSeq: number): WireComment {
  const w: WireComment = {
    i: packId(c.id),
    u: packId(c.authorId),
    n: c.authorName,
    b: c.body,
    t: packTime(c.createdAt),
  };
  if (c.parentId !== null) w.p = packId(c.parentId);
  const derivedRoot = c.parentId ?? c.id;
  const derivedDepth = c.parentId === null ? 0 : 1;
  if (c.rootId !== derivedRoot || c.depth !== derivedDepth) {
    w.r = packId(c.rootId);
    w.d = c.depth;
  }
  if (c.status !== 'visible') w.s = c.status;
  if (c.seq !== changeSeq) w.q = c.seq;
  if (c.editedAt !== null) w.e = packTime(c.editedAt);
  if (c.upvotes !== 0) w.v = c.upvotes;
  if (c.downvotes !== 0) w.w = c.downvotes;
  if (c.replyCount !== 0) w.c = c.replyCount;
  if (c.featured) w.f = 1;
  if (c.positionId !== null) w.x = c.positionId;
  if (c.authorBadge) w.g = BADGE_LETTER[c.authorBadge];
  return w;
}

export function decodeComment(w: WireComment, articleId: string, changeSeq: number): Comment {
  const id = unpackId(w.i);
  const parentId = w.p === undefined ? null : unpackId(w.p);
  return {
    id,
    articleId,
    parentId,
    rootId: w.r !== undefined ? unpackId(w.r) : (parentId ?? id),
    depth: w.d ?? (parentId === null ? 0 : 1),
    authorId: unpackId(w.u),
    authorName: w.n,
    body: w.b,
    status: w.s ?? 'visible',
    seq: w.q ?? changeSeq,
    createdAt: unpackTime(w.t),
    editedAt: w.e === undefined ? null : unpackTime(w.e),
    upvotes: w.v ?? 0,
    downvotes: w.w ?? 0,
    replyCount: w.c ?? 0,
    featured: w.f === 1,
    positionId: w.x ?? null,
    ...(w.g && BADGE_OF[w.g] ? { authorBadge: BADGE_OF[w.g] } : {}),
  };
}

function encodeEntry(change: ArticleChange): WireEntry {
  const entry: WireEntry = { s: change.seq, c: encodeComment(change.comment, change.seq) };
  if (change.kind !== 'comment.created') entry.k = change.kind;
  return entry;
}

function decodeEntry(articleId: string, entry: WireEntry): ArticleChange {
  return {
    articleId,
    seq: entry.s,
    kind: entry.k ?? 'comment.created',
    comment: decodeComment(entry.c, articleId, entry.s),
  };
}

export function encodeChange(change: ArticleChange): WireChange {
  return { a: change.articleId, ...encodeEntry(change) };
}

export function decodeChange(wire: WireChange): ArticleChange {
  return decodeEntry(wire.a, wire);
}

/** The changes (of one article, in seq order) as one `article:changes` frame. */
export function encodeBatch(articleId: string, changes: ArticleChange[]): WireBatch {
  return { a: articleId, l: changes.map(encodeEntry) };
}

export function decodeBatch(batch: WireBatch): ArticleChange[] {
  return batch.l.map((entry) => decodeEntry(batch.a, entry));
}
