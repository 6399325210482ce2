/**
 * Preloaded into the soak's server child (NODE_OPTIONS=--import, see server.ts), so no server code
 * needs a memory route: on SIGUSR2 the process collects garbage twice (so weak and finalised
 * objects go too, and what is left is what the process really holds) and prints one line
 * `{"soakMemory":{heapUsed,heapTotal,external,arrayBuffers,rss}}` (bytes) on stdout.
 * Plain JavaScript: a preload runs before tsx is registered, and in tsx's loader thread too.
 */
import process from 'node:process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread } from 'node:worker_threads';

// The module-hooks thread gets NODE_OPTIONS too; signals reach the main thread only.
if (isMainThread) {
  // gc() without --expose-gc on the command line: the flag exposes it to contexts made after it.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  process.on('SIGUSR2', () => {
    gc();
    gc();
    const { heapUsed, heapTotal, external, arrayBuffers, rss } = process.memoryUsage();
    process.stdout.write(`${JSON.stringify({ soakMemory: { heapUsed, heapTotal, external, arrayBuffers, rss } })}\n`);
  });
}
