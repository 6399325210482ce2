/**
 * The front page with several processes (REDIS_URL, one SQLite file): a front page served by one
 * process hears the comments posted and the readers arriving through another.
 */
import { describe, expect, it } from 'vitest';
import type { FrontArticleStats } from '../../shared/types.js';
import type { ChildParley } from '../helpers/child.js';
import { connectSocket, eventually, newUser } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { redisTool } from '../helpers/redis-server.js';
import { useProcessCluster } from '../helpers/process-cluster.js';
import { api } from '../helpers/server.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const cluster = useProcessCluster('front', { env: { COMMENTS_PER_MINUTE: '1000' } });
const { processes } = cluster;

describe.skipIf(redisTool.skip)('the front page across processes', () => {
  it('hears comments and readers that came through another process', async () => {
    const [first, second] = processes as [ChildParley, ChildParley];
    const articleId: string = (await api(first.url, `/api/articles/${SLUG}`)).body.article.id;

    const front = await connectSocket(second.url, null);
    cluster.track(front);
    let now: FrontArticleStats = { articleId };
    front.on('front:stats', ({ articles }) => {
      for (const a of articles) if (a.articleId === articleId) now = { ...now, ...a };
    });
    const [answer] = await must<FrontArticleStats[]>(front, 'front:watch', { articleIds: [articleId] });
    now = { ...now, ...answer };
    expect(now).toMatchObject({ readers: 0 });
    const start = now.commentCount!;

    const writer = await connectSocket(first.url, (await newUser(first.url, 'ClusterFront')).token);
    cluster.track(writer);
    await must(writer, 'article:join', { slug: SLUG });
    await eventually(() => now.readers === 1, 'the reader on the other process');
    await must(writer, 'comment:create', { articleId, body: 'Through the first process.' });
    await eventually(() => now.commentCount === start + 1, 'the comment from the other process');
    writer.close();
    await eventually(() => now.readers === 0, 'the reader gone');
  });
});
