/** React bindings of a collaborative connection: its lifetime, its status and who is editing. */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { openCollabConnection, type DocConnection, type CollabStatus } from './connection.js';

/**
 * A connection to `docName` for as long as the caller is mounted with `enabled` true. A new
 * `identity` (another user signed in, or edit access changed) closes it and opens a fresh one with
 * a fresh Y.Doc, so the server sees the new token and no edits refused under the old access linger.
 * Null until the connection is open (effects run after the first render).
 */
export function useCollabConnection(docName: string, enabled: boolean, identity: string): DocConnection | null {
  const key = `${docName}\n${identity}`;
  const [open, setOpen] = useState<{ key: string; connection: DocConnection } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const opened = { key, connection: openCollabConnection(docName) };
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the effect owns the connection (opened here, destroyed in cleanup); state is how render gets it
    setOpen(opened);
    return () => {
      opened.connection.destroy();
      setOpen((current) => (current === opened ? null : current));
    };
  }, [docName, enabled, identity, key]);
  // On the render that changes the identity, state still holds the old connection (its cleanup runs
  // after that render): never hand it out, or an editor mounts editable on a document about to close.
  return enabled && open?.key === key ? open.connection : null;
}

const CONNECTING: CollabStatus = { state: 'connecting' };

/** The connection's status; re-renders the caller when it changes. */
export function useCollabStatus(connection: DocConnection | null): CollabStatus {
  return useSyncExternalStore(
    (onChange) => connection?.subscribe(onChange) ?? (() => undefined),
    () => connection?.status() ?? CONNECTING,
  );
}

/** Someone whose cursor the awareness protocol shows: the name is stamped by the server from their token. */
export interface Editor {
  clientId: number;
  name: string;
  color: string;
}

function readEditor(clientId: number, state: Record<string, unknown>): Editor | null {
  const user = state.user;
  if (typeof user !== 'object' || user === null) return null;
  const { name, color } = user as { name?: unknown; color?: unknown };
  if (typeof name !== 'string') return null;
  return { clientId, name, color: typeof color === 'string' ? color : '#4a4a4a' };
}

function editorsOf(connection: DocConnection, includeSelf: boolean): Editor[] {
  const self = connection.doc.clientID;
  const editors: Editor[] = [];
  for (const [clientId, state] of connection.provider.awareness.getStates()) {
    if (clientId === self && !includeSelf) continue;
    const editor = readEditor(clientId, state);
    if (editor) editors.push(editor);
  }
  return editors.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Everyone editing the document now, from awareness. The server relays only editors' awareness,
 * so the caller counts itself only when it may edit (`includeSelf`).
 */
export function useEditors(connection: DocConnection | null, includeSelf: boolean): Editor[] {
  const source = useMemo(() => (connection ? editorsSource(connection, includeSelf) : null), [connection, includeSelf]);
  return useSyncExternalStore(source?.subscribe ?? noSubscription, source?.read ?? noEditors);
}

const NO_EDITORS: Editor[] = [];
const noEditors = () => NO_EDITORS;
const noSubscription = () => () => undefined;

/** The editors of one connection as an external store; `read` returns the same array until they change. */
function editorsSource(connection: DocConnection, includeSelf: boolean) {
  const { awareness } = connection.provider;
  let last: { key: string; editors: Editor[] } | null = null;
  return {
    // 'change' fires only when a state really changed (not on the 15 s renewals).
    subscribe(onChange: () => void) {
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    },
    read(): Editor[] {
      const editors = editorsOf(connection, includeSelf);
      const key = JSON.stringify(editors);
      if (last?.key !== key) last = { key, editors };
      return last.editors;
    },
  };
}
