// @ts-check
// The client build: vite with client/vite.config.ts, which writes dist/client.
import { join } from 'node:path';
import { build, version as viteVersion } from 'vite';

export const CLIENT_CONFIG = 'client/vite.config.ts';
/** Where client/vite.config.ts writes the build (build.outDir), relative to the repo root. */
export const CLIENT_OUT_DIR = 'dist/client';

/** What the bundle is made of: the client, the rules it shares, and the installed packages it bundles. */
export const CLIENT_INPUTS = {
  dirs: ['client', 'shared'],
  files: ['tsconfig.json', 'package-lock.json', 'node_modules/.package-lock.json'],
};

/**
 * Everything else the bundle depends on: vite's version and the environment vite reads (NODE_ENV
 * picks React's production or development build; VITE_* variables are compiled into the bundle).
 */
export function clientBuildFacts() {
  /** @type {Record<string, string>} */
  const facts = { vite: viteVersion, NODE_ENV: process.env.NODE_ENV ?? '' };
  for (const [name, value] of Object.entries(process.env)) if (name.startsWith('VITE_')) facts[name] = value ?? '';
  return facts;
}

/**
 * Runs vite's production build. vite empties dist/client first, so the stamp goes with it.
 * @param {string} root the repo root
 */
export async function buildClient(root) {
  await build({ configFile: join(root, CLIENT_CONFIG), logLevel: 'warn' });
}
