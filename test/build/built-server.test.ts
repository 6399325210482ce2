/**
 * Production runs the compiled server (tools/build.mjs, `npm start`, the Dockerfile). These tests
 * build it into a temporary folder laid out like the image's final stage (package.json,
 * node_modules, dist/ and nothing else: no sources, no tsx), check the build stamp, and start it
 * there with `node dist/server/index.js` on a fresh DATA_DIR, as the container does. dist/ of the
 * working tree is never touched. About 2.5 s on two quiet cores (6 s on a busy machine).
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { envWithoutParleySettings, startServerProcess } from './server-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** The image's /app: package.json, node_modules (here a link to the repo's) and the build. */
let app: string;
let dist: string;
let firstBuild: string;

async function build(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['tools/build.mjs', '--server', '--out-dir', dist, ...args], {
    cwd: ROOT,
  });
  return stdout;
}

beforeAll(async () => {
  app = mkdtempSync(join(tmpdir(), 'parley-built-'));
  dist = join(app, 'dist');
  copyFileSync(join(ROOT, 'package.json'), join(app, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
  firstBuild = await build();
});

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

describe('the server build', () => {
  it('builds, then skips the build while the stamp matches its sources', async () => {
    expect(firstBuild).toMatch(/build: server built in/);
    expect(existsSync(join(dist, 'server/index.js'))).toBe(true);
    expect(existsSync(join(dist, 'shared/errors.js'))).toBe(true);
    // Test code beside the product code is not shipped.
    expect(existsSync(join(dist, 'server/store/contract.js'))).toBe(false);
    expect(await build()).toMatch(/build: server up to date/);
  });

  it('builds again when the stamp does not match, and leaves nothing of the old build behind', async () => {
    const stray = join(dist, 'server/removed-source.js');
    writeFileSync(stray, 'throw new Error("stale");\n');
    const stamp = join(dist, 'server/.build-stamp');
    writeFileSync(stamp, readFileSync(stamp, 'utf8').replace(/"inputs": "[0-9a-f]{8}/, '"inputs": "00000000'));
    expect(await build()).toMatch(/build: server built in/);
    expect(existsSync(stray)).toBe(false);
    expect(await build()).toMatch(/build: server up to date/);
  });

  it('imports nothing but node built-ins and packages that `npm prune --omit=dev` keeps (the image has no others)', () => {
    // package-lock.json marks every package only the devDependencies need ("dev": true); prune removes those.
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
    };
    const imported = new Set<string>();
    for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.js')) continue;
      const code = readFileSync(join(dist, file), 'utf8');
      // esbuild writes every specifier in double quotes: from "x", import("x"), import "x".
      for (const [, spec] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"([^"./][^"]*)"/g)) {
        imported.add(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!);
      }
    }
    // The scan sees packages the server is known to use (so it cannot pass by finding nothing).
    expect(imported).toContain('express');
    expect(imported).toContain('better-sqlite3');
    const builtins = new Set(builtinModules);
    const notInImage = [...imported].filter((name) => {
      if (name.startsWith('node:') || builtins.has(name)) return false;
      const entry = lock.packages[`node_modules/${name}`];
      return !entry || entry.dev === true || entry.devOptional === true;
    });
    expect(notInImage).toEqual([]);
  });

  it('starts from the build alone (node dist/server/index.js), answers /readyz, and stops cleanly', async () => {
    const port = await freePort();
    const dataDir = join(app, 'data');
    const server = startServerProcess(['dist/server/index.js'], {
      cwd: app,
      env: {
        ...envWithoutParleySettings(),
        NODE_ENV: 'production',
        TOKEN_SECRET: 'a-test-secret-of-at-least-32-characters',
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
      },
    });
    let exitCode: number | null;
    try {
      await server.readyAfterMs(`http://127.0.0.1:${port}/readyz`);
      // The demo article is read from beside the compiled seed code: the build copied it.
      await server.printed(/Imported the demo article on this first start/);
      expect(existsSync(join(dataDir, 'parley.db'))).toBe(true);
    } finally {
      exitCode = await server.stop();
    }
    expect(exitCode).toBe(0);
  });

  it('stops cleanly on a SIGTERM sent the moment /readyz first answers (an orchestrator may)', async () => {
    const port = await freePort();
    const server = startServerProcess(['dist/server/index.js'], {
      cwd: app,
      env: {
        ...envWithoutParleySettings(),
        TOKEN_SECRET: 'a-test-secret-of-at-least-32-characters',
        DATA_DIR: join(app, 'data-signal'),
        HOST: '127.0.0.1',
        PORT: String(port),
      },
    });
    await server.readyAfterMs(`http://127.0.0.1:${port}/readyz`);
    // No wait for the banner: it comes after the demo passwords are checked, which takes a moment.
    expect(await server.stop()).toBe(0);
  });
});
