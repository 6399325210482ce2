/**
 * Named versions of a summary over HTTP: taken by the host or a moderator, listed and viewed by
 * anyone, restored by adding a change that every connected editor receives; the update log and
 * the saved pre-restore version keep what was there before. Also the versions of every position
 * at a debate phase change (snapshotAllDocsOfDebate, called by issue 6).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { snapshotAllDocsOfDebate } from '../../server/collab/versions.js';
import { api, startTestServer, type TestServer } from '../helpers/server.js';
import {
  connect,
  setUpDebate,
  storedDoc,
  storeSigner,
  summaryOf,
  waitFor,
  type Client,
  type Roster,
} from '../helpers/collab.js';

let t: TestServer;
let roster: Roster;
const clients: Client[] = [];

beforeAll(async () => {
  t = await startTestServer();
  roster = await setUpDebate(t.url, storeSigner(t.parley));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await t?.destroy();
});

const text = (doc: Y.Doc): Y.XmlText => (doc.getXmlFragment('summary').get(0) as Y.XmlElement).get(0) as Y.XmlText;
const docFromState = (base64: string): Y.Doc => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(Buffer.from(base64, 'base64')));
  return doc;
};

describe('versions', () => {
  it('takes, lists, views and restores versions; a restore adds one update and erases nothing', async () => {
    const { host, moderator, alice, reader } = roster.tokens;
    const doc = roster.forDoc;
    const editor = connect(t.url, doc, alice);
    const other = connect(t.url, doc, host);
    clients.push(editor, other);
    await Promise.all([editor.synced, other.synced]);
    editor.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Version one: talks first.')]);
      editor.doc.getXmlFragment('summary').insert(0, [paragraph]);
    });
    await waitFor(() => summaryOf(other.doc) === summaryOf(editor.doc), 'version one everywhere');
    const v1 = await api(t.url, '/api/collab/versions', { token: host, body: { doc, name: 'Opening' } });
    expect(v1.status).toBe(201);
    expect(v1.body.version).toMatchObject({ docName: doc, name: 'Opening', reason: 'manual' });
    const v1Summary = summaryOf(editor.doc);

    text(editor.doc).delete(0, 'Version one'.length);
    text(editor.doc).insert(0, 'Version two', { bold: true });
    editor.doc.getXmlFragment('summary').insert(1, [new Y.XmlElement('blockquote')]);
    editor.doc.getText('plain').insert(0, 'notes');
    await waitFor(() => summaryOf(other.doc) === summaryOf(editor.doc), 'version two everywhere');
    const v2Summary = summaryOf(editor.doc);
    const v2 = await api(t.url, '/api/collab/versions', { token: moderator, body: { doc, name: 'After rebuttal' } });
    expect(v2.status).toBe(201);

    // Anyone who may read lists and views; newest first, no state in the list.
    const list = await api(t.url, `/api/collab/versions?doc=${encodeURIComponent(doc)}`);
    expect(list.status).toBe(200);
    expect(list.body.versions.map((v: { name: string }) => v.name)).toEqual(['After rebuttal', 'Opening']);
    expect(list.body.versions[0]).not.toHaveProperty('state');
    const view = await api(t.url, `/api/collab/versions/${v1.body.version.id}`, { token: reader });
    expect(view.status).toBe(200);
    expect(summaryOf(docFromState(view.body.version.state))).toBe(v1Summary);

    // Restore "Opening": both editors get the old text back, through one new update.
    const logBefore = await t.parley.deps.store.loadDoc(doc);
    const lastSeqBefore = logBefore.updates.at(-1)!.seq;
    const restored = await api(t.url, `/api/collab/versions/${v1.body.version.id}/restore`, {
      method: 'POST',
      token: host,
    });
    expect(restored.status).toBe(200);
    expect(restored.body.restored).toMatchObject({ id: v1.body.version.id, name: 'Opening' });
    expect(restored.body.saved).toMatchObject({ name: 'Before restoring “Opening”', reason: 'restore' });
    expect(restored.body.seq).toBe(lastSeqBefore + 1);
    await waitFor(
      () => summaryOf(editor.doc) === v1Summary && summaryOf(other.doc) === v1Summary,
      'the restore to reach the editors',
    );
    expect(editor.doc.getText('plain').toString()).toBe('');
    const logAfter = await t.parley.deps.store.loadDoc(doc);
    expect(logAfter.updates.at(-1)!.seq).toBe(restored.body.seq);
    // Nothing before it was removed: the log runs gapless from the snapshot to the restore.
    expect(logAfter.updates.map((u) => u.seq)).toEqual(
      Array.from({ length: restored.body.seq - logAfter.snapshotSeq }, (_, i) => logAfter.snapshotSeq + i + 1),
    );
    expect(summaryOf(await storedDoc(t.parley.deps.store, doc))).toBe(v1Summary);

    // The state before the restore was kept, and restoring it undoes the restore.
    const saved = await api(t.url, `/api/collab/versions/${restored.body.saved.id}`);
    expect(summaryOf(docFromState(saved.body.version.state))).toBe(v2Summary);
    const undo = await api(t.url, `/api/collab/versions/${restored.body.saved.id}/restore`, {
      method: 'POST',
      token: moderator,
    });
    expect(undo.status).toBe(200);
    await waitFor(
      () => summaryOf(editor.doc) === v2Summary && editor.doc.getText('plain').toString() === 'notes',
      'version two to come back',
    );
    // Editing goes on, merged with the restored text.
    text(other.doc).insert(text(other.doc).length, ' More.');
    await waitFor(() => summaryOf(editor.doc).includes('More.'), 'an edit after the restores');
    expect(editor.closes).toEqual([]);
  });

  it('lets only the host and moderators take and restore versions, and validates input', async () => {
    const { host, alice, reader } = roster.tokens;
    const doc = roster.forDoc;
    const some = (await api(t.url, `/api/collab/versions?doc=${encodeURIComponent(doc)}`)).body.versions[0].id;
    expect((await api(t.url, '/api/collab/versions', { body: { doc, name: 'x' } })).status).toBe(401);
    expect(
      (await api(t.url, '/api/collab/versions', { token: reader, body: { doc, name: 'x' } })).body.error.code,
    ).toBe('FORBIDDEN');
    expect((await api(t.url, '/api/collab/versions', { token: alice, body: { doc, name: 'x' } })).status).toBe(403);
    expect((await api(t.url, `/api/collab/versions/${some}/restore`, { method: 'POST', token: alice })).status).toBe(
      403,
    );
    expect((await api(t.url, `/api/collab/versions/${some}/restore`, { method: 'POST' })).status).toBe(401);
    expect((await api(t.url, '/api/collab/versions/no-such-version')).status).toBe(404);
    expect(
      (await api(t.url, '/api/collab/versions/no-such-version/restore', { method: 'POST', token: host })).status,
    ).toBe(404);
    expect(
      (await api(t.url, '/api/collab/versions', { token: host, body: { doc: 'debate/x/position/y', name: 'x' } }))
        .status,
    ).toBe(404);
    const invalid = [
      { doc, name: '' },
      { doc, name: 'n'.repeat(101) },
      { doc, name: 'ok', extra: 1 },
      { doc: 'not a doc name', name: 'ok' },
      { doc: { $gt: '' }, name: 'ok' },
    ];
    for (const body of invalid)
      expect((await api(t.url, '/api/collab/versions', { token: host, body })).status).toBe(400);
    expect((await api(t.url, '/api/collab/versions?doc=')).status).toBe(400);
    expect((await api(t.url, `/api/collab/versions?doc=${encodeURIComponent(doc)}&more=1`)).status).toBe(400);
  });

  it('snapshots every position of a debate at a phase change', async () => {
    const made = await snapshotAllDocsOfDebate(t.parley.deps, roster.debateId, 'phase', 'Opening statements');
    expect(made.map((v) => v.docName)).toEqual([roster.forDoc, roster.againstDoc]);
    expect(made.every((v) => v.reason === 'phase' && v.createdBy === null && v.name === 'Opening statements')).toBe(
      true,
    );
    const list = await api(t.url, `/api/collab/versions?doc=${encodeURIComponent(roster.againstDoc)}`);
    expect(list.body.versions).toMatchObject([{ name: 'Opening statements', reason: 'phase' }]);
    await expect(snapshotAllDocsOfDebate(t.parley.deps, 'no-such-debate', 'phase')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('debate roster routes', () => {
  it('creates (moderators, hosts), reads (anyone) and patches (host, moderators) with validation', async () => {
    const { host, reader, moderator, alice } = roster.tokens;
    const debate = (await api(t.url, `/api/debates/${roster.debateId}`)).body.debate;
    expect(debate.positions.map((p: { name: string; docName: string }) => [p.name, p.docName])).toEqual([
      ['For', roster.forDoc],
      ['Against', roster.againstDoc],
    ]);
    expect(Object.values(debate.people).sort()).toEqual(['alice', 'bob', 'carol', 'host']);
    const body = {
      articleId: debate.articleId,
      hostId: debate.hostId,
      motion: 'Another',
      positions: [{ name: 'Yes', debaterIds: [] }],
    };
    // A reader may not create debates; the demo host (the host role) may, as their own host (see the host-rules test).
    expect((await api(t.url, '/api/debates', { token: reader, body })).status).toBe(403);
    expect((await api(t.url, '/api/debates', { body })).status).toBe(401);
    expect(
      (await api(t.url, '/api/debates', { token: moderator, body: { ...body, articleId: 'missing' } })).status,
    ).toBe(404);
    expect((await api(t.url, '/api/debates', { token: moderator, body: { ...body, hostId: 'missing' } })).status).toBe(
      400,
    );
    expect((await api(t.url, '/api/debates', { token: moderator, body: { ...body, positions: [] } })).status).toBe(400);
    expect(
      (await api(t.url, '/api/debates', { token: moderator, body: { ...body, motion: 'm'.repeat(501) } })).status,
    ).toBe(400);
    expect((await api(t.url, '/api/debates', { token: moderator, body: { ...body, extra: true } })).status).toBe(400);
    const twice = {
      ...body,
      positions: [
        { name: 'A', debaterIds: [debate.hostId] },
        { name: 'B', debaterIds: [debate.hostId] },
      ],
    };
    expect((await api(t.url, '/api/debates', { token: moderator, body: twice })).status).toBe(400);
    expect((await api(t.url, '/api/debates', { token: moderator, body })).status).toBe(201);
    expect((await api(t.url, '/api/debates/missing')).status).toBe(404);

    const roster2 = `/api/debates/${roster.debateId}/roster`;
    expect(
      (await api(t.url, roster2, { method: 'PATCH', token: reader, body: { hostId: debate.hostId } })).status,
    ).toBe(403);
    expect((await api(t.url, roster2, { method: 'PATCH', token: alice, body: { hostId: debate.hostId } })).status).toBe(
      403,
    );
    expect((await api(t.url, roster2, { method: 'PATCH', token: host, body: {} })).status).toBe(400);
    expect(
      (
        await api(t.url, roster2, {
          method: 'PATCH',
          token: host,
          body: { positions: [{ id: 'nope', name: 'X', debaterIds: [] }] },
        })
      ).status,
    ).toBe(400);
    const renamed = await api(t.url, roster2, {
      method: 'PATCH',
      token: moderator,
      body: {
        positions: [
          ...debate.positions.map((p: { id: string; debaterIds: string[] }) => ({
            id: p.id,
            name: 'Renamed',
            debaterIds: p.debaterIds,
          })),
          { name: 'Third way', debaterIds: [] },
        ],
      },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.debate.positions.map((p: { name: string }) => p.name)).toEqual([
      'Renamed',
      'Renamed',
      'Third way',
    ]);
    expect(renamed.body.debate.positions[0].docName).toBe(roster.forDoc);
  });
});
