/**
 * The /collab server alone in a child process, on a SQLite file shared with the test: for tests
 * that need it to die at one exact point. With CRASH_AFTER_STORE=1 it kills itself (SIGKILL) right
 * after its first store write commits, before anything of that write is applied or relayed: the
 * moment between "stored" and "relayed" of a relay tick.
 * Serves POST /api/collab/ticket (ticket-route.ts). Reads DB_FILE and TOKEN_SECRET; listens on a free port and prints one line `{"port":N}`.
 * Run: node --import tsx test/helpers/collab-child.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createTokenService } from '../../server/auth/tokens.js';
import { createLocalBus } from '../../server/bus/bus.js';
import { startCollab } from '../../server/collab/server.js';
import type { Deps } from '../../server/domain/deps.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { serveTickets } from './ticket-route.js';

const store = await openSqliteStore(process.env.DB_FILE!);
const deps = {
  store,
  tokens: createTokenService(process.env.TOKEN_SECRET!, 900),
  bus: createLocalBus(),
  log: pino({ level: 'silent' }),
  now: () => new Date(),
} as unknown as Deps;
const crashAfterStore = process.env.CRASH_AFTER_STORE === '1';
const server = createServer();
const collab = startCollab(server, deps, {
  hooks: {
    change: async (docName, update, userId) => {
      const seq = await store.appendDocUpdate(docName, update, userId);
      // Committed (better-sqlite3 returns after the transaction): die before the relay.
      if (crashAfterStore) process.kill(process.pid, 'SIGKILL');
      return seq;
    },
  },
});
serveTickets(server, deps, collab);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
