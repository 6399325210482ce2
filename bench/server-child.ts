/**
 * Starts a bench server script (bench/bare-socketio.ts, bench/parley-server.ts) in a child process,
 * waits for its `{"port":N}` line, and asks it for its memory (bench/memory-probe.ts) when told.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { MemoryReport } from './memory-probe.js';

export interface ServerChild {
  child: ChildProcess;
  pid: number;
  url: string;
  /** The child's memory after a full garbage collection. */
  memory(): Promise<MemoryReport>;
  /** SIGTERM (a normal exit: a --cpu-prof profile is written), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const MEMORY_WAIT_MS = 30_000;

export async function startServerChild(
  script: string,
  env: Record<string, string> = {},
  nodeFlags: string[] = [],
): Promise<ServerChild> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script], {
    env: { ...process.env, PORT: '0', EXIT_WITH_PARENT: '1', ...env },
    // stdin stays open while this process lives: the child exits when it closes (memory-probe.ts).
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Every whole line the child prints, to whoever waits for one.
  const lineWaiters = new Set<(line: string) => void>();
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) for (const waiter of [...lineWaiters]) waiter(line);
  });
  const nextLine = <T>(prefix: string, what: string, maxMs: number) =>
    new Promise<T>((resolve, reject) => {
      const done = () => {
        lineWaiters.delete(onLine);
        child.off('exit', onExit);
        clearTimeout(timer);
      };
      const onLine = (line: string) => {
        if (!line.startsWith(prefix)) return;
        done();
        resolve(JSON.parse(line) as T);
      };
      const onExit = (code: number | null) => {
        done();
        reject(new Error(`${script} exited (${code}) before ${what}:\n${stderr}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${script}: no ${what} within ${maxMs} ms`));
      }, maxMs);
      lineWaiters.add(onLine);
      child.once('exit', onExit);
    });
  const { port } = await nextLine<{ port: number }>('{"port"', 'listening', 60_000);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    async memory() {
      const reply = nextLine<{ memory: MemoryReport }>('{"memory"', 'a memory report', MEMORY_WAIT_MS);
      child.kill('SIGUSR2');
      return (await reply).memory;
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
