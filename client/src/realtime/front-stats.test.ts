import { describe, expect, it } from 'vitest';
import { FakeSocket } from '../testing/fake-socket.js';
import { flushPromises } from '../testing/flush.js';
import { FrontStatsFollower, mergeFrontStats } from './front-stats.js';

const full = (articleId: string, commentCount: number, readers: number) => ({
  articleId,
  commentCount,
  readers,
  currentDebate: null,
  debateCount: 0,
});

describe('mergeFrontStats', () => {
  it('lays the parts an entry names over what is known, and keeps the rest', () => {
    const start = mergeFrontStats(new Map(), [full('a', 3, 2)]);
    const next = mergeFrontStats(start, [
      { articleId: 'a', readers: 5 },
      { articleId: 'b', commentCount: 1 },
    ]);
    expect(next.get('a')).toEqual({ ...full('a', 3, 5) });
    expect(next.get('b')).toEqual({ articleId: 'b', commentCount: 1 });
    expect(mergeFrontStats(next, [])).toBe(next);
  });
});

describe('FrontStatsFollower', () => {
  it('follows the listed articles on every connect, a request per 100, and applies front:stats', async () => {
    const fake = new FakeSocket();
    const follower = new FrontStatsFollower(fake.socket);
    let changes = 0;
    follower.subscribe(() => (changes += 1));
    const ids = Array.from({ length: 150 }, (_, i) => `a${i}`);
    follower.follow(ids);
    expect(fake.sentOf('front:watch')).toEqual([]);

    fake.simulateConnect();
    expect(fake.sentOf('front:watch').map((p) => p.articleIds.length)).toEqual([100, 50]);
    fake.pending('front:watch')[0]!.reply([full('a0', 4, 1)]);
    await flushPromises();
    expect(follower.current.get('a0')).toEqual(full('a0', 4, 1));

    fake.serverEmit('front:stats', { articles: [{ articleId: 'a0', commentCount: 5 }] });
    expect(follower.current.get('a0')).toMatchObject({ commentCount: 5, readers: 1 });
    expect(changes).toBe(2);

    // More articles listed: only the new one is asked for; a new connection asks for all again.
    follower.follow(['a0', 'a150']);
    expect(fake.sentOf('front:watch').at(-1)).toEqual({ articleIds: ['a150'] });
    fake.simulateDisconnect();
    fake.simulateConnect();
    expect(
      fake
        .sentOf('front:watch')
        .slice(-2)
        .map((p) => p.articleIds.length),
    ).toEqual([100, 51]);

    follower.close();
    expect(fake.sentOf('front:unwatch')).toEqual([{}]);
    fake.serverEmit('front:stats', { articles: [{ articleId: 'a0', commentCount: 9 }] });
    expect(follower.current.get('a0')?.commentCount).toBe(5);
    expect(fake.listenerCount('front:stats')).toBe(0);
    expect(fake.listenerCount('connect')).toBe(0);
  });

  it('asks again on the next connect for articles whose front:watch failed', async () => {
    const fake = new FakeSocket();
    fake.simulateConnect();
    const follower = new FrontStatsFollower(fake.socket);
    follower.follow(['a']);
    fake.only('front:watch').refuse('RATE_LIMITED');
    await flushPromises();
    follower.follow(['a']);
    expect(fake.sentOf('front:watch')).toEqual([{ articleIds: ['a'] }, { articleIds: ['a'] }]);
    follower.close();
  });
});
