/**
 * Common ground over real sockets (issue 16): 200 readers watch an article's statements and vote on
 * 20 of them with a planted structure (two camps that split on 10 statements and share 3; 7 drawn
 * at random). Within 5 s of the last vote every reader's panel shows the 3 shared statements as
 * the consensus and only planted statements as divisive; and nothing any reader receives carries
 * another reader's id or votes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import type { GroundAnalysis, GroundView, GroundVote } from '../../shared/common-ground.js';
import { participants, type Participant } from '../helpers/debate.js';
import { must, moderatorSocket } from '../helpers/moderation.js';
import { api, startTestServer, type TestServer } from '../helpers/server.js';
import { waitUntil } from '../helpers/wait.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const READERS = 200;
const SPLIT = 10;
const SHARED = 3;
const RANDOM = 7;

/** A small seeded generator (mulberry32): the same planted votes on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Camp 0 (120 readers) agrees with the even split statements, camp 1 (80) with the odd ones; both share three. */
function plantedVote(random: () => number, camp: number, statement: number): GroundVote {
  if (statement >= SPLIT + SHARED) return (['agree', 'disagree', 'pass'] as const)[Math.floor(random() * 3)]!;
  const roll = random();
  if (roll < 0.08) return 'pass';
  const sides = statement >= SPLIT || (statement % 2 === 0) === (camp === 0);
  const faithful = roll < 0.93;
  return sides === faithful ? 'agree' : 'disagree';
}

/** Every string anywhere in a payload (ids hide in keys as well as values). */
function stringsIn(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, into);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      stringsIn(v, into);
    }
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ VOTES_PER_MINUTE: '1000' });
});
afterAll(async () => {
  await t.destroy();
});

describe('common ground, 200 readers', () => {
  it('shows every reader the planted consensus and division within 5 s of the last vote, and nobody’s votes', async () => {
    const articleId: string = (await api(t.url, `/api/articles/${SLUG}`)).body.article.id;
    const scope = { kind: 'article', id: articleId } as const;
    const moderator = await moderatorSocket(t.url);
    const statementIds: string[] = [];
    for (let j = 0; j < SPLIT + SHARED + RANDOM; j++) {
      const text = j < SPLIT ? `Split statement ${j}` : j < SPLIT + SHARED ? `Shared statement ${j}` : `Random ${j}`;
      statementIds.push((await must<{ id: string }>(moderator.socket, 'ground:propose', { scope, text })).id);
    }

    const readers: Participant[] = await participants(t, 'groundReader', READERS);
    const seen = readers.map(() => new Set<string>());
    const latest = readers.map((): GroundAnalysis | null => null);
    readers.forEach((r, i) => {
      r.socket.onAny((_event: string, payload: unknown) => stringsIn(payload, seen[i]!));
      r.socket.on('ground:analysis', (a) => {
        if (!latest[i] || a.version > latest[i]!.version) latest[i] = a;
      });
    });
    const asked = async <T>(i: number, socket: ParleyClientSocket, event: string, payload: unknown): Promise<T> => {
      const data = await must<T>(socket, event, payload);
      stringsIn(data, seen[i]!);
      return data;
    };
    const views = await Promise.all(readers.map((r, i) => asked<GroundView>(i, r.socket, 'ground:watch', { scope })));
    for (const view of views) expect(view.myVotes).toEqual({});

    const random = seeded(16);
    const plan = readers.map((_, i) => statementIds.map((_, j) => plantedVote(random, i < 120 ? 0 : 1, j)));
    await Promise.all(
      readers.map(async (r, i) => {
        for (const [j, statementId] of statementIds.entries())
          await asked(i, r.socket, 'ground:vote', { statementId, vote: plan[i]![j] });
      }),
    );
    const lastVote = Date.now();

    const consensus = statementIds.slice(SPLIT, SPLIT + SHARED).sort();
    const split = new Set(statementIds.slice(0, SPLIT));
    const right = (a: GroundAnalysis | null) =>
      a !== null &&
      a.voters === READERS &&
      // Every vote is in: each statement has all 200.
      statementIds.every((id) => {
        const votes = a.splits[id];
        return votes !== undefined && votes.agree + votes.disagree + votes.pass === READERS;
      }) &&
      a.consensus
        .map((c) => c.statementId)
        .sort()
        .join() === consensus.join() &&
      a.divisive.length > 0 &&
      a.divisive.every((d) => split.has(d.statementId));
    await waitUntil(() => latest.every(right), 'every reader sees the planted consensus', 5_000);
    const took = Date.now() - lastVote;
    expect(took).toBeLessThanOrEqual(5_000);
    const analysis = latest[0]!;
    expect(analysis.groups).toHaveLength(2);
    // The camps, give or take a reader whose planted votes came out closer to the other camp.
    expect(Math.abs(analysis.groups[0]!.size - 120)).toBeLessThanOrEqual(4);
    expect(analysis.groups[0]!.size + analysis.groups[1]!.size).toBe(READERS);
    expect(analysis.points.length).toBe(READERS);

    // A reader who comes back later gets their own votes, and only theirs.
    const again = await must<GroundView>(readers[7]!.socket, 'ground:watch', { scope });
    expect(again.myVotes).toEqual(Object.fromEntries(statementIds.map((id, j) => [id, plan[7]![j]])));

    // Privacy: no reader received another reader's id, in any event or acknowledgement.
    const ids = readers.map((r) => r.userId);
    readers.forEach((_, i) => {
      for (const [k, id] of ids.entries()) if (k !== i) expect(seen[i]!.has(id)).toBe(false);
    });
    // The analysis holds counts and coordinates, never a user's id.
    const text = JSON.stringify(analysis);
    for (const id of ids) expect(text).not.toContain(id);

    for (const r of readers) r.socket.close();
    moderator.socket.close();
  }, 120_000);
});
