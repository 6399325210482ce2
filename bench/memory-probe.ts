/**
 * Lets a bench ask a server child for its memory: on SIGUSR2 the process collects garbage (twice,
 * so weak and finalised objects go too) and prints one line `{"memory":{rss,heapUsed,...}}` on
 * stdout. On SIGTERM it exits normally, so a `--cpu-prof` profile is written. Started by a bench
 * (EXIT_WITH_PARENT=1, bench/server-child.ts), it also exits when the bench's end of its stdin
 * closes, so a bench that dies leaves no server behind on a shared machine. Installed by the two
 * servers the connections bench compares (bench/bare-socketio.ts, bench/parley-server.ts).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface MemoryReport {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** gc() without --expose-gc on the command line (the flag only exposes it to new contexts). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export function installMemoryProbe(): void {
  const gc = collector();
  process.on('SIGUSR2', () => {
    gc();
    gc();
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    const memory: MemoryReport = { rss, heapUsed, external, arrayBuffers };
    process.stdout.write(`${JSON.stringify({ memory })}\n`);
  });
  process.on('SIGTERM', () => process.exit(0));
  if (process.env.EXIT_WITH_PARENT === '1') {
    process.stdin.on('end', () => process.exit(0));
    process.stdin.resume();
  }
}
