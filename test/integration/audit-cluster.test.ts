/**
 * The audit log across processes (REDIS_URL, one SQLite file; issue 15): a removal made through one
 * process reaches a desk connected to another, named, as `mod:audited`; an undo through the first
 * does too.
 */
import { describe, expect, it } from 'vitest';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import type { AuditView } from '../../shared/moderation.js';
import type { ArticleChange } from '../../shared/events.js';
import type { ChildParley } from '../helpers/child.js';
import { connectSocket, eventually, newUser } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { redisTool } from '../helpers/redis-server.js';
import { useProcessCluster } from '../helpers/process-cluster.js';
import { api } from '../helpers/server.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const cluster = useProcessCluster('audit', { env: { COMMENTS_PER_MINUTE: '1000' } });
const { processes } = cluster;

async function socketOf(url: string, token: string): Promise<ParleyClientSocket> {
  return cluster.track(await connectSocket(url, token));
}

describe.skipIf(redisTool.skip)('the audit log across processes', () => {
  it('reaches a desk on another process, named, for a removal and for its undo', async () => {
    const [first, second] = processes as [ChildParley, ChildParley];
    const signIn = async (url: string, name: string) =>
      (await api(url, '/api/auth/sign-in', { body: { name, password: `parley-${name}` } })).body.accessToken as string;
    const acting = await socketOf(first.url, await signIn(first.url, 'moderator'));
    const watching = await socketOf(second.url, await signIn(second.url, 'admin'));
    await must(acting, 'mod:watch', {});
    await must(watching, 'mod:watch', {});
    const heard: AuditView[] = [];
    watching.on('mod:audited', (e) => heard.push(e));

    const writer = await socketOf(first.url, (await newUser(first.url, 'Cluster Audited')).token);
    const articleId: string = (await api(first.url, `/api/articles/${SLUG}`)).body.article.id;
    const created = await must<ArticleChange>(writer, 'comment:create', {
      articleId,
      body: 'Through the first process, soon removed 5k2.',
    });
    await must(acting, 'mod:action', {
      commentId: created.comment.id,
      action: 'remove',
      reason: 'spam',
      expectedVersion: 0,
    });
    await eventually(() => heard.some((e) => e.commentId === created.comment.id), 'the removal at the other desk');
    const removal = heard.find((e) => e.commentId === created.comment.id)!;
    expect(removal).toMatchObject({
      action: 'remove',
      targetUser: { name: 'Cluster Audited' },
      article: { slug: SLUG },
      comment: { excerpt: expect.stringContaining('5k2') },
    });

    await must(acting, 'mod:undo', { auditId: removal.id });
    await eventually(
      () => heard.some((e) => e.commentId === created.comment.id && e.action === 'undo'),
      'the undo at the other desk',
    );
  });
});
