// @ts-check
// npm run build, npm start, npm run cluster: builds the server (esbuild, into dist/server and
// dist/shared) and the client (vite, into dist/client), each only when its inputs differ from the
// stamp its last complete build left (tools/build-stamp.mjs), so an unchanged tree starts at once
// and a changed one is never run stale.
//
//   node tools/build.mjs [--server] [--client] [--force] [--out-dir DIR]
//
// --server / --client build only that part (neither: both). --force builds even when the stamp
// matches. --out-dir puts the server build elsewhere (test/build does, so it never touches dist/);
// it must stay inside the repo, where node_modules is found.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hashInputs, readStamp, removeStamp, writeStamp } from './build-stamp.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The build recipe is an input of every build: a changed recipe rebuilds. */
const RECIPE_DIR = 'tools';

/**
 * @typedef {object} Target
 * @property {string} name
 * @property {string} stampDir where the stamp sits: inside the output, so removing the output removes it
 * @property {string} entry a file a complete build has; without it the stamp is not trusted
 * @property {() => Promise<import('./build-stamp.mjs').BuildInputs>} inputs
 * @property {() => Promise<string>} build resolves to a short note on what was built
 */

/**
 * @param {string} outDir
 * @returns {Target}
 */
function serverTarget(outDir) {
  return {
    name: 'server',
    stampDir: join(outDir, 'server'),
    entry: join(outDir, 'server', 'index.js'),
    async inputs() {
      const { SERVER_SOURCE_DIRS, serverBuildFacts } = await import('./build-server.mjs');
      return { dirs: [...SERVER_SOURCE_DIRS, RECIPE_DIR], files: ['tsconfig.json'], facts: serverBuildFacts() };
    },
    async build() {
      const { buildServer } = await import('./build-server.mjs');
      const { files } = await buildServer(ROOT, outDir);
      return `${files} files into ${outDir}`;
    },
  };
}

/** @returns {Target} */
function clientTarget() {
  const outDir = join(ROOT, 'dist', 'client');
  return {
    name: 'client',
    stampDir: outDir,
    entry: join(outDir, 'index.html'),
    async inputs() {
      // Loaded only when the client is a target: importing vite takes a moment.
      const { CLIENT_INPUTS, clientBuildFacts } = await import('./build-client.mjs');
      return { dirs: [...CLIENT_INPUTS.dirs, RECIPE_DIR], files: CLIENT_INPUTS.files, facts: clientBuildFacts() };
    },
    async build() {
      const { buildClient } = await import('./build-client.mjs');
      await buildClient(ROOT);
      return `into ${outDir}`;
    },
  };
}

/**
 * Builds `target` unless its stamp matches its inputs (and `force` is off).
 * @param {Target} target
 * @param {boolean} force
 */
async function buildIfChanged(target, force) {
  // Hashed before building: a file edited during the build leaves an older hash in the stamp, and
  // the next run builds again.
  const inputsHash = hashInputs(ROOT, await target.inputs());
  if (!force && existsSync(target.entry) && readStamp(target.stampDir) === inputsHash) {
    console.log(`build: ${target.name} up to date (${inputsHash.slice(0, 12)})`);
    return;
  }
  removeStamp(target.stampDir);
  const start = performance.now();
  const note = await target.build();
  mkdirSync(target.stampDir, { recursive: true });
  writeStamp(target.stampDir, inputsHash);
  console.log(`build: ${target.name} built in ${((performance.now() - start) / 1000).toFixed(1)} s, ${note}`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      server: { type: 'boolean', default: false },
      client: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      'out-dir': { type: 'string' },
    },
  });
  const both = !values.server && !values.client;
  if (values['out-dir'] !== undefined && (values.client || both)) {
    throw new Error('--out-dir applies to the server build only: add --server');
  }
  const targets = [];
  const serverOutDir = values['out-dir'] === undefined ? join(ROOT, 'dist') : resolve(values['out-dir']);
  if (values.server || both) targets.push(serverTarget(serverOutDir));
  if (values.client || both) targets.push(clientTarget());
  for (const target of targets) await buildIfChanged(target, values.force);
}

main().catch((/** @type {unknown} */ err) => {
  console.error(`build: failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
