/**
 * A small TCP balancer for `npm run cluster` and the cluster tests: one port in front of several
 * Parley processes. Each new connection goes to the next process in turn; one that refuses the
 * connection (stopped, or killed) is skipped, so clients that lose their process reconnect to
 * another. A connection stays on its process for its whole life, which is all socket.io needs with
 * the WebSocket transport the client uses (long-polling would need sticky sessions: see
 * deploy/haproxy.cfg). Not for production: it does no health checks and keeps no client addresses.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface Backend {
  host: string;
  port: number;
}

export interface TcpProxy {
  port: number;
  /** Open connections per backend port. */
  connections(): Map<number, number>;
  close(): Promise<void>;
}

export async function startTcpProxy(options: {
  port: number;
  host?: string;
  /** The processes; read for every new connection, so the list may change. */
  backends: () => Backend[];
  /** Told where each connection went, or that none would take it (for tests and diagnostics). */
  onRoute?: (backend: Backend | null, refused: Backend[]) => void;
}): Promise<TcpProxy> {
  let next = 0;
  const open = new Map<number, Set<Socket>>();
  const clients = new Set<Socket>();

  /** Tries each process at most once, starting with the next in turn. */
  const connect = (client: Socket) => {
    const backends = options.backends();
    const start = next++;
    const refused: Backend[] = [];
    const attempt = (tried: number) => {
      if (tried >= backends.length) {
        options.onRoute?.(null, refused);
        client.destroy();
        return;
      }
      const backend = backends[(start + tried) % backends.length]!;
      const upstream = createConnection({ host: backend.host, port: backend.port });
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        if (client.destroyed) return upstream.destroy();
        options.onRoute?.(backend, refused);
        let set = open.get(backend.port);
        if (!set) open.set(backend.port, (set = new Set()));
        set.add(upstream);
        upstream.once('close', () => set.delete(upstream));
        client.once('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
      upstream.on('error', () => {
        if (connected) {
          client.destroy();
        } else {
          // Refused (stopped or killed): the next process.
          refused.push(backend);
          attempt(tried + 1);
        }
      });
    };
    attempt(0);
  };

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    clients.add(client);
    client.once('close', () => clients.delete(client));
    client.on('error', () => client.destroy());
    connect(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    connections: () => new Map([...open].map(([port, set]) => [port, set.size])),
    async close() {
      for (const c of clients) c.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
