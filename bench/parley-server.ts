/**
 * Parley as the connections bench runs it: test/helpers/parley-child.ts (settings from the
 * environment, one line `{"port":N}` once it listens) plus the memory probe (SIGUSR2: garbage
 * collected, memory printed; SIGTERM: a normal exit, so `--cpu-prof` writes its profile).
 * Run: node --import tsx bench/parley-server.ts
 */
import { pino } from 'pino';
import { loadConfig } from '../server/config/load.js';
import { startParley } from '../server/parley.js';
import { installMemoryProbe } from './memory-probe.js';

installMemoryProbe();
const config = loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', ...process.env });
const parley = await startParley(config, pino({ level: 'silent' }));
process.stdout.write(`${JSON.stringify({ port: parley.port })}\n`);
