/**
 * A throwaway redis-server for one test file: its own free port, no persistence, killed afterwards.
 * Skips (with a loud warning, or fails in CI) when redis-server is not installed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import { requireToolInCI } from './tools.js';
import { freePort } from './free-port.js';

export const redisTool = requireToolInCI('redis-server', 'the Redis tests');

export interface TestRedis {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  if (!redisTool.path) throw new Error('redis-server is not on PATH');
  const port = await freePort();
  const child = spawn(
    redisTool.path,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = createClient({ url, socket: { reconnectStrategy: false } });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      await probe.close();
      break;
    } catch (err) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not start on port ${port}: ${String(err)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    port,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
