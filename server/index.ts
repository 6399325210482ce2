/** Entry point: read the config once, start Parley, print the banner, stop cleanly on signals. */
import { existingDemoAccounts } from './demo/seed.js';
import { ConfigError, loadConfig } from './config/load.js';
import { createLogger } from './logger.js';
import { startParley } from './parley.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78); // EX_CONFIG
  }
  throw err;
}

const log = createLogger(config.LOG_LEVEL);
const parley = await startParley(config, log);

/** A stop that takes longer than this (a hung connection, a store that does not answer) is cut short. */
const STOP_LIMIT_MS = 20_000;

// Graceful stop. Listened for as soon as Parley listens: /readyz answers from then on, and an
// orchestrator may send SIGTERM at once (the banner below first checks the demo passwords, which
// takes a moment; a signal before these listeners would kill the process without a clean stop).
// With REDIS_URL (several processes) parley.close() refuses new connections, answers the requests
// in hand, closes the sockets so their clients reconnect to another process, and closes the Redis
// connections; alone it closes connections, bus and store.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    setTimeout(() => {
      log.error({ limitMs: STOP_LIMIT_MS }, 'unclean stop: took too long');
      process.exit(1);
    }, STOP_LIMIT_MS).unref();
    parley.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'unclean stop');
        process.exit(1);
      },
    );
  });
}

const shownHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;

const lines = [
  '',
  `  Parley is running at http://${shownHost}:${parley.port}/`,
  `  store: ${parley.deps.store.kind}${config.MONGO_URL ? '' : ` (${config.DATA_DIR}/parley.db)`}, bus: ${parley.busKind}`,
];
const demoAccounts = config.NODE_ENV !== 'production' && config.DEMO ? await existingDemoAccounts(parley.deps) : [];
if (demoAccounts.length > 0) {
  lines.push('  Demo sign-ins (embedded mode only):');
  for (const a of demoAccounts)
    lines.push(`    ${a.label.padEnd(16)} name: ${a.name.padEnd(10)} password: ${a.password}`);
}
if (parley.seed.importedArticle) lines.push('  Imported the demo article on this first start.');
console.log(lines.join('\n') + '\n');
