/**
 * Malformed socket traffic is answered with codes or dropped; the server stays up and other readers
 * notice nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/errors.js';
import { connectSocket, eventually, newUser, openReader, type Reader } from '../helpers/live.js';
import { api, startTestServer, type TestServer } from '../helpers/server.js';
import { storeDigest } from '../helpers/store-digest.js';
import { WAIT_MS } from '../helpers/wait.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
let t: TestServer;
let bystander: Reader;
let articleId: string;
const bystanderErrors: unknown[] = [];

beforeAll(async () => {
  t = await startTestServer({ COMMENTS_PER_MINUTE: '1000' });
  bystander = await openReader(t.url, SLUG, await newUser(t.url, 'Bystander'));
  bystander.socket.on('server:error', (e) => bystanderErrors.push(e));
  articleId = bystander.thread.state.articleId;
});
afterAll(async () => {
  bystander.close();
  await t.destroy();
});

type Emit = (event: string, ...args: unknown[]) => unknown;
const codeOf = (answer: unknown) => (answer as { ok: boolean; error?: { code: ErrorCode } }).error?.code;

describe('hostile socket traffic', () => {
  it('answers wrong types, junk payloads and oversized fields with codes', async () => {
    const attacker = await newUser(t.url, 'Attacker');
    const socket = await connectSocket(t.url, attacker.token);
    const before = storeDigest(t.dataDir);
    const emit = (event: string, payload: unknown) =>
      (socket.timeout(WAIT_MS).emitWithAck as unknown as (e: string, p: unknown) => Promise<unknown>)(event, payload);
    try {
      const cases: Array<[string, unknown]> = [
        ['comment:create', { articleId: 5, body: [] }],
        ['comment:create', 'just a string'],
        ['comment:create', null],
        ['comment:create', [1, 2, 3]],
        ['comment:create', { articleId, body: 'x'.repeat(20_000) }],
        ['comment:create', { articleId, body: '   ' }],
        ['comment:create', { articleId, body: 'ok', $where: '1' }],
        ['comment:create', JSON.parse('{"articleId": "x", "body": "y", "__proto__": {"admin": true}}')],
        ['comment:create', { articleId, body: 'bad \u0000 control' }],
        ['comment:create', { articleId, body: 'lone \ud800 surrogate' }],
        ['comment:create', { articleId: 'x'.repeat(5000), body: 'hi' }],
        ['comment:edit', { commentId: { $ne: null }, body: 'x' }],
        ['vote:cast', { commentId: 'x', value: 2 }],
        ['vote:cast', { commentId: 'x', value: '1' }],
        ['article:join', { slug: '../../etc/passwd' }],
        ['article:join', { slug: SLUG, sort: 'worst' }],
        ['article:sync', { articleId, sinceSeq: -1 }],
        ['article:sync', { articleId, sinceSeq: 1e300 }],
        ['article:sync', { articleId, sinceSeq: 999_999 }],
        ['thread:page', { articleId, limit: 1_000_000 }],
        ['thread:page', { articleId: 'missing' }],
      ];
      for (const [event, payload] of cases) {
        const answer = await emit(event, payload);
        const code = codeOf(answer);
        expect(code, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`).toMatch(/^(VALIDATION_FAILED|NOT_FOUND)$/);
      }
      expect(codeOf(await emit('admin:delete-everything', {}))).toBe('UNKNOWN_EVENT');
      const noAck = new Promise((resolve) => socket.once('server:error', resolve));
      (socket.emit as unknown as Emit)('comment:create', { articleId, body: 'no ack given' });
      expect(await noAck).toMatchObject({ code: 'BAD_REQUEST' });
      expect(socket.connected).toBe(true);
    } finally {
      socket.close();
    }
    // Nothing of it was stored, in any table.
    expect(storeDigest(t.dataDir)).toEqual(before);
  });

  it('drops a connection that sends a message larger than the limit, and only that one', async () => {
    const socket = await connectSocket(t.url, null, { reconnection: false });
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    (socket.emit as unknown as Emit)(
      'comment:create',
      { articleId, body: 'x'.repeat(2 * 1024 * 1024) },
      () => undefined,
    );
    expect(await dropped).toBe('transport close');
    expect(bystander.socket.connected).toBe(true);
  });

  it('survives a burst of 10,000 events from one client while others carry on', async () => {
    const flooder = await newUser(t.url, 'Flooder');
    const socket = await connectSocket(t.url, flooder.token);
    try {
      const answers: Array<Promise<unknown>> = [];
      const emit = socket.timeout(20_000).emitWithAck as unknown as (e: string, p: unknown) => Promise<unknown>;
      for (let i = 0; i < 10_000; i++) {
        answers.push(
          emit.call(
            socket.timeout(20_000),
            i % 2 ? 'article:sync' : 'comment:create',
            i % 2 ? { articleId, sinceSeq: 0 } : { articleId, body: `spam ${i}` },
          ),
        );
      }
      // While the flood is answered, the bystander posts and hears others as usual.
      const other = await openReader(t.url, SLUG, await newUser(t.url, 'Other'));
      const started = Date.now();
      const { comment } = await bystander.thread.post('business as usual');
      await eventually(() => other.thread.state.comments.has(comment.id), 'the bystander comment at the other reader');
      const roundTrip = Date.now() - started;
      other.close();

      const results = await Promise.all(answers);
      const codes = new Map<string, number>();
      for (const r of results) {
        const key = codeOf(r) ?? 'ok';
        codes.set(key, (codes.get(key) ?? 0) + 1);
      }
      expect(codes.get('RATE_LIMITED')).toBeGreaterThan(9_000);
      expect([...codes.keys()].every((k) => k === 'ok' || k === 'RATE_LIMITED')).toBe(true);
      expect(roundTrip).toBeLessThan(5000);
      expect(bystanderErrors).toEqual([]);
      expect((await api(t.url, '/healthz')).status).toBe(200);
      // Only what the limits let through was stored.
      const stored = (await t.parley.deps.store.getArticle(articleId))!.commentCount;
      expect(stored).toBeLessThanOrEqual(1 + (codes.get('ok') ?? 0));
    } finally {
      socket.close();
    }
  }, 60_000);
});
