/** Finds external programs the tests need on PATH, and says loudly when one is missing. */
import { execFileSync } from 'node:child_process';

export function onPath(program: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** CI runs with CI=true. There a missing tool must fail its tests: a skip would hide a failure. */
export const inCI = !['', '0', 'false'].includes((process.env.CI ?? '').trim().toLowerCase());

/** Path of the program, or null after printing a warning that the named tests will not run. */
export function requireTool(program: string, what: string): string | null {
  const found = onPath(program);
  if (!found) {
    console.warn(`\n*** ${program} is not on PATH: ${what} are SKIPPED. Install it (see .ci/run). ***\n`);
  }
  return found;
}

/**
 * For tests that must run in CI: outside CI a missing program skips them with a loud warning, as
 * requireTool does; in CI they are not skipped (`skip` is false) and fail in their setup instead.
 */
export function requireToolInCI(program: string, what: string): { path: string | null; skip: boolean } {
  const path = onPath(program);
  if (path) return { path, skip: false };
  if (!inCI) return { path: requireTool(program, what), skip: true };
  console.error(`\n*** ${program} is not on PATH and CI is set: ${what} FAIL (a skip would hide them). ***\n`);
  return { path: null, skip: false };
}
