// @ts-check
// The build stamp: one hash of everything a build output is made from, written next to the output
// once it is complete. Equal hash, same inputs: the build can be skipped. Any difference (an edited,
// added, removed or renamed file, another tool version, a missing stamp) means build again, so a
// stale output is never taken for a fresh one.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Folders never hashed: installed packages and build outputs are not sources. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist']);

/** The stamp's file name. A dotfile, so express.static (dotfiles: 'ignore') never serves it. */
export const STAMP_NAME = '.build-stamp';

/**
 * Every file under `dir`, as paths relative to `root` with forward slashes, sorted, so the hash
 * does not depend on the order the file system lists them in.
 * @param {string} root
 * @param {string} dir
 * @returns {string[]}
 */
function filesUnder(root, dir) {
  /** @type {string[]} */
  const found = [];
  const walk = (/** @type {string} */ abs) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile()) {
        found.push(relative(root, path).split(sep).join('/'));
      }
    }
  };
  walk(join(root, dir));
  return found.sort();
}

/**
 * @typedef {object} BuildInputs
 * @property {string[]} dirs Folders (relative to the root) whose every file is an input.
 * @property {string[]} files Single files; one that is missing counts as "missing", not as an error.
 * @property {Record<string, string>} facts Anything else the output depends on: tool versions, settings.
 */

/**
 * The sha256 of the inputs: each file's path and content, and each fact's name and value.
 * @param {string} root
 * @param {BuildInputs} inputs
 * @returns {string}
 */
export function hashInputs(root, inputs) {
  const hash = createHash('sha256');
  const paths = [...new Set([...inputs.dirs.flatMap((dir) => filesUnder(root, dir)), ...inputs.files])].sort();
  for (const path of paths) {
    const abs = join(root, path);
    hash.update(`file\0${path}\0`);
    hash.update(existsSync(abs) && statSync(abs).isFile() ? readFileSync(abs) : 'missing');
    hash.update('\0');
  }
  for (const [name, value] of Object.entries(inputs.facts).sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`fact\0${name}\0${value}\0`);
  }
  return hash.digest('hex');
}

/**
 * The hash recorded in the stamp in `outDir`, or null when there is no readable stamp.
 * @param {string} outDir
 * @returns {string | null}
 */
export function readStamp(outDir) {
  try {
    const stamp = JSON.parse(readFileSync(join(outDir, STAMP_NAME), 'utf8'));
    return typeof stamp.inputs === 'string' ? stamp.inputs : null;
  } catch {
    return null;
  }
}

/**
 * Records that `outDir` was built from inputs with this hash. Call only once the build is complete.
 * @param {string} outDir
 * @param {string} inputsHash
 */
export function writeStamp(outDir, inputsHash) {
  const stamp = { inputs: inputsHash, builtAt: new Date().toISOString(), by: 'tools/build.mjs' };
  writeFileSync(join(outDir, STAMP_NAME), JSON.stringify(stamp, null, 2) + '\n');
}

/**
 * Removes the stamp before a build starts, so an output a failed build left half-written never
 * carries a stamp.
 * @param {string} outDir
 */
export function removeStamp(outDir) {
  rmSync(join(outDir, STAMP_NAME), { force: true });
}
