/** The statement-stream part of the store contract (issue 13), run against every adapter. */
import { afterEach, describe, expect, it } from 'vitest';
import type { StatementRecord } from './statement-store.js';
import type { StoreHarness } from './contract.js';
import type { Store } from './store.js';

export function describeStatementContract(name: string, harness: StoreHarness): void {
  describe(`store contract, debate statements: ${name}`, () => {
    let store: Store;
    afterEach(async () => {
      if (store) await harness.destroy(store);
    });

    const paragraph = (debateId: string, text: string, phaseIndex = 0): Omit<StatementRecord, 'seq'> => ({
      debateId,
      phaseIndex,
      speaker: { userId: 'u1', name: 'Ayesha', positionId: phaseIndex === 4 ? null : 'pk' },
      via: 'debater',
      text,
      createdAt: new Date().toISOString(),
    });

    it('appends with the debate’s next seq, per debate, and reads the transcript in order after a reopen', async () => {
      store = await harness.open();
      expect(await store.lastStatementSeq('d1')).toBe(0);
      expect(await store.listStatements('d1', 0, 100)).toEqual([]);
      const first = await store.appendStatement(paragraph('d1', 'First paragraph.'));
      expect(first).toMatchObject({ debateId: 'd1', seq: 1, phaseIndex: 0, text: 'First paragraph.' });
      await store.appendStatement(paragraph('d2', 'Another debate.'));
      const second = await store.appendStatement({
        ...paragraph('d1', 'امن کے لیے ہم\u200Cآہنگی ضروری ہے۔', 4),
        via: 'floor',
        speaker: { userId: 'u9', name: 'Hand', positionId: null },
      });
      expect(second.seq).toBe(2);
      store = await harness.reopen(store);
      const transcript = await store.listStatements('d1', 0, 100);
      expect(transcript).toEqual([first, second]);
      expect(transcript[1]).toMatchObject({
        phaseIndex: 4,
        via: 'floor',
        speaker: { userId: 'u9', name: 'Hand', positionId: null },
        text: 'امن کے لیے ہم\u200Cآہنگی ضروری ہے۔',
      });
      expect(await store.listStatements('d2', 0, 100)).toHaveLength(1);
      expect(await store.lastStatementSeq('d1')).toBe(2);
      expect(await store.lastStatementSeq('d2')).toBe(1);
    });

    it('gives concurrent appends distinct seqs with no gap, and pages after a seq', async () => {
      store = await harness.open();
      const appended = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.appendStatement(paragraph('d1', `Paragraph ${i}.`))),
      );
      expect(appended.map((s) => s.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const all = await store.listStatements('d1', 0, 100);
      expect(all.map((s) => s.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // Each seq holds the text that was appended with it.
      for (const s of appended) expect(all[s.seq - 1]!.text).toBe(s.text);
      expect((await store.listStatements('d1', 15, 3)).map((s) => s.seq)).toEqual([16, 17, 18]);
      expect(await store.listStatements('d1', 20, 10)).toEqual([]);
      expect(await store.listStatements('d1', 0, 0)).toEqual([]);
    });
  });
}
