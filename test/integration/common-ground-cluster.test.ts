/**
 * Common ground across two processes (REDIS_URL, one SQLite file): readers connected to either
 * process vote; watchers on both processes get the same groups and consensus, counting the votes
 * taken by the other process too (the groundVote bus topic crosses through Redis).
 */
import { describe, expect, it } from 'vitest';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import type { GroundAnalysis, GroundView } from '../../shared/common-ground.js';
import type { ChildParley } from '../helpers/child.js';
import { connectSocket, newUser } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { plantedMatrix, rowVotes } from '../helpers/planted-votes.js';
import { redisTool } from '../helpers/redis-server.js';
import { useProcessCluster } from '../helpers/process-cluster.js';
import { api, signInAs } from '../helpers/server.js';
import { waitUntil } from '../helpers/wait.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const cluster = useProcessCluster('ground', { env: { VOTES_PER_MINUTE: '1000' } });
const { processes } = cluster;

describe.skipIf(redisTool.skip)('common ground across processes', () => {
  it('gives watchers on every process the same groups, counting votes taken by the others', async () => {
    const [first, second] = processes as [ChildParley, ChildParley];
    const articleId: string = (await api(first.url, `/api/articles/${SLUG}`)).body.article.id;
    const scope = { kind: 'article', id: articleId } as const;
    const moderator = cluster.track(await connectSocket(first.url, await signInAs(first.url, 'moderator')));
    const statementIds: string[] = [];
    for (let j = 0; j < 8; j++)
      statementIds.push(
        (await must<{ id: string }>(moderator, 'ground:propose', { scope, text: `Cluster statement ${j}` })).id,
      );

    const latest = new Map<ParleyClientSocket, GroundAnalysis>();
    const watch = async (base: string) => {
      const socket = cluster.track(await connectSocket(base, null));
      socket.on('ground:analysis', (a) => {
        if ((latest.get(socket)?.version ?? 0) < a.version) latest.set(socket, a);
      });
      await must<GroundView>(socket, 'ground:watch', { scope });
      return socket;
    };
    const watchers = [await watch(first.url), await watch(second.url)];

    // 18 readers, two camps, half of them voting through each process.
    const planted = plantedMatrix({ camps: [10, 8], divisive: 6, shared: 2, unseenShare: 0, noise: 0.05, seed: 11 });
    for (let row = 0; row < 18; row++) {
      const base = row % 2 === 0 ? first.url : second.url;
      const reader = await newUser(base, `groundCluster${row}`);
      const socket = cluster.track(await connectSocket(base, reader.token));
      for (const [statementId, vote] of Object.entries(rowVotes(planted.matrix, row, statementIds)))
        await must(socket, 'ground:vote', { statementId, vote });
    }

    const allIn = (a: GroundAnalysis | undefined) =>
      a !== undefined &&
      a.voters === 18 &&
      statementIds.every((id) => {
        const s = a.splits[id];
        return s !== undefined && s.agree + s.disagree + s.pass === 18;
      });
    await waitUntil(() => watchers.every((w) => allIn(latest.get(w))), 'both processes to count all 144 votes');
    const [onFirst, onSecond] = watchers.map((w) => latest.get(w)!);
    const essentials = (a: GroundAnalysis) => ({
      groups: a.groups.map((g) => g.size),
      consensus: a.consensus.map((c) => c.statementId),
      divisive: a.divisive.map((d) => d.statementId),
      points: a.points,
    });
    expect(essentials(onFirst!)).toEqual(essentials(onSecond!));
    expect(onFirst!.groups).toHaveLength(2);
    // With 18 readers the statistics are strict (one doubter in a group of 8 keeps a statement out),
    // but what they call consensus is a shared statement.
    const shared = planted.sharedColumns.map((c) => statementIds[c]!);
    expect(onFirst!.consensus.length).toBeGreaterThan(0);
    for (const c of onFirst!.consensus) expect(shared).toContain(c.statementId);
  }, 90_000);
});
