/**
 * Relay ticks (batch.ts, tick-check.ts, document.ts) on one loaded document with recording peers,
 * a recording relay and a store whose writes the test can hold: the edits of one tick are stored
 * as one update and relayed as one frame (the same bytes to every connection), stored BEFORE any
 * connection or other process hears of them, a bad edit is refused alone, and a failed store
 * applies and relays nothing. The tick itself (a throttle) runs on fake timers.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Actor } from '../domain/users.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { parseDocName } from '../../shared/doc-names.js';
import { storedDoc } from '../../test/helpers/collab.js';
import { waitUntil } from '../../test/helpers/wait.js';
import { decodeAwarenessUpdate } from './awareness.js';
import { TickBatch } from './batch.js';
import { CollabDocument, type DocPeer } from './document.js';
import type { CollabHooks } from './hooks.js';
import { DEFAULT_COLLAB_OPTIONS } from './options.js';
import { localDocRelay, type DocRelay, type RelayMessage } from './relay.js';

const DOC = 'debate/d1/position/p1';

interface RecordingPeer extends DocPeer {
  canEdit: boolean;
  frames: Uint8Array[];
}

/** What happened, in order: store writes starting and committing, frames sent, relay publishes. */
type Event = { what: 'store-begin' | 'stored' | 'send' | 'publish'; peer?: number };

const stores: Store[] = [];
const docs: CollabDocument[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const d of docs.splice(0)) d.destroy();
  for (const s of stores.splice(0)) await s.close();
});

async function setUp(options: { holdStore?: boolean; failStore?: () => boolean } = {}) {
  const store = await openSqliteStore(':memory:');
  stores.push(store);
  const events: Event[] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  const hold = () => {
    gate = new Promise<void>((resolve) => (release = resolve));
  };
  if (options.holdStore) hold();
  const writes: Uint8Array[] = [];
  const hooks: CollabHooks = {
    // Never called: the test hands edits to the document directly.
    authenticate: async () => null,
    issueTicket: async () => {
      throw new Error('not used');
    },
    authorize: async () => {
      throw new Error('not used');
    },
    load: (name) => store.loadDoc(name),
    change: async (name, update, userId) => {
      events.push({ what: 'store-begin' });
      await gate;
      if (options.failStore?.()) throw new Error('disk full');
      const seq = await store.appendDocUpdate(name, update, userId);
      writes.push(update);
      events.push({ what: 'stored' });
      return seq;
    },
    store: (name, state, upToSeq, basedOnSeq) => store.compactDoc(name, state, upToSeq, basedOnSeq),
  };
  const published: RelayMessage[] = [];
  const relay: DocRelay = {
    ...localDocRelay(),
    publish: (_name, message) => {
      published.push(message);
      events.push({ what: 'publish' });
    },
  };
  const doc = await CollabDocument.load(
    parseDocName(DOC)!,
    hooks,
    { ...DEFAULT_COLLAB_OPTIONS, relayTickMs: 20, compactDebounceMs: 60_000, compactMaxWaitMs: 60_000 },
    pino({ level: 'silent' }),
    relay,
  );
  docs.push(doc);
  const peers: RecordingPeer[] = Array.from({ length: 4 }, (_, i) => {
    const frames: Uint8Array[] = [];
    return {
      actor: { id: `user-${i}`, name: `User ${i}`, role: 'reader' } as Actor,
      canEdit: i < 3, // three editors and a reader
      trusted: true,
      frames,
      send(frame: Uint8Array) {
        frames.push(frame);
        events.push({ what: 'send', peer: i });
      },
      refreshAccess: () => undefined,
      sanctionChanged: () => undefined,
    };
  });
  for (const p of peers) doc.join(p);
  // What joining sent (sync step 1) is not what these tests are about.
  for (const p of peers) p.frames.length = 0;
  events.length = 0;
  return { store, doc, peers, events, writes, published, release: () => release(), hold };
}

/** A client document that records each of its transactions as one update. */
function typist() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const text = doc.getText('plain');
  return { doc, updates, type: (s: string) => [...s].forEach((ch) => text.insert(text.length, ch)) };
}

/** The update a sync 'update' frame carries (message type 0, step 2). */
function updateOfFrame(frame: Uint8Array): Uint8Array {
  expect([frame[0], frame[1]]).toEqual([0, 2]);
  // varuint length, then the update.
  let length = 0;
  let shift = 0;
  let i = 2;
  for (;;) {
    const byte = frame[i++]!;
    length |= (byte & 0x7f) << shift;
    if (byte < 0x80) break;
    shift += 7;
  }
  return frame.subarray(i, i + length);
}

describe('one tick: one stored update, one frame', () => {
  it('merges the edits of several editors that arrive within a tick; every connection gets the same bytes, and all converge', async () => {
    const { store, doc, peers, writes, published } = await setUp();
    const clients = [typist(), typist(), typist()];
    clients[0]!.type('abc');
    clients[1]!.type('def');
    clients[2]!.type('ghi');
    // Interleaved, as frames from three sockets arrive.
    const submits: Array<Promise<number | null>> = [];
    for (let k = 0; k < 3; k++)
      clients.forEach((c, i) => submits.push(doc.submit(c.updates[k]!, `user-${i}`, peers[i]!)));
    const seqs = await Promise.all(submits);

    expect(new Set(seqs)).toEqual(new Set([1]));
    expect(writes).toHaveLength(1);
    expect((await store.loadDoc(DOC)).updates.map((u) => u.seq)).toEqual([1]);
    // One frame per connection, the very same object for all (encoded once), the sender included:
    // it came from several connections, and applying one's own edit again changes nothing.
    for (const p of peers) expect(p.frames).toHaveLength(1);
    for (const p of peers) expect(p.frames[0]).toBe(peers[0]!.frames[0]);
    expect(published).toEqual([{ type: 'update', seq: 1, update: writes[0] }]);

    const relayed = updateOfFrame(peers[0]!.frames[0]!);
    for (const c of clients) Y.applyUpdate(c.doc, relayed);
    const texts = clients.map((c) => c.doc.getText('plain').toString());
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toHaveLength(9);
    expect(doc.live.getText('plain').toString()).toBe(texts[0]);
    expect((await storedDoc(store, DOC)).getText('plain').toString()).toBe(texts[0]);
  });

  it('skips the sender when a tick holds only its own edits', async () => {
    const { doc, peers } = await setUp();
    const c = typist();
    c.type('hi');
    await Promise.all(c.updates.map((u) => doc.submit(u, 'user-0', peers[0]!)));
    expect(peers[0]!.frames).toHaveLength(0);
    for (const p of peers.slice(1)) expect(p.frames).toHaveLength(1);
  });

  it('stores the edits of a tick before any connection or other process hears of them', async () => {
    const { doc, peers, events, release } = await setUp({ holdStore: true });
    const a = typist();
    const b = typist();
    a.type('x');
    b.type('y');
    const submits = [doc.submit(a.updates[0]!, 'user-0', peers[0]!), doc.submit(b.updates[0]!, 'user-1', peers[1]!)];
    await waitUntil(() => events.some((e) => e.what === 'store-begin'), 'the store write to start');
    // The write is held: nobody may have heard of the edits yet.
    expect(events).toEqual([{ what: 'store-begin' }]);
    release();
    await Promise.all(submits);
    const stored = events.findIndex((e) => e.what === 'stored');
    const firstSend = events.findIndex((e) => e.what === 'send');
    const publish = events.findIndex((e) => e.what === 'publish');
    expect(stored).toBeGreaterThan(0);
    expect(firstSend).toBeGreaterThan(stored);
    expect(publish).toBeGreaterThan(stored);
    expect(events.filter((e) => e.what === 'send')).toHaveLength(4);
  });

  it('groups the edits that arrive while a store write is in progress into the next write', async () => {
    const { doc, peers, writes, events, release, hold } = await setUp({ holdStore: true });
    const c = typist();
    c.type('abcdef');
    const first = doc.submit(c.updates[0]!, 'user-0', peers[0]!);
    await waitUntil(() => events.some((e) => e.what === 'store-begin'), 'the first store write to start');
    // Five more keystrokes while the first write is held: they wait for the next tick, together.
    const rest = c.updates.slice(1).map((u) => doc.submit(u, 'user-0', peers[0]!));
    release();
    hold();
    await first;
    await waitUntil(() => events.filter((e) => e.what === 'store-begin').length === 2, 'the second store write');
    release();
    await Promise.all(rest);
    expect(writes).toHaveLength(2);
    expect(doc.live.getText('plain').toString()).toBe('abcdef');
  });
});

describe('refusals inside a tick', () => {
  it('refuses a bad edit alone: the others of its tick are stored and relayed, its sender’s later edits are dropped', async () => {
    const { store, doc, peers, writes } = await setUp();
    const good = typist();
    good.type('ok');
    // An update that depends on changes the server never had.
    const elsewhere = typist();
    elsewhere.type('zz');
    const dependent = elsewhere.updates[1]!;
    // Fine on its own, but from a connection refused earlier in the tick.
    const another = typist();
    another.type('w');
    const later = another.updates[0]!;
    const outcomes = await Promise.allSettled([
      doc.submit(good.updates[0]!, 'user-0', peers[0]!),
      doc.submit(dependent, 'user-1', peers[1]!),
      doc.submit(later, 'user-1', peers[1]!),
      doc.submit(good.updates[1]!, 'user-0', peers[0]!),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'MALFORMED_MESSAGE' });
    // The sender's later edit of the same tick was dropped, not applied.
    expect((outcomes[2] as PromiseFulfilledResult<number | null>).value).toBeNull();
    expect(writes).toHaveLength(1);
    expect(doc.live.getText('plain').toString()).toBe('ok');
    expect((await storedDoc(store, DOC)).getText('plain').toString()).toBe('ok');
    expect(peers[2]!.frames).toHaveLength(1);
  });

  it('applies and relays nothing of a tick whose store write fails; the next tick goes on', async () => {
    let fail = true;
    const { store, doc, peers, events } = await setUp({ failStore: () => fail });
    const c = typist();
    c.type('lost');
    const outcomes = await Promise.allSettled(c.updates.map((u) => doc.submit(u, 'user-0', peers[0]!)));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(events.filter((e) => e.what === 'send' || e.what === 'publish')).toEqual([]);
    expect(doc.live.getText('plain').toString()).toBe('');
    expect((await store.loadDoc(DOC)).updates).toEqual([]);
    // The provider resends what the server lacks when it reconnects: here, all of it at once.
    fail = false;
    await doc.submit(Y.encodeStateAsUpdate(c.doc), 'user-0', peers[0]!);
    expect(doc.live.getText('plain').toString()).toBe('lost');
    expect((await storedDoc(store, DOC)).getText('plain').toString()).toBe('lost');
  });

  it('drops the waiting edits of a connection that lost edit access before its tick', async () => {
    const { doc, peers, writes } = await setUp();
    const c = typist();
    c.type('no');
    const submits = c.updates.map((u) => doc.submit(u, 'user-0', peers[0]!));
    peers[0]!.canEdit = false;
    expect(await Promise.all(submits)).toEqual([null, null]);
    expect(writes).toEqual([]);
    for (const p of peers) expect(p.frames).toEqual([]);
  });
});

describe('awareness', () => {
  it('encodes each change once: every other connection gets the same bytes', async () => {
    const { doc, peers } = await setUp();
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ user: { color: '#123456' }, cursor: 3 });
    const entries = decodeAwarenessUpdate(encodeAwarenessUpdate(awareness, [awareness.clientID]));
    doc.applyAwareness(peers[0]!, entries);
    expect(peers[0]!.frames).toEqual([]);
    for (const p of peers.slice(1)) expect(p.frames).toHaveLength(1);
    for (const p of peers.slice(1)) expect(p.frames[0]).toBe(peers[1]!.frames[0]);
  });
});

describe('the tick (a throttle)', () => {
  function ticking() {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let clock = 1_000;
    const flushed: number[] = [];
    const batch = new TickBatch(
      20,
      () => flushed.push(batch.take().length),
      () => clock,
    );
    const submit = () => void batch.submit(new Uint8Array([0]), null, null);
    const advance = (ms: number) => {
      clock += ms;
      vi.advanceTimersByTime(ms);
    };
    return { flushed, submit, advance };
  }

  it('sends a lone edit on the next turn, not after a tick', () => {
    const { flushed, submit, advance } = ticking();
    submit();
    expect(flushed).toEqual([]);
    advance(0);
    expect(flushed).toEqual([1]);
  });

  it('holds the edits that follow a flush until the tick is over, then sends them together', () => {
    const { flushed, submit, advance } = ticking();
    submit();
    advance(0);
    submit();
    advance(5);
    submit();
    submit();
    advance(14);
    expect(flushed).toEqual([1]);
    advance(1);
    expect(flushed).toEqual([1, 3]);
    // A quiet tick later, an edit goes at once again.
    advance(100);
    submit();
    advance(0);
    expect(flushed).toEqual([1, 3, 1]);
  });
});
