/**
 * `npm run cluster [-- N]`: Parley as several processes acting as one, on this machine. Starts a
 * redis-server of its own on a free port, N Parley processes (default 3) sharing one DATA_DIR (the
 * SQLite default) and that Redis, and a small balancer (tcp-proxy.ts) on PORT (default 3000) in
 * front of them. Ctrl-C stops the processes gracefully (SIGTERM), then Redis.
 *
 * The first process starts alone: it creates the database, the token secret and the demo content;
 * the others start once it listens. Other settings (LOG_LEVEL, DEMO, ...) pass through to every
 * process. Needs `redis-server` on PATH.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTcpProxy, type Backend } from './tcp-proxy.js';

// The processes run the way this file runs: compiled (`npm run cluster` builds and runs
// dist/server/cli/cluster.js, so each process starts fast and needs no transpiler), or under tsx
// when started from the sources (`npx tsx server/cli/cluster.ts`).
const RUNS_COMPILED = import.meta.url.endsWith('.js');
const ENTRY = fileURLToPath(new URL(RUNS_COMPILED ? '../index.js' : '../index.ts', import.meta.url));
const ENTRY_ARGS = RUNS_COMPILED ? [ENTRY] : ['--import', 'tsx', ENTRY];

/** Everything started, so a failed start-up leaves nothing running. */
const spawned: ChildProcess[] = [];

function say(line: string): void {
  console.log(`cluster: ${line}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Resolves when `child` prints a line matching `pattern` (its first group), rejects if it exits first. */
function waitForLine(child: ChildProcess, pattern: RegExp, label: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        child.stdout!.off('data', onData);
        resolve(match[1] ?? match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${label} exited (${code}) before it was ready:\n${seen}`)));
  });
}

/** Prints a child's output line by line with a prefix. */
function relay(child: ChildProcess, prefix: string): void {
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) console.log(`${prefix} ${line}`);
    });
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? process.env.PARLEY_PROCESSES ?? 3);
  if (!Number.isInteger(count) || count < 1 || count > 32) throw new Error('Give the number of processes, 1 to 32.');
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '0.0.0.0';
  const dataDir = process.env.DATA_DIR ?? './data';

  const redisPort = await freePort();
  const redisDir = mkdtempSync(join(tmpdir(), 'parley-cluster-redis-'));
  say(`starting redis-server on 127.0.0.1:${redisPort}`);
  const redis = spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir],
    // Its own process group: Ctrl-C reaches the Parley processes (they stop gracefully), and Redis
    // stays until they have.
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  spawned.push(redis);
  redis.once('error', (err) => {
    console.error(`cluster: could not start redis-server (${err.message}); install it (apt install redis-server)`);
    process.exit(1);
  });
  await waitForLine(redis, /(Ready to accept connections)/, 'redis-server');
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  say(`redis-server ready at ${redisUrl}`);

  const children: ChildProcess[] = [];
  const backends: Backend[] = [];
  let stopping = false;
  const startOne = async (n: number) => {
    const child = spawn(process.execPath, ENTRY_ARGS, {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, REDIS_URL: redisUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    spawned.push(child);
    const listening = waitForLine(child, /running at http:\/\/[^:]+:(\d+)\//, `parley ${n}`);
    relay(child, `[parley ${n}]`);
    const childPort = Number(await listening);
    const backend = { host: '127.0.0.1', port: childPort };
    backends.push(backend);
    child.once('exit', (code, signal) => {
      backends.splice(backends.indexOf(backend), 1);
      if (!stopping) say(`parley ${n} exited (${signal ?? code}); the others carry on`);
    });
    say(`parley ${n} of ${count} listening on 127.0.0.1:${childPort} (pid ${child.pid})`);
  };
  // The first alone: it migrates the database and writes the token secret and the demo content.
  await startOne(1);
  await Promise.all(Array.from({ length: count - 1 }, (_, i) => startOne(i + 2)));

  const proxy = await startTcpProxy({ port, host, backends: () => backends });
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  say(`${count} Parley processes behind one port: http://${shown}:${proxy.port}/ (data in ${dataDir})`);

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping: SIGTERM to every Parley process, then redis-server');
    await proxy.close();
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    redis.kill('SIGTERM');
    await new Promise<void>((resolve) => (redis.exitCode !== null ? resolve() : redis.once('exit', () => resolve())));
    rmSync(redisDir, { recursive: true, force: true });
    say('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  redis.once('exit', (code) => {
    if (!stopping) say(`redis-server exited (${code}); the processes serve their own clients until it is back`);
  });
}

main().catch((err: unknown) => {
  console.error(`cluster: ${err instanceof Error ? err.message : String(err)}`);
  for (const child of spawned) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  process.exit(1);
});
