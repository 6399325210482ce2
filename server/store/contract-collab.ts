/** The collaborative-document part of the store contract, run against every adapter like contract.ts. */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StoreHarness } from './contract.js';
import type { Store } from './store.js';

const bytes = (...values: number[]) => new Uint8Array(values);

/**
 * Compaction as the collab server does it (server/collab/document.ts): merge what is STORED (the
 * snapshot and every update after it) and write it with a compare-and-set on the snapshot's seq.
 */
async function mergeCompact(store: Store, docName: string): Promise<boolean> {
  const stored = await store.loadDoc(docName);
  const upTo = stored.updates.at(-1)?.seq;
  if (upTo === undefined) return false;
  const merged = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(merged, stored.snapshot);
  for (const { update } of stored.updates) Y.applyUpdate(merged, update);
  const state = Y.encodeStateAsUpdate(merged);
  merged.destroy();
  return store.compactDoc(docName, state, upTo, stored.snapshotSeq);
}

/** The text a fresh process would see: the stored snapshot and updates, applied to a new doc. */
async function storedText(store: Store, docName: string): Promise<string> {
  const stored = await store.loadDoc(docName);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

/**
 * `twin` opens a second handle on the same data (another connection, as another process would
 * have): the tests of several processes use it. Without it they run on one handle.
 */
export function describeCollabContract(
  name: string,
  harness: StoreHarness,
  twin?: (store: Store) => Promise<Store>,
): void {
  describe(`store contract, collaborative documents: ${name}`, () => {
    let store: Store;
    const twins: Store[] = [];
    afterEach(async () => {
      for (const t of twins.splice(0)) await t.close();
      if (store) await harness.destroy(store);
    });
    const second = async (): Promise<Store> => {
      if (!twin) return store;
      const t = await twin(store);
      twins.push(t);
      return t;
    };

    it('loads an unknown document as empty', async () => {
      store = await harness.open();
      expect(await store.loadDoc('debate/x/position/y')).toEqual({ snapshot: null, snapshotSeq: 0, updates: [] });
    });

    it('keeps appended updates, in order and byte for byte, across close and reopen', async () => {
      store = await harness.open();
      const doc = 'debate/d1/position/p1';
      const big = new Uint8Array(200_000).map((_, i) => i % 251);
      expect(await store.appendDocUpdate(doc, bytes(1, 2, 3), 'u1')).toBe(1);
      expect(await store.appendDocUpdate(doc, bytes(0, 255), null)).toBe(2);
      expect(await store.appendDocUpdate(doc, big, 'u2')).toBe(3);
      expect(await store.appendDocUpdate('debate/d1/position/p2', bytes(9), 'u1')).toBe(1);
      store = await harness.reopen(store);
      const loaded = await store.loadDoc(doc);
      expect(loaded.snapshot).toBeNull();
      expect(loaded.updates.map((u) => u.seq)).toEqual([1, 2, 3]);
      expect(loaded.updates[0]!.update).toBeInstanceOf(Uint8Array);
      expect(Array.from(loaded.updates[0]!.update)).toEqual([1, 2, 3]);
      expect(Array.from(loaded.updates[1]!.update)).toEqual([0, 255]);
      expect(Buffer.from(loaded.updates[2]!.update).equals(Buffer.from(big))).toBe(true);
      expect((await store.loadDoc('debate/d1/position/p2')).updates).toHaveLength(1);
    });

    it('compacts atomically: the snapshot replaces the updates it covers, later ones stay, seqs go on', async () => {
      store = await harness.open();
      const doc = 'debate/d2/position/p1';
      for (let i = 1; i <= 5; i++) await store.appendDocUpdate(doc, bytes(i), 'u');
      expect(await store.compactDoc(doc, bytes(100, 101), 3, 0)).toBe(true);
      let loaded = await store.loadDoc(doc);
      expect(Array.from(loaded.snapshot!)).toEqual([100, 101]);
      expect(loaded.snapshotSeq).toBe(3);
      expect(loaded.updates.map((u) => [u.seq, Array.from(u.update)])).toEqual([
        [4, [4]],
        [5, [5]],
      ]);
      // Compacting everything empties the log, and the next seq does not restart.
      expect(await store.compactDoc(doc, bytes(200), 5, 3)).toBe(true);
      expect(await store.appendDocUpdate(doc, bytes(6), 'u')).toBe(6);
      store = await harness.reopen(store);
      loaded = await store.loadDoc(doc);
      expect(Array.from(loaded.snapshot!)).toEqual([200]);
      expect(loaded.snapshotSeq).toBe(5);
      expect(loaded.updates.map((u) => u.seq)).toEqual([6]);
    });

    it('compacts only over the snapshot it merged from (compare-and-set), and only up to a seq taken', async () => {
      store = await harness.open();
      const doc = 'debate/d2/position/p2';
      for (let i = 1; i <= 5; i++) await store.appendDocUpdate(doc, bytes(i), 'u');
      expect(await store.compactDoc(doc, bytes(100), 3, 0)).toBe(true);
      const refused: Array<[number, number]> = [
        [2, 0], // an older compaction arriving late
        [5, 0], // a newer one, but merged from a read taken before the snapshot at 3 was written
        [4, 2], // based on a snapshot that was never stored
        [3, 3], // nothing to merge
        [9, 3], // seqs never taken
      ];
      for (const [upTo, basedOn] of refused) expect(await store.compactDoc(doc, bytes(7), upTo, basedOn)).toBe(false);
      expect(await store.compactDoc('debate/none/position/none', bytes(7), 1, 0)).toBe(false);
      const loaded = await store.loadDoc(doc);
      expect(Array.from(loaded.snapshot!)).toEqual([100]);
      expect(loaded.snapshotSeq).toBe(3);
      expect(loaded.updates.map((u) => u.seq)).toEqual([4, 5]);
      expect(await store.loadDoc('debate/none/position/none')).toEqual({ snapshot: null, snapshotSeq: 0, updates: [] });
    });

    it('two processes that each write a paragraph and compact lose neither (the stale in-memory copy is refused)', async () => {
      store = await harness.open();
      const other = await second();
      const doc = 'debate/d6/position/p1';
      // Both processes load the (empty) document, then each accepts one edit of its own client.
      const p1 = new Y.Doc();
      const p2 = new Y.Doc();
      const edit = async (s: Store, d: Y.Doc, text: string) => {
        const before = Y.encodeStateVector(d);
        d.getText('t').insert(0, text);
        return s.appendDocUpdate(doc, Y.encodeStateAsUpdate(d, before), 'u');
      };
      const seq1 = await edit(store, p1, 'host paragraph. ');
      const seq2 = await edit(other, p2, 'debater paragraph. ');
      expect([seq1, seq2]).toEqual([1, 2]);
      // Writing one process's in-memory copy over the store (what lost the host's paragraph) is refused
      // once the other has compacted: its read predates the snapshot now stored.
      expect(await mergeCompact(store, doc)).toBe(true);
      expect(await other.compactDoc(doc, Y.encodeStateAsUpdate(p2), seq2, 0)).toBe(false);
      const text = await storedText(other, doc);
      expect(text).toContain('host paragraph. ');
      expect(text).toContain('debater paragraph. ');
      // Merging what is stored, from either handle, keeps both.
      await edit(other, p2, 'more. ');
      expect(await mergeCompact(other, doc)).toBe(true);
      expect((await store.loadDoc(doc)).updates).toEqual([]);
      expect(await storedText(store, doc)).toMatch(/^(?=.*host paragraph)(?=.*debater paragraph)(?=.*more)/);
    });

    it('loses nothing when two processes append and compact interleaved', async () => {
      store = await harness.open();
      const other = await second();
      const doc = 'debate/d7/position/p1';
      const written: string[] = [];
      const run = async (s: Store, tag: string) => {
        // A process's own copy, as a collab server keeps it: what it loaded plus its own edits.
        const live = new Y.Doc();
        const loaded = await s.loadDoc(doc);
        if (loaded.snapshot) Y.applyUpdate(live, loaded.snapshot);
        for (const { update } of loaded.updates) Y.applyUpdate(live, update);
        for (let i = 0; i < 25; i++) {
          const word = `${tag}${i};`;
          const before = Y.encodeStateVector(live);
          live.getText('t').insert(0, word);
          await s.appendDocUpdate(doc, Y.encodeStateAsUpdate(live, before), tag);
          written.push(word);
          if (i % 4 === 3) await mergeCompact(s, doc);
          await new Promise((r) => setImmediate(r));
        }
        await mergeCompact(s, doc);
      };
      await Promise.all([run(store, 'a'), run(other, 'b'), run(store, 'c'), run(other, 'd')]);
      const text = await storedText(store, doc);
      for (const word of written) expect(text).toContain(word);
      expect(written).toHaveLength(100);
      // Every compaction that lost a race changed nothing; the last ones left at most a short log.
      const loaded = await other.loadDoc(doc);
      expect(loaded.updates.every((u) => u.seq > loaded.snapshotSeq)).toBe(true);
    });

    it('never shows a reader a snapshot without the updates after it while compactions run', async () => {
      store = await harness.open();
      const doc = 'debate/d3/position/p1';
      // Each snapshot records (as its one byte) the last seq it covers; every load must be gapless.
      const work: Array<Promise<unknown>> = [];
      for (let i = 1; i <= 30; i++) {
        const seq = await store.appendDocUpdate(doc, bytes(i), 'u');
        if (i % 5 === 0)
          work.push(store.loadDoc(doc).then((l) => store.compactDoc(doc, bytes(seq), seq, l.snapshotSeq)));
        work.push(
          store.loadDoc(doc).then((loaded) => {
            const first = loaded.snapshot ? loaded.snapshot[0]! : 0;
            expect(loaded.snapshotSeq).toBe(first);
            loaded.updates.forEach((u, k) => expect(u.seq).toBe(first + k + 1));
          }),
        );
      }
      await Promise.all(work);
    });

    it('gives concurrent appends distinct, increasing seqs', async () => {
      store = await harness.open();
      const doc = 'debate/d4/position/p1';
      const seqs = await Promise.all(
        Array.from({ length: 40 }, (_, i) => store.appendDocUpdate(doc, bytes(i), `u${i % 3}`)),
      );
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const loaded = await store.loadDoc(doc);
      expect(loaded.updates.map((u) => u.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      // Each stored update is the one its append was answered with.
      for (const [i, seq] of seqs.entries()) expect(Array.from(loaded.updates[seq - 1]!.update)).toEqual([i]);
    });

    it('keeps named versions, lists them newest first without state and reads one with state', async () => {
      store = await harness.open();
      const doc = 'debate/d5/position/p1';
      const first = await store.createDocVersion({
        docName: doc,
        name: 'Opening',
        state: bytes(1, 2),
        createdBy: 'host',
        reason: 'manual',
      });
      expect(first).toMatchObject({ docName: doc, name: 'Opening', size: 2, createdBy: 'host', reason: 'manual' });
      expect(typeof first.id).toBe('string');
      expect(Number.isNaN(Date.parse(first.createdAt))).toBe(false);
      const second = await store.createDocVersion({
        docName: doc,
        name: 'Rebuttal',
        state: bytes(3),
        createdBy: null,
        reason: 'phase',
      });
      const third = await store.createDocVersion({
        docName: doc,
        name: 'Before restore',
        state: bytes(4, 5, 6),
        createdBy: 'mod',
        reason: 'restore',
      });
      await store.createDocVersion({
        docName: 'other',
        name: 'Elsewhere',
        state: bytes(9),
        createdBy: null,
        reason: 'manual',
      });
      store = await harness.reopen(store);
      const list = await store.listDocVersions(doc);
      expect(list.map((v) => v.id)).toEqual([third.id, second.id, first.id]);
      expect(list[0]).toEqual({
        id: third.id,
        docName: doc,
        name: 'Before restore',
        size: 3,
        createdBy: 'mod',
        reason: 'restore',
        createdAt: third.createdAt,
      });
      expect(list[0]).not.toHaveProperty('state');
      expect((await store.listDocVersions(doc, 2)).map((v) => v.id)).toEqual([third.id, second.id]);
      const read = await store.getDocVersion(second.id);
      expect(read).toMatchObject({ id: second.id, name: 'Rebuttal', reason: 'phase', createdBy: null });
      expect(Array.from(read!.state)).toEqual([3]);
      expect(await store.getDocVersion('no-such-version')).toBeNull();
    });

    it('creates, reads and updates a debate roster', async () => {
      store = await harness.open();
      const debate = await store.createDebate({
        articleId: 'a1',
        hostId: 'h1',
        motion: 'This house would talk',
        positions: [
          { id: 'p1', name: 'For', debaterIds: ['u1', 'u2'] },
          { id: 'p2', name: 'Against', debaterIds: [] },
        ],
      });
      expect(debate).toMatchObject({ articleId: 'a1', hostId: 'h1', motion: 'This house would talk' });
      expect(debate.createdAt).toBe(debate.updatedAt);
      store = await harness.reopen(store);
      expect(await store.getDebate(debate.id)).toEqual(debate);
      expect(await store.getDebate('missing')).toBeNull();

      const moved = await store.updateDebateRoster(debate.id, { hostId: 'h2' });
      expect(moved).toMatchObject({ hostId: 'h2', positions: debate.positions });
      const positions = [
        { id: 'p1', name: 'For', debaterIds: ['u2'] },
        { id: 'p2', name: 'Against', debaterIds: ['u3'] },
        { id: 'p3', name: 'Neither', debaterIds: ['u1'] },
      ];
      const updated = await store.updateDebateRoster(debate.id, { positions });
      expect(updated).toMatchObject({ hostId: 'h2', positions });
      expect(await store.getDebate(debate.id)).toEqual(updated);
      expect(await store.updateDebateRoster('missing', { hostId: 'x' })).toBeNull();
    });
  });
}
