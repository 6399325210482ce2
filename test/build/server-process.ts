/**
 * A Parley server in a child process, as an operator starts it (`node dist/server/index.js`, or any
 * other node arguments): times spawn to the first 200 from /readyz, and stops it the way a process
 * manager does (SIGTERM). Used by test/build and bench/startup.ts.
 */
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { settings } from '../../server/config/schema.js';

/** A start slower than this is a failure to start, not a slow start. */
const READY_CAP_MS = 60_000;
/** The banner follows /readyz by the demo sign-in check. */
const BANNER_CAP_MS = 30_000;
/** index.ts cuts its own graceful stop at 20 s; past that the child is killed. */
const STOP_CAP_MS = 25_000;
const POLL_EVERY_MS = 10;

export interface ServerProcess {
  /** Resolves with the ms from spawn to the first 200 from `url`; rejects if the child exits first. */
  readyAfterMs(url: string): Promise<number>;
  /** Resolves once stdout has matched `pattern`; rejects if the child exits first. */
  printed(pattern: RegExp, capMs?: number): Promise<void>;
  /** SIGTERM, then the exit code (null if it had to be killed). */
  stop(): Promise<number | null>;
  output(): string;
}

/** Status of one GET, or null when nothing answers yet; one connection each (no keep-alive to hold). */
function statusOf(url: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.on('error', () => resolve(null));
  });
}

/**
 * This process's environment less every Parley setting (server/config/schema.ts): a child started
 * with it runs the embedded defaults, whatever the caller's shell or vitest (NODE_ENV=test) set.
 */
export function envWithoutParleySettings(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !(name in settings)) env[name] = value;
  }
  return env;
}

export function startServerProcess(
  nodeArgs: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): ServerProcess {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, nodeArgs, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const failure = (what: string) =>
    new Error(`${nodeArgs.join(' ')}: ${what}\n--- stdout\n${stdout.slice(-4000)}\n--- stderr\n${stderr.slice(-4000)}`);

  const printed = async (pattern: RegExp, capMs = BANNER_CAP_MS) => {
    const until = performance.now() + capMs;
    while (!pattern.test(stdout)) {
      if (exitCode !== undefined) throw failure(`exited (${exitCode}) before printing ${pattern}`);
      if (performance.now() > until) throw failure(`did not print ${pattern} within ${capMs} ms`);
      await new Promise((r) => setTimeout(r, POLL_EVERY_MS));
    }
  };

  return {
    async readyAfterMs(url) {
      for (;;) {
        if (exitCode !== undefined) throw failure(`exited (${exitCode}) before ${url} answered 200`);
        if ((await statusOf(url)) === 200) return performance.now() - spawnedAt;
        if (performance.now() - spawnedAt > READY_CAP_MS) throw failure(`no 200 from ${url} within ${READY_CAP_MS} ms`);
        await new Promise((r) => setTimeout(r, POLL_EVERY_MS));
      }
    },
    printed,
    async stop() {
      if (exitCode !== undefined) return exitCode;
      // At once, even before the banner: index.ts listens for SIGTERM from the moment /readyz answers.
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_CAP_MS);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    output: () => stdout + stderr,
  };
}
