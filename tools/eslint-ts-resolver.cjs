// Import resolver (eslint-module-utils interface v2) for eslint-plugin-boundaries.
// The code uses NodeNext specifiers: `../store/store.js` means `../store/store.ts` (or .tsx).
// The stock node resolver cannot see that, and an unresolved local import is silently
// skipped by the boundaries rules, so relative specifiers are resolved here.
// Bare specifiers (npm packages, node: builtins) are left unresolved on purpose: the plugin
// then classifies them as external/core by their name, which is all the layer rules need.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const JS_TO_TS = {
  '.js': ['.ts', '.tsx', '.js'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};
const BARE_EXTENSIONS = ['.ts', '.tsx', '.js'];

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function candidates(target) {
  const ext = path.extname(target);
  const swaps = JS_TO_TS[ext];
  if (swaps) return swaps.map((e) => target.slice(0, -ext.length) + e);
  if (ext) return [target];
  return [...BARE_EXTENSIONS.map((e) => target + e), ...BARE_EXTENSIONS.map((e) => path.join(target, 'index' + e))];
}

exports.interfaceVersion = 2;

exports.resolve = function resolve(source, file) {
  if (!source.startsWith('.') && !path.isAbsolute(source)) return { found: false };
  const target = path.resolve(path.dirname(file), source.replace(/[?#].*$/, ''));
  const hit = candidates(target).find(isFile);
  return hit ? { found: true, path: hit } : { found: false };
};
