/**
 * How the soak opens a collaborative document: the one place that knows how /collab is
 * authenticated. A signed-in editor asks a single-use ticket (POST /api/collab/ticket) before
 * every connection, as the browser client does (docs/COLLAB.md, "Connecting"); a guest needs none.
 * The provider never reconnects by itself (it would reuse a spent ticket): a refused ticket (4001)
 * or a transient close gets a fresh ticket and a new connection here.
 */
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { CloseCode, isPermanentClose } from '../../shared/close-codes.js';
import { ticketFor } from '../../test/helpers/collab.js';

export interface DocLink {
  provider: WebsocketProvider;
  /** Connects (again) with a fresh ticket. */
  connect(): Promise<void>;
}

const RETRY_MS = 500;

export async function openDocProvider(
  base: string,
  docName: string,
  doc: Y.Doc,
  token: string | null,
): Promise<DocLink> {
  const provider = new WebsocketProvider(`${base.replace(/^http/, 'ws')}/collab`, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    connect: false,
    // In one Node process the providers of a room would otherwise also sync over a
    // BroadcastChannel, past the server, and hide what the server lost.
    disableBc: true,
    shouldReconnect: () => false,
  });
  const connect = async () => {
    provider.params = token ? { ticket: await ticketFor(base, docName, token) } : {};
    provider.connect();
  };
  provider.on('closed', ({ code }) => {
    if (code !== CloseCode.UNAUTHENTICATED && isPermanentClose(code)) return;
    setTimeout(() => void connect().catch(() => undefined), RETRY_MS).unref();
  });
  await connect();
  return { provider, connect };
}
