/**
 * Crash safety of /collab: the server runs in a child process and is killed with SIGKILL right
 * after edits are acknowledged. "Acknowledged" means a second client has received them: the
 * server stores an update before it relays it, so an update another client holds is durable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startChildParley, type ChildParley } from '../helpers/child.js';
import { connect, httpSigner, setUpDebate, summaryOf, waitFor, type Client } from '../helpers/collab.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-crash-'));
let server: ChildParley | null = null;
const clients: Client[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

const open = (base: string, doc: string, token: string) => {
  const c = connect(base, doc, token);
  clients.push(c);
  return c;
};

/** Types `text` one character per transaction (one update message each) at the end of the paragraph. */
function type(doc: Y.Doc, text: string): void {
  const paragraph = doc.getXmlFragment('summary').get(0) as Y.XmlElement;
  const xmlText = paragraph.get(0) as Y.XmlText;
  for (const ch of text) xmlText.insert(xmlText.length, ch);
}

describe('SIGKILL right after acknowledged edits', () => {
  it('loses nothing, before or after a compaction, and editing goes on after the restart', async () => {
    server = await startChildParley(dir);
    const roster = await setUpDebate(server.url, httpSigner(server.url));
    const editor = open(server.url, roster.forDoc, roster.tokens.alice);
    const witness = open(server.url, roster.forDoc, roster.tokens.reader);
    await Promise.all([editor.synced, witness.synced]);

    editor.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('')]);
      editor.doc.getXmlFragment('summary').insert(0, [paragraph]);
    });
    type(editor.doc, 'Before the snapshot. ');
    await waitFor(() => summaryOf(witness.doc) === summaryOf(editor.doc), 'the witness to have the first edits');
    // Everyone leaves: the server compacts at once. Read the database beside the server to see the snapshot land.
    editor.provider.disconnect();
    witness.provider.disconnect();
    const db = new Database(join(dir, 'parley.db'), { readonly: true });
    const snapshotSeq = () =>
      db
        .prepare<[string], { snapshot_seq: number }>('SELECT snapshot_seq FROM collab_docs WHERE doc_name = ?')
        .get(roster.forDoc)?.snapshot_seq ?? 0;
    await waitFor(() => snapshotSeq() > 0, 'the compaction after the last client left');
    await Promise.all([editor.reconnect(), witness.reconnect()]);
    await waitFor(() => editor.provider.synced && witness.provider.synced, 'both to sync again');
    type(editor.doc, 'After the snapshot, in the log only: ');
    const big = 'x'.repeat(50_000);
    editor.doc.getText('plain').insert(0, big);
    type(editor.doc, 'the end.');
    await waitFor(
      () => summaryOf(witness.doc) === summaryOf(editor.doc) && witness.doc.getText('plain').length === big.length,
      'the witness to have every edit',
    );
    const acknowledged = summaryOf(editor.doc);
    await server.kill();
    // The kill came before any later compaction: the last edits exist only in the update log (as
    // few updates: keystrokes typed within one relay tick are stored together).
    const logged = db
      .prepare<[string, number], { n: number }>(
        'SELECT COUNT(*) AS n FROM collab_updates WHERE doc_name = ? AND seq > ?',
      )
      .get(roster.forDoc, snapshotSeq())!.n;
    db.close();
    expect(logged).toBeGreaterThan(0);

    server = await startChildParley(dir);
    const reader = open(server.url, roster.forDoc, roster.tokens.reader);
    await reader.synced;
    expect(summaryOf(reader.doc)).toBe(acknowledged);
    expect(summaryOf(reader.doc)).toContain('Before the snapshot. After the snapshot, in the log only: the end.');
    expect(reader.doc.getText('plain').toString()).toBe(big);

    // The same tokens still work (the secret lives in the data folder), and editing goes on.
    const again = open(server.url, roster.forDoc, roster.tokens.bob);
    await again.synced;
    type(again.doc, ' Later.');
    await waitFor(() => summaryOf(reader.doc).includes('the end. Later.'), 'an edit after the restart');
  });
});
