/**
 * One worker thread of bench/reader-pool.ts: holds its share of the readers (bench/raw-reader.ts),
 * checks off each marked comment they receive (bench/delivery-tally.ts) and, on Parley, that each
 * reader's seqs come without a gap (bench/seq-check.ts), and says how busy its own event loop was,
 * so that a report can show the load generator was not the bottleneck.
 *
 * Spoken to by postMessage, one request at a time: `{ id, request }` answered `{ id, reply }`;
 * while connecting, `{ progress }` lines too.
 */
import { monitorEventLoopDelay, performance, type EventLoopUtilization, type Histogram } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { DeliveryTally } from './delivery-tally.js';
import { openRawReader, type RawReader } from './raw-reader.js';
import { SeqCheck } from './seq-check.js';

/** Who the readers read: the server's url and its join request; Parley's seqs are checked. */
export interface ReaderTarget {
  url: string;
  kind: 'bare' | 'parley';
  join: { event: string; payload: Record<string, unknown> };
}

export type WorkerRequest =
  | { op: 'connect'; target: ReaderTarget; count: number }
  | { op: 'open'; window: number; comments: number }
  | { op: 'count' }
  | { op: 'close'; acked: Uint8Array; seqOf: Float64Array }
  | { op: 'disconnect' };

export interface WorkerWindowReport {
  readers: number;
  /** Deliveries checked off, live or by a sync. */
  unique: number;
  duplicates: number;
  other: number;
  recovered: number;
  latencyUs: Histogram;
  /** reader × acknowledged comment that never arrived, live or by a sync, nor under a later snapshot. */
  lost: number;
  /** Readers that miss at least one acknowledged comment. */
  readersMissing: number;
  /** Missing deliveries made good by a snapshot the reader started again from (a sync too far behind). */
  coveredBySnapshot: number;
  /** Deliveries of comments whose writer got no acknowledgement (refused or timed out). */
  unacknowledgedDelivered: number;
  resyncNotices: number;
  snapshots: number;
  /** Parley only: gaps in the readers' seqs. */
  seq: { gaps: number; missing: number; repeats: number } | null;
  frames: number;
  /** This thread: share of the time its event loop was busy, and how late its timers ran. */
  loop: { utilization: number; delayP99Ms: number; delayMaxMs: number };
}

const CONNECT_BATCH = 50;
const DELAY_RESOLUTION_MS = 10;

interface Slot {
  reader: RawReader;
  seqs: SeqCheck | null;
  /** The newest snapshot it started again from in this window (-1: none). */
  snapshotSeq: number;
}

const slots: Slot[] = [];
let tally: DeliveryTally | null = null;
let frames = 0;
let resyncNotices = 0;
let snapshots = 0;
const delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
delay.enable();
let loopAtOpen: EventLoopUtilization = performance.eventLoopUtilization();

function openSlot(target: ReaderTarget, index: number): Slot {
  const slot: Omit<Slot, 'reader'> = { seqs: null, snapshotSeq: -1 };
  const reader = openRawReader({
    url: target.url,
    join: target.join,
    onJoined({ seq }) {
      if (target.kind === 'parley') slot.seqs = new SeqCheck(seq);
    },
    onFrame(frame) {
      frames++;
      tally?.receive(index, frame);
      slot.seqs?.frame(frame);
    },
    resync: {
      sinceSeq: () => slot.seqs?.last ?? 0,
      onNotice() {
        resyncNotices++;
        slot.seqs?.hold();
      },
      onSynced(answer, frame) {
        if (answer.kind === 'snapshot') {
          snapshots++;
          slot.snapshotSeq = Math.max(slot.snapshotSeq, answer.snapshot.seq);
          slot.seqs?.synced([], answer.snapshot.seq);
        } else {
          tally?.receive(index, frame, 0, false);
          slot.seqs?.synced(answer.changes.map((c) => c.seq));
        }
      },
    },
  });
  return Object.assign(slot, { reader });
}

async function connect(target: ReaderTarget, count: number): Promise<number> {
  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const opened: Slot[] = [];
    for (let b = 0; b < Math.min(CONNECT_BATCH, count - start); b++) opened.push(openSlot(target, slots.length + b));
    await Promise.all(opened.map((s) => s.reader.joined));
    slots.push(...opened);
    parentPort!.postMessage({ progress: slots.length });
  }
  return slots.length;
}

function close(acked: Uint8Array, seqOf: Float64Array): WorkerWindowReport {
  const t = tally!;
  tally = null;
  let lost = 0;
  let readersMissing = 0;
  let coveredBySnapshot = 0;
  let unacknowledgedDelivered = 0;
  for (let r = 0; r < slots.length; r++) {
    const snapshotSeq = slots[r]!.snapshotSeq;
    let missing = false;
    for (let i = 0, k = r * t.comments; i < t.comments; i++, k++) {
      if (!acked[i]) {
        if (t.seen[k]) unacknowledgedDelivered++;
      } else if (!t.seen[k]) {
        if (snapshotSeq >= seqOf[i]!) coveredBySnapshot++;
        else {
          lost++;
          missing = true;
        }
      }
    }
    if (missing) readersMissing++;
  }
  const seqChecks = slots.map((s) => s.seqs).filter((s) => s !== null);
  const sum = (f: (s: SeqCheck) => number) => seqChecks.reduce((n, s) => n + f(s), 0);
  const loop = performance.eventLoopUtilization(loopAtOpen);
  return {
    readers: slots.length,
    unique: t.unique,
    duplicates: t.duplicates,
    other: t.other,
    recovered: t.recovered,
    latencyUs: t.latencyUs,
    lost,
    readersMissing,
    coveredBySnapshot,
    unacknowledgedDelivered,
    resyncNotices,
    snapshots,
    seq: seqChecks.length
      ? { gaps: sum((s) => s.gaps), missing: sum((s) => s.missing), repeats: sum((s) => s.repeats) }
      : null,
    frames,
    loop: {
      utilization: +loop.utilization.toFixed(3),
      delayP99Ms: +Math.max(0, delay.percentile(99) / 1e6 - DELAY_RESOLUTION_MS).toFixed(1),
      delayMaxMs: +Math.max(0, delay.max / 1e6 - DELAY_RESOLUTION_MS).toFixed(1),
    },
  };
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'connect':
      return connect(request.target, request.count);
    case 'open':
      tally = new DeliveryTally(request.window, request.comments, slots.length);
      frames = resyncNotices = snapshots = 0;
      for (const slot of slots) {
        slot.snapshotSeq = -1;
        slot.seqs?.resetCounts();
      }
      delay.reset();
      loopAtOpen = performance.eventLoopUtilization();
      return null;
    case 'count':
      return tally?.unique ?? 0;
    case 'close':
      return close(request.acked, request.seqOf);
    case 'disconnect':
      for (const slot of slots.splice(0)) slot.reader.ws.terminate();
      return null;
  }
}

parentPort!.on('message', ({ id, request }: { id: number; request: WorkerRequest }) => {
  handle(request).then(
    (reply) => parentPort!.postMessage({ id, reply }),
    (err: unknown) => parentPort!.postMessage({ id, error: String((err as Error)?.stack ?? err) }),
  );
});
