/**
 * Automatic slow mode with several processes (REDIS_URL, one SQLite file): the comments that reach
 * the rate arrive through two processes, neither of which saw enough of them alone. The rate is
 * counted from the store, so it engages all the same, readers on both processes are told, and the
 * audit log holds one engage, however many processes evaluated.
 */
import { describe, expect, it } from 'vitest';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import type { AuditEntry, Page } from '../../shared/types.js';
import type { ChildParley } from '../helpers/child.js';
import { connectSocket, newUser } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { redisTool } from '../helpers/redis-server.js';
import { useProcessCluster } from '../helpers/process-cluster.js';
import { api, signInAs } from '../helpers/server.js';
import { nextEvent } from '../helpers/wait.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const cluster = useProcessCluster('auto-slow', {
  env: { AUTO_SLOW_MODE_CHECK_MS: '100', COMMENTS_PER_MINUTE: '1000' },
});
const { processes } = cluster;

describe.skipIf(redisTool.skip)('automatic slow mode across processes', () => {
  it('engages on comments that came through two processes, tells readers on both, audits once', async () => {
    const [first, second] = processes as [ChildParley, ChildParley];
    const moderator = await signInAs(first.url, 'moderator');
    const articleId: string = (await api(first.url, `/api/articles/${SLUG}`)).body.article.id;
    const set = await api(first.url, `/api/mod/articles/${articleId}/settings`, {
      method: 'PATCH',
      token: moderator,
      body: { autoSlowModePerMinute: 4, autoSlowModeSeconds: 90 },
    });
    expect(set.status).toBe(200);

    const writers: ParleyClientSocket[] = [];
    for (const [i, base] of [first.url, first.url, second.url, second.url].entries()) {
      const socket = await connectSocket(base, (await newUser(base, `clusterBusy${i}`)).token);
      cluster.track(socket);
      await must(socket, 'article:join', { slug: SLUG });
      writers.push(socket);
    }
    const [onFirst, onSecond] = [writers[0]!, writers[2]!];
    const engaged = (s: ParleyClientSocket) =>
      nextEvent(s, 'article:settings', (n: { slowModeAuto?: boolean }) => n.slowModeAuto === true);
    const seenOnFirst = engaged(onFirst);
    const seenOnSecond = engaged(onSecond);

    // Two comments through each process: neither process stored four.
    for (const [i, socket] of writers.entries()) await must(socket, 'comment:create', { articleId, body: `busy ${i}` });

    const expected = { articleId, commentsOpen: true, slowModeSeconds: 90, slowModeAuto: true };
    expect(await seenOnFirst).toEqual(expected);
    expect(await seenOnSecond).toEqual(expected);

    const audit = await api(first.url, `/api/mod/audit?articleId=${articleId}`, { token: moderator });
    const automatic = (audit.body as Page<AuditEntry>).items.filter((a) => a.actorId === 'system');
    expect(automatic).toHaveLength(1);
    expect(automatic[0]).toMatchObject({ action: 'settings', after: { slowModeSeconds: 90, slowModeAuto: true } });
  });
});
