// @ts-check
// The server build: every product file of server/ and shared/ transpiled, one .js (and source map)
// per .ts, into <outDir>/server and <outDir>/shared, the same tree as the sources, so relative
// imports and files found next to the code (the demo article) work unchanged.
//
// esbuild, file by file, and not tsc: it is the transform tsx already runs under the tests, the
// tsconfig's isolatedModules makes a per-file transform exact, and it takes a fraction of a second
// where tsc takes about 15 s on two cores. Types are checked by `npm run typecheck` (in `npm test`),
// not here.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { build, version as esbuildVersion } from 'esbuild';

/** What the server is made of, relative to the repo root. */
export const SERVER_SOURCE_DIRS = ['server', 'shared'];

/** The Node.js the output runs on: package.json's engines (>= 20.19). */
const NODE_TARGET = 'node20.19';

/**
 * Test code that lives beside the product code (the same files as TEST_FILES in eslint.config.js).
 * It is left out, so a product file that imported it would fail at start, not ship test code.
 * @param {string} path relative to the repo root, forward slashes
 */
function isTestCode(path) {
  return (
    /\.test\.tsx?$/.test(path) ||
    /^server\/store\/contract[^/]*\.ts$/.test(path) ||
    path.startsWith('server/domain/testing/')
  );
}

/**
 * Every file of the source folders, relative to the root, forward slashes.
 * @param {string} root
 */
function sourceFiles(root) {
  return SERVER_SOURCE_DIRS.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/')),
  );
}

/** Everything the output depends on besides the source folders. */
export function serverBuildFacts() {
  return { esbuild: esbuildVersion, target: NODE_TARGET };
}

/**
 * Builds the server into `outDir` (server/ and shared/ under it), after removing what an earlier
 * build left there, so a deleted source never survives as a stale .js. Rejects on any build error.
 * @param {string} root the repo root
 * @param {string} outDir absolute
 * @returns {Promise<{ files: number }>}
 */
export async function buildServer(root, outDir) {
  for (const dir of SERVER_SOURCE_DIRS) rmSync(join(outDir, dir), { recursive: true, force: true });
  const files = sourceFiles(root).filter((path) => !isTestCode(path));
  const entryPoints = files.filter((path) => path.endsWith('.ts'));
  await build({
    absWorkingDir: root,
    entryPoints,
    outbase: '.',
    outdir: outDir,
    tsconfig: 'tsconfig.json',
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    sourcemap: true,
    logLevel: 'warning',
  });
  // Files the code reads at run time from beside itself (new URL('./x.md', import.meta.url)).
  const assets = files.filter((path) => !path.endsWith('.ts'));
  for (const path of assets) {
    mkdirSync(join(outDir, path, '..'), { recursive: true });
    cpSync(join(root, path), join(outDir, path));
  }
  return { files: entryPoints.length + assets.length };
}
