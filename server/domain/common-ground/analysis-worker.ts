/**
 * The worker thread of analysis-runner.ts: it answers each request with `analyse`'s output, in
 * order, one at a time. It keeps no state between requests, so a fresh worker after a crash
 * answers exactly as the old one would have.
 */
import { parentPort } from 'node:worker_threads';
import { analyse, type AnalysisOutput, type VoteMatrix } from './analysis.js';

export interface AnalysisRequest {
  id: number;
  /** Its cells' buffer is transferred: the worker owns it. */
  matrix: VoteMatrix;
}

export type AnalysisReply = { id: number; output: AnalysisOutput } | { id: number; error: string };

if (!parentPort) throw new Error('analysis-worker.ts runs only as a worker thread (analysis-runner.ts)');
const port = parentPort;

port.on('message', ({ id, matrix }: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    reply = { id, output: analyse(matrix) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  // The two per-row arrays are most of the output (10,000 rows: 180 kB): moved, not copied.
  const transfer =
    'output' in reply ? [reply.output.groupOf.buffer as ArrayBuffer, reply.output.coords.buffer as ArrayBuffer] : [];
  port.postMessage(reply, transfer);
});
