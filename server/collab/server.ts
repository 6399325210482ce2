/**
 * The /collab WebSocket endpoint on Parley's HTTP server. It takes only upgrades whose path starts
 * with /collab/ (socket.io keeps /socket.io/), completes the handshake at once (socket.io's
 * engine drops unclaimed upgrade sockets that stay silent for a second) and then runs the
 * admission hooks on the open socket, so every refusal is a close code the client can read.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Deps } from '../domain/deps.js';
import { CloseCode } from './close-codes.js';
import { CollabConnection } from './connection.js';
import { COLLAB_PATH, docNameOfPath } from '../../shared/doc-names.js';
import { defaultHooks, type CollabHooks } from './hooks.js';
import { DEFAULT_COLLAB_OPTIONS, maxFrameBytes, type CollabOptions } from './options.js';
import { DocumentRegistry, setDocumentsOf } from './registry.js';
import { localDocRelay, type DocRelay } from './relay.js';
import { localTickets, type CollabTickets } from './tickets.js';

export interface Collab {
  registry: DocumentRegistry;
  /** Open connections (for tests and diagnostics). */
  connectionCount(): number;
  /** Closes every connection (1001), writes the last snapshots and frees the documents. */
  close(): Promise<void>;
}

export interface StartCollabOptions extends Partial<CollabOptions> {
  hooks?: Partial<CollabHooks>;
  /**
   * The relay to the other processes sharing the store (relay-redis.ts when REDIS_URL is set);
   * local (none) by default. The caller owns it and closes it after collab.close().
   */
  relay?: DocRelay;
  /** Where tickets live: in memory by default, in Redis with REDIS_URL (tickets-redis.ts). */
  tickets?: CollabTickets;
}

/** Attaches /collab to `httpServer`. Runs once per Parley, after socket.io (server/parley.ts). */
export function startCollab(httpServer: HttpServer, deps: Deps, options: StartCollabOptions = {}): Collab {
  const { hooks: hookOverrides, relay = localDocRelay(), tickets = localTickets(), ...limits } = options;
  const settings: CollabOptions = { ...DEFAULT_COLLAB_OPTIONS, ...limits };
  const hooks: CollabHooks = { ...defaultHooks(deps, tickets), ...hookOverrides };
  const log = deps.log.child({ component: 'collab' });
  const registry = new DocumentRegistry(hooks, settings, log, relay);
  setDocumentsOf(deps, registry);
  const connections = new Set<CollabConnection>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes(settings), clientTracking: false });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Every live reader's socket.io upgrade passes here too: a string test, not a URL parse, for theirs.
    if (!req.url?.startsWith(COLLAB_PATH)) return;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://collab.invalid');
    } catch {
      return;
    }
    const docName = docNameOfPath(url.pathname);
    if (docName === null) return; // not ours: socket.io (or nobody) answers it
    socket.on('error', () => undefined);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new CollabConnection(ws, docName, registry, log);
      connections.add(connection);
      ws.on('close', () => connections.delete(connection));
      // An access token never belongs in a URL (proxies and logs keep it): refused, even a valid one.
      // No ticket at all is a guest, who reads; an empty or repeated one is refused (docs/COLLAB.md).
      const tickets = url.searchParams.getAll('ticket');
      if (url.searchParams.has('token') || tickets.length > 1 || tickets[0] === '')
        return connection.close(CloseCode.UNAUTHENTICATED, 'TICKET_INVALID');
      void connection.admit(tickets[0] ?? null);
    });
  };
  httpServer.on('upgrade', onUpgrade);
  // A roster change (domain/debate/roster.ts) may turn an editor into a reader, or close a position.
  const stopRoster = deps.bus.subscribe('debateRoster', ({ debate }) => registry.refreshDebateAccess(debate));
  // A ban, mute or warning (given or lifted) applies to the user's open editing connections at once.
  const stopSanctions = deps.bus.subscribe('accountNotice', ({ sanction }) => registry.sanctionChanged(sanction));

  const keepalive = setInterval(() => {
    for (const connection of connections) connection.keepalive();
  }, settings.keepaliveMs);
  keepalive.unref();

  return {
    registry,
    connectionCount: () => connections.size,
    async close() {
      httpServer.off('upgrade', onUpgrade);
      stopRoster();
      stopSanctions();
      clearInterval(keepalive);
      for (const connection of connections) connection.close(CloseCode.GOING_AWAY, 'GOING_AWAY');
      connections.clear();
      // The closed registry stays registered: a late HTTP call (or a phase snapshot) is refused
      // instead of loading documents into a fresh registry nobody closes.
      await registry.close();
      wss.close();
    },
  };
}
