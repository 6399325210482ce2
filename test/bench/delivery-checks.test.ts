// The benches' delivery checks (bench/delivery-tally.ts, bench/seq-check.ts) on hand-made frames:
// a bench that miscounts would report a loss that is not there, or miss one that is.
import { describe, expect, it } from 'vitest';
import { DeliveryTally, latencyMs, marker, mergeHistograms } from '../../bench/delivery-tally.js';
import { SeqCheck } from '../../bench/seq-check.js';

/** A raw `article:changes` frame in the lean wire form, one entry per [seq, body]. */
const batch = (entries: Array<[number, string]>) =>
  Buffer.from(
    `42${JSON.stringify(['article:changes', { a: 'x', l: entries.map(([s, b]) => ({ s, c: { i: 'i', u: 'u', n: 'n', b, t: 1 } })) }])}`,
  );

describe('DeliveryTally', () => {
  it('checks off each marked comment once per reader and times the live ones', () => {
    const tally = new DeliveryTally(7, 3, 2);
    const sent = 1_000_000;
    const frame = batch([
      [1, `hello ${marker(7, 0, sent)}`],
      [2, `"quoted" ${marker(7, 2, sent)}`],
    ]);
    tally.receive(0, frame, 0, true, sent + 12);
    tally.receive(0, frame, 0, true, sent + 20); // the same comments again
    tally.receive(1, batch([[3, marker(7, 1, sent)]]), 0, false); // by a sync
    tally.receive(1, batch([[4, marker(6, 0, sent)]])); // another window's
    expect([...tally.seen]).toEqual([1, 0, 1, 0, 1, 0]);
    expect(tally).toMatchObject({ unique: 3, duplicates: 2, recovered: 1, other: 1 });
    expect(latencyMs(tally.latencyUs)).toMatchObject({ count: 2, p50: 12, max: 12 });
  });

  it('merges the latency of several tallies', () => {
    const parts = [5, 50].map((ms) => {
      const tally = new DeliveryTally(1, 1, 1);
      tally.receive(0, batch([[1, marker(1, 0, 0)]]), 0, true, ms);
      return tally.latencyUs;
    });
    expect(latencyMs(mergeHistograms(parts))).toMatchObject({ count: 2, p50: 5, max: 50 });
  });
});

describe('SeqCheck', () => {
  it('passes consecutive seqs and counts gaps and repeats', () => {
    const check = new SeqCheck(10);
    check.frame(
      batch([
        [11, 'a'],
        [12, 'b'],
      ]),
    );
    check.frame(batch([[15, 'c']])); // 13 and 14 skipped
    check.frame(batch([[15, 'd']])); // again
    expect(check).toMatchObject({ last: 15, gaps: 1, missing: 2, repeats: 1 });
  });

  it('does not take a status for a seq', () => {
    const check = new SeqCheck(0);
    check.frame(Buffer.from('42["article:change",{"a":"x","s":1,"c":{"i":"i","s":"removed","b":"","t":1}}]'));
    expect(check).toMatchObject({ last: 1, gaps: 0, repeats: 0 });
  });

  it('after a resync notice, puts the sync answer before what came live meanwhile', () => {
    const check = new SeqCheck(4);
    check.frame(batch([[5, 'a']]));
    check.hold(); // the reader missed 6 and 7 while held back
    check.frame(
      batch([
        [7, 'b'],
        [8, 'c'],
      ]),
    ); // live again after its rejoin, before the sync answers
    check.synced([6, 7]);
    expect(check).toMatchObject({ last: 8, gaps: 0, repeats: 0 });
  });

  it('takes a snapshot as everything up to its seq', () => {
    const check = new SeqCheck(0);
    check.hold();
    check.frame(batch([[900, 'a']]));
    check.synced([], 899);
    expect(check).toMatchObject({ last: 900, gaps: 0 });
  });
});
