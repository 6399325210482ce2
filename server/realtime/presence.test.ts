import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPresence } from './presence.js';
import { articleRoom, type ParleyServer, type ParleySocket } from './types.js';

/** Just what presence.ts reads of socket.io: the rooms table, and an emit to a room. */
function fakeIo() {
  const rooms = new Map<string, Set<string>>();
  const sent: Array<{ room: string; readers: number; at: number; sockets: number }> = [];
  const io = {
    sockets: { adapter: { rooms }, sockets: new Map() },
    local: {
      to: (room: string) => ({
        emit: (_event: string, payload: { readers: number }) =>
          sent.push({ room, readers: payload.readers, at: Date.now(), sockets: rooms.get(room)?.size ?? 0 }),
      }),
    },
  } as unknown as ParleyServer;
  return { io, rooms, sent };
}

let serial = 0;
const socketOf = (userId: string | null) =>
  ({ id: `s${++serial}`, data: { userId, name: null, articles: [] }, recovered: false }) as unknown as ParleySocket;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('presence', () => {
  it('counts signed-in users once and guest connections each', async () => {
    const { io, rooms } = fakeIo();
    rooms.set(articleRoom('a'), new Set(['x']));
    const presence = createPresence(io);
    const tab1 = socketOf('u1');
    const tab2 = socketOf('u1');
    const guest1 = socketOf(null);
    const guest2 = socketOf(null);
    for (const s of [tab1, tab2, guest1, guest2]) presence.entered('a', s);
    expect(await presence.count('a')).toBe(3);
    presence.left('a', tab1);
    expect(await presence.count('a')).toBe(3); // the other tab still has it open
    presence.left('a', tab2);
    presence.left('a', guest1);
    expect(await presence.count('a')).toBe(1);
    expect(await presence.count('other')).toBe(0);
    await presence.close();
  });

  it('announces a small room’s count 300 ms after a burst, and a large room’s at most every 1 ms per socket', async () => {
    const { io, rooms, sent } = fakeIo();
    const presence = createPresence(io);
    const small = new Set<string>();
    rooms.set(articleRoom('small'), small);
    for (let i = 0; i < 3; i++) {
      const s = socketOf(null);
      small.add(s.id);
      presence.entered('small', s);
    }
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toEqual([{ room: articleRoom('small'), readers: 3, at: Date.now(), sockets: 3 }]);

    // A crowd of 2,000 arriving over 10 s: announcements spaced by 1 ms per socket in the room (2 s
    // at the end), a handful in all, and the last one exact.
    const large = new Set<string>();
    rooms.set(articleRoom('large'), large);
    sent.length = 0;
    for (let i = 0; i < 2000; i++) {
      const s = socketOf(null);
      large.add(s.id);
      presence.entered('large', s);
      await vi.advanceTimersByTimeAsync(5);
    }
    await vi.advanceTimersByTimeAsync(5000);
    for (let i = 1; i < sent.length; i++)
      expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(Math.max(300, sent[i]!.sockets));
    expect(sent.length).toBeGreaterThan(2);
    expect(sent.length).toBeLessThanOrEqual(16); // every 300 ms would be over 30
    expect(sent.at(-1)?.readers).toBe(2000);
    await presence.close();
  });
});
