/** Finds external programs the tests need on PATH, and says loudly when one is missing. */
import { execFileSync } from 'node:child_process';

export function onPath(program: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** Path of the program, or null after printing a warning that the named tests will not run. */
export function requireTool(program: string, what: string): string | null {
  const found = onPath(program);
  if (!found) {
    console.warn(`\n*** ${program} is not on PATH: ${what} are SKIPPED. Install it (see .ci/run). ***\n`);
  }
  return found;
}
