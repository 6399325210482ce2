/**
 * npm run demo:publisher [-- --port 3100 --parley http://localhost:3000]: starts the demo publisher
 * (server.ts) beside a running Parley. It reads Parley's own settings (server/config/schema.ts) for
 * the SSO secret and Parley's port, so both sides sign and verify with the same SSO_SECRET.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config/load.js';
import { startPublisherDemo } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3100' },
    parley: { type: 'string' },
  },
});

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

const parleyUrl = values.parley ?? `http://localhost:${config.PORT}`;
const demo = await startPublisherDemo({
  parleyUrl,
  ssoSecret: config.SSO_SECRET,
  port: Number(values.port),
  host: '127.0.0.1',
});
const local = `http://localhost:${demo.port}`;
console.log(
  [
    '',
    `  The Ledger (demo publisher) is at ${local}/ (article) and ${local}/list (counts)`,
    `  embedding Parley from ${parleyUrl}`,
    config.SSO_SECRET
      ? '  Single sign-on: on (the same SSO_SECRET as Parley)'
      : '  Single sign-on: off. Start Parley and this demo with the same SSO_SECRET to try it.',
    '  Parley must allow this origin: EMBED_ORIGINS does by default outside production.',
    '',
  ].join('\n'),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void demo.close().then(() => process.exit(0)));
