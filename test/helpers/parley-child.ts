/**
 * A whole Parley in its own process, for tests that kill it (SIGKILL) and start it again on the
 * same data folder. Reads DATA_DIR (and any other setting) from the environment, listens on PORT
 * (0: any free port) and prints one line `{"port":N}` once it accepts connections.
 * Run: node --import tsx test/helpers/parley-child.ts
 */
import { pino } from 'pino';
import { loadConfig } from '../../server/config/load.js';
import { startParley } from '../../server/parley.js';

const config = loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', ...process.env });
const parley = await startParley(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
process.stdout.write(`${JSON.stringify({ port: parley.port })}\n`);
