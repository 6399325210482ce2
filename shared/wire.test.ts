import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ArticleChange } from './events.js';
import type { Comment } from './types.js';
import { decodeBatch, decodeChange, encodeBatch, encodeChange, packId, unpackId } from './wire.js';

const ARTICLE = randomUUID();

function comment(over: Partial<Comment> = {}): Comment {
  const id = over.id ?? randomUUID();
  return {
    id,
    articleId: ARTICLE,
    parentId: null,
    rootId: id,
    depth: 0,
    authorId: randomUUID(),
    authorName: 'Amina Khan',
    body: 'A short comment.',
    status: 'visible',
    seq: 41,
    createdAt: '2026-12-06T01:02:03.456Z',
    editedAt: null,
    upvotes: 0,
    downvotes: 0,
    replyCount: 0,
    featured: false,
    positionId: null,
    ...over,
  };
}

const change = (c: Comment, seq = c.seq, kind: ArticleChange['kind'] = 'comment.created'): ArticleChange => ({
  articleId: ARTICLE,
  seq,
  kind,
  comment: c,
});

/** The socket.io packet as it goes on the wire, with a connection-state-recovery offset as in a cluster. */
const frame = (event: string, payload: unknown) => `42${JSON.stringify([event, payload, '1733450000000-0'])}`;

describe('ids on the wire', () => {
  it('packs a UUID into 22 characters and back, exactly', () => {
    for (let i = 0; i < 2000; i++) {
      const id = randomUUID();
      const packed = packId(id);
      expect(packed).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(unpackId(packed)).toBe(id);
    }
    for (const id of ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'])
      expect(unpackId(packId(id))).toBe(id);
  });

  it('sends any other id as it is, marked', () => {
    for (const id of ['', 'abc', '507f1f77bcf86cd799439011', 'F47AC10B-58CC-4372-A567-0E02B2C3D479', '~x']) {
      expect(packId(id)).toBe(`~${id}`);
      expect(unpackId(packId(id))).toBe(id);
    }
  });

  it('refuses what is not a packed id', () => {
    expect(() => unpackId('short')).toThrow(/not a packed id/);
    expect(() => unpackId('!'.repeat(22))).toThrow(/not a packed id/);
  });
});

describe('live changes on the wire', () => {
  const root = comment({ seq: 10 });
  const reply = comment({ parentId: root.id, rootId: root.id, depth: 1, seq: 11 });
  const deep = comment({ parentId: reply.id, rootId: root.id, depth: 2, seq: 12 });
  const busy = comment({
    seq: 5,
    status: 'removed',
    body: '',
    authorId: '',
    authorName: '',
    editedAt: '2026-12-06T02:00:00.000Z',
    upvotes: 3,
    downvotes: 2,
    replyCount: 7,
    featured: true,
    positionId: 'pakistan',
  });
  const odd = comment({
    createdAt: '2026-12-06T01:02:03Z',
    editedAt: 'not a time',
    id: 'legacy-id',
    rootId: 'legacy-id',
  });

  it('decodes to exactly the change that was encoded', () => {
    const cases = [
      change(root),
      change(reply),
      change(deep),
      change(busy, 30, 'comment.removed'),
      change(odd, 31, 'comment.edited'),
    ];
    for (const c of cases) expect(decodeChange(JSON.parse(JSON.stringify(encodeChange(c))))).toEqual(c);
    expect(decodeBatch(JSON.parse(JSON.stringify(encodeBatch(ARTICLE, cases))))).toEqual(cases);
  });

  it('omits what has its default value', () => {
    const wire = encodeChange(change(root));
    expect(Object.keys(wire).sort()).toEqual(['a', 'c', 's']);
    expect(Object.keys(wire.c).sort()).toEqual(['b', 'i', 'n', 't', 'u']);
    expect(Object.keys(encodeChange(change(reply)).c).sort()).toEqual(['b', 'i', 'n', 'p', 't', 'u']);
  });

  it('costs at most 250 bytes more than the body for a short comment and a reply', () => {
    for (const c of [root, reply]) {
      const bytes = Buffer.byteLength(frame('article:change', encodeChange(change(c))));
      expect(bytes - Buffer.byteLength(c.body)).toBeLessThanOrEqual(250);
    }
    // What it was: the whole comment object, about 550 bytes of envelope.
    const before = Buffer.byteLength(frame('article:change', change(reply))) - Buffer.byteLength(reply.body);
    expect(before).toBeGreaterThan(450);
  });

  it('carries a batch with the article once', () => {
    const changes = Array.from({ length: 10 }, (_, i) => change(comment({ seq: 100 + i })));
    const batch = Buffer.byteLength(frame('article:changes', encodeBatch(ARTICLE, changes)));
    const apart = changes.reduce((n, c) => n + Buffer.byteLength(frame('article:change', encodeChange(c))), 0);
    expect(batch).toBeLessThan(apart * 0.8);
  });
});
