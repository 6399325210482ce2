import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ArticleChange } from './events.js';
import type { Comment } from './types.js';
import { decodeChange, encodeChange } from './wire.js';

const id = randomUUID();
const staff: Comment = {
  id,
  articleId: randomUUID(),
  parentId: null,
  rootId: id,
  depth: 0,
  authorId: randomUUID(),
  authorName: 'Mia Moderator',
  body: 'Keep it civil, please.',
  status: 'visible',
  seq: 7,
  createdAt: '2026-12-06T01:02:03.456Z',
  editedAt: null,
  upvotes: 0,
  downvotes: 0,
  replyCount: 0,
  featured: false,
  positionId: null,
  authorBadge: 'moderator',
};
const change = (c: Comment): ArticleChange => ({
  articleId: c.articleId,
  seq: c.seq,
  kind: 'comment.created',
  comment: c,
});

describe('the staff badge on the wire', () => {
  it('travels as one letter and decodes to exactly the badge', () => {
    for (const badge of ['moderator', 'admin', 'host'] as const) {
      const c = { ...staff, authorBadge: badge };
      const wire = JSON.parse(JSON.stringify(encodeChange(change(c))));
      expect(wire.c.g).toHaveLength(1);
      expect(decodeChange(wire)).toEqual(change(c));
    }
  });

  it('is absent for everyone else, and costs at most 8 bytes when present', () => {
    const { authorBadge: _, ...plain } = staff;
    expect(Object.keys(encodeChange(change(plain)).c)).not.toContain('g');
    expect(decodeChange(encodeChange(change(plain))).comment).not.toHaveProperty('authorBadge');
    const with_ = JSON.stringify(encodeChange(change(staff))).length;
    const without = JSON.stringify(encodeChange(change(plain))).length;
    expect(with_ - without).toBeLessThanOrEqual(8);
  });
});
