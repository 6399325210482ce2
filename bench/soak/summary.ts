/**
 * Live edits of one debate summary (a Yjs document on /collab): the host, the moderator, the admin
 * and two debaters of the demo debate's first position type into it at once, as TipTap would (a
 * `summary` XmlFragment of paragraphs holding XmlText), and one guest watches it read-only. One
 * editor goes offline now and then and keeps typing; its provider sends what the server lacks when
 * it comes back. At the end every copy, and the store's, must hold the same text.
 */
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { api } from '../../test/helpers/server.js';
import { nextEvent } from '../../test/helpers/wait.js';
import { openDocProvider } from './collab-client.js';
import type { Account, Soak } from './context.js';
import { between, chance, every, pause, pick } from './pace.js';
import { PLAN } from './plan.js';
import { sentence, word } from './words.js';

export interface Editor {
  label: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Connects again with a fresh ticket (a ticket works once). */
  reconnect(): Promise<void>;
  canEdit: boolean;
}

/** Keeps the document small: past this many characters, editors delete more than they type. */
const MAX_CHARS = 3000;
const MAX_PARAGRAPHS = 12;
const SYNC_CAP_MS = 30_000;

/** The summary as it renders: the XML of the `summary` fragment. */
export const summaryText = (doc: Y.Doc): string => doc.getXmlFragment('summary').toString();

/** Puts two debaters on the demo debate's first position (so they edit its summary); its document name. */
export async function summaryDoc(soak: Soak, debateId: string, host: Account, debaters: Account[]): Promise<string> {
  const roster = await api(soak.base, `/api/debates/${debateId}`);
  if (roster.status !== 200) throw new Error(`GET /api/debates/${debateId}: ${roster.status}`);
  const positions = roster.body.debate.positions as Array<{ id: string; name: string; docName: string }>;
  const patched = await api(soak.base, `/api/debates/${debateId}/roster`, {
    method: 'PATCH',
    token: host.token,
    body: {
      positions: positions.map((p, i) => ({
        id: p.id,
        name: p.name,
        debaterIds: i === 0 ? debaters.map((d) => d.userId) : [],
      })),
    },
  });
  if (patched.status !== 200) throw new Error(`PATCH roster: ${patched.status} ${JSON.stringify(patched.body)}`);
  return positions[0]!.docName;
}

export async function openEditors(soak: Soak, docName: string, editors: Account[], guests: number): Promise<Editor[]> {
  const who = [...editors.map((a) => ({ label: a.name, token: a.token, canEdit: true }))];
  for (let i = 0; i < guests; i++) who.push({ label: `guest-viewer-${i}`, token: '', canEdit: false });
  return Promise.all(
    who.map(async ({ label, token, canEdit }) => {
      const doc = new Y.Doc();
      const { provider, connect } = await openDocProvider(soak.base, docName, doc, token || null);
      provider.on('connection-close', (event) => {
        // 1000/1005: our own disconnects; the 4000s and 1011 are refusals and failures.
        if (event && (event.code >= 4000 || event.code === 1011))
          soak.tally.error('collab:close', `${label}: ${event.code} ${String(event.reason)}`);
      });
      if (canEdit) provider.awareness.setLocalStateField('user', { color: '#1f77b4' });
      await synced(provider);
      return { label, doc, provider, reconnect: connect, canEdit };
    }),
  );
}

function synced(provider: WebsocketProvider): Promise<unknown> {
  if (provider.synced) return Promise.resolve();
  return nextEvent(provider, 'sync', (state: boolean) => state, SYNC_CAP_MS);
}

export function runEditor(soak: Soak, e: Editor): Promise<void> {
  return every(
    soak.signal,
    PLAN.editorEveryMs,
    async () => {
      edit(e.doc);
      soak.tally.done('collab:edit');
      e.provider.awareness.setLocalStateField('cursor', { at: Math.floor(Math.random() * 100) });
    },
    (err) => soak.tally.error('collab:edit', String(err)),
  );
}

/** Now and then takes `e` offline for a moment (it keeps editing) and back; counts a resync. */
export function runOffline(soak: Soak, e: Editor): Promise<void> {
  return every(
    soak.signal,
    PLAN.editorOfflineEveryMs,
    async () => {
      e.provider.disconnect();
      await pause(between(PLAN.editorOfflineForMs), soak.signal);
      // Back even when the run ends meanwhile: the offline edits must reach the server.
      const back = synced(e.provider);
      await e.reconnect();
      await soak.tally.attempt('collab:reconnect', [], () => back);
    },
    (err) => soak.tally.error('collab:offline', String(err)),
  );
}

/** One change as a person typing might make it: a word typed, a few characters deleted, a paragraph added or dropped. */
function edit(doc: Y.Doc): void {
  const fragment = doc.getXmlFragment('summary');
  doc.transact(() => {
    const paragraphs = fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
    if (paragraphs.length === 0 || (paragraphs.length < MAX_PARAGRAPHS && chance(0.1))) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`${sentence(2, 6)} `)]);
      fragment.insert(Math.floor(Math.random() * (fragment.length + 1)), [paragraph]);
      return;
    }
    const total = paragraphs.reduce((n, p) => n + p.toString().length, 0);
    const paragraph = pick(paragraphs)!;
    if (total > MAX_CHARS && paragraphs.length > 1 && chance(0.5)) {
      fragment.delete(fragment.toArray().indexOf(paragraph), 1);
      return;
    }
    let text = paragraph.get(0);
    if (!(text instanceof Y.XmlText)) {
      text = new Y.XmlText('');
      paragraph.insert(0, [text]);
    }
    const t = text as Y.XmlText;
    if (t.length > 0 && (t.length > MAX_CHARS / MAX_PARAGRAPHS || total > MAX_CHARS || chance(0.3))) {
      const at = Math.floor(Math.random() * t.length);
      t.delete(at, Math.min(1 + Math.floor(Math.random() * 12), t.length - at));
    } else {
      t.insert(Math.floor(Math.random() * (t.length + 1)), `${word()} `);
    }
  });
}
