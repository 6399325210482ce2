/**
 * The live copies outside the thread: each audience member's last debate state against the stored
 * session, and each copy of the summary document (editors, the read-only guest) against the store.
 */
import * as Y from 'yjs';
import type { Store } from '../../server/store/store.js';
import { verdict, type CheckResult } from './check.js';
import type { Member } from './debate-audience.js';
import type { Ledger } from './ledger.js';
import { summaryText, type Editor } from './summary.js';

export async function checkAudience(store: Store, ledger: Ledger, members: Member[]): Promise<CheckResult> {
  const problems: string[] = [];
  for (const debateId of ledger.debateStates.keys()) {
    const stored = await store.getDebateSession(debateId);
    for (const m of members) {
      const seen = m.seen.get(debateId);
      if (seen && seen.version !== stored?.version)
        problems.push(
          `${m.account.name}: debate ${debateId} at v${seen.version} ${seen.status}, store v${stored?.version}`,
        );
    }
  }
  return verdict(
    'every audience member’s debate state equals the store',
    `${members.length} members × ${ledger.debateStates.size} debates`,
    problems,
  );
}

/** The summary as the store has it: snapshot and every update after it. */
export async function storedSummary(store: Store, docName: string): Promise<string> {
  const { snapshot, updates } = await store.loadDoc(docName);
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const { update } of updates) Y.applyUpdate(doc, update);
  const text = summaryText(doc);
  doc.destroy();
  return text;
}

export async function checkSummary(store: Store, docName: string, editors: Editor[]): Promise<CheckResult> {
  const stored = await storedSummary(store, docName);
  const problems = editors
    .filter((e) => summaryText(e.doc) !== stored)
    .map((e) => `${e.label}: ${summaryText(e.doc).length} characters of XML differ from the store's ${stored.length}`);
  return verdict(
    'the summary document is identical at every editor, the read-only viewer and in the store',
    `${editors.length} copies, ${stored.length} characters of XML`,
    problems,
  );
}
