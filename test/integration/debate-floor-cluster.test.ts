/**
 * The statement stream across processes: two Parley processes on one Redis (REDIS_URL) and one
 * SQLite file. Debaters post through both at once; the debate's seq stays gapless, and readers on
 * each process hear every paragraph live, once, whichever process took it.
 */
import { describe, expect, it } from 'vitest';
import type { StatementView, Transcript } from '../../shared/debate/statements.js';
import { emptyTranscript, mergeStatements } from '../../client/src/realtime/transcript.js';
import type { ChildParley } from '../helpers/child.js';
import { connectSocket, eventually, newUser } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { redisTool } from '../helpers/redis-server.js';
import { useProcessCluster } from '../helpers/process-cluster.js';
import { api, signInAs } from '../helpers/server.js';

const cluster = useProcessCluster('floor');
const { processes } = cluster;

describe.skipIf(redisTool.skip)('the statement stream across processes', () => {
  it('reaches readers on every process once each, with one gapless seq', async () => {
    const [first, second] = processes as [ChildParley, ChildParley];
    const hostToken = await signInAs(first.url, 'host');
    const hostId = (await api(first.url, '/api/me', { token: hostToken })).body.user.id as string;
    const [a, b] = await Promise.all([newUser(first.url, 'floorClusterA'), newUser(first.url, 'floorClusterB')]);
    const article = (await api(first.url, '/api/articles/pakistan-afghanistan-peace-talks')).body.article;
    const created = await api(first.url, '/api/debates', {
      token: await signInAs(first.url, 'moderator'),
      body: {
        articleId: article.id,
        hostId,
        motion: 'Paragraphs cross processes.',
        positions: [
          { name: 'For', debaterIds: [a.userId, b.userId] },
          { name: 'Against', debaterIds: [] },
        ],
      },
    });
    expect(created.status).toBe(201);
    const debateId = created.body.debate.id as string;
    const host = await connectSocket(first.url, hostToken);
    cluster.track(host);
    await must(host, 'debate:setup', { debateId, template: 'oxford' });

    const heard = new Map<string, StatementView[]>();
    for (const [name, p] of [
      ['first', first],
      ['second', second],
    ] as const) {
      const reader = await connectSocket(p.url, null);
      cluster.track(reader);
      heard.set(name, []);
      reader.on('debate:statement', (s) => heard.get(name)!.push(s));
      await must(reader, 'debate:join', { debateId });
    }
    await must(host, 'debate:command', { debateId, command: 'start' });

    // One debater on each process, posting at the same time.
    const onFirst = await connectSocket(first.url, a.token);
    const onSecond = await connectSocket(second.url, b.token);
    cluster.track(onFirst);
    cluster.track(onSecond);
    const posted = (
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => [
          must<StatementView>(onFirst, 'debate:say', { debateId, text: `From the first process, ${i}.` }),
          must<StatementView>(onSecond, 'debate:say', { debateId, text: `From the second process, ${i}.` }),
        ]).flat(),
      )
    ).sort((x, y) => x.seq - y.seq);
    expect(posted.map((s) => s.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    await eventually(
      () => [...heard.values()].every((list) => list.length === posted.length),
      'every paragraph at the readers of both processes',
    );
    // Each exactly once. Two processes' emits may cross on the way through Redis, so a reader puts
    // them in seq order itself (client/src/realtime/transcript.ts), as a client does.
    for (const list of heard.values()) {
      expect(mergeStatements(emptyTranscript(debateId), list)).toEqual({ debateId, statements: posted, pending: [] });
      expect(new Set(list.map((s) => s.seq)).size).toBe(posted.length);
    }
    const transcript = await must<Transcript>(onSecond, 'debate:transcript', { debateId });
    expect(transcript).toEqual({ debateId, seq: 20, statements: posted });
  }, 90_000);
});
