/**
 * Gap-free seqs at one reader of Parley: every change of an article takes the next seq, and every
 * reader must get every seq, in order (docs/PROTOCOL.md, "Ordering, gaps and sync"). The check reads
 * the seqs straight out of the raw frames of shared/wire.ts: a change's seq is `"s":<digits>`, a
 * comment's status is `"s":"...` (a string), and a quote inside any text is escaped, so nothing else
 * matches.
 *
 * A reader the server held back (server/realtime/lagging.ts) is told `article:resync`, joins again
 * and syncs from its last seq: from the notice until the sync's answer, live seqs wait aside, as a
 * real client's would; the answer's seqs then come first, and the waiting ones after them.
 */
const SEQ_KEY = Buffer.from('"s":');
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

export class SeqCheck {
  /** The last seq in order so far (the join snapshot's to begin with). */
  last: number;
  /** Times a seq skipped one or more seqs. */
  gaps = 0;
  /** Seqs skipped, in all. */
  missing = 0;
  /** A seq at or below the last one, outside a sync's overlap. */
  repeats = 0;
  private waiting: number[] | null = null;

  constructor(joinedAtSeq: number) {
    this.last = joinedAtSeq;
  }

  /** The seqs of a live frame. */
  frame(frame: Buffer): void {
    for (let i = frame.indexOf(SEQ_KEY); i >= 0; i = frame.indexOf(SEQ_KEY, i)) {
      i += SEQ_KEY.length;
      let c = frame[i]!;
      if (c < DIGIT_0 || c > DIGIT_9) continue; // a status, not a seq
      let seq = 0;
      for (; c >= DIGIT_0 && c <= DIGIT_9; c = frame[++i]!) seq = seq * 10 + c - DIGIT_0;
      if (this.waiting) this.waiting.push(seq);
      else this.next(seq);
    }
  }

  /** The server asked for a resync: live seqs wait until `synced`. */
  hold(): void {
    this.waiting ??= [];
  }

  /**
   * The sync's answer: the seqs of its changes, oldest first, or a snapshot (`snapshotSeq`), which
   * replaces everything up to its seq.
   */
  synced(seqs: number[], snapshotSeq: number | null = null): void {
    const waiting = this.waiting ?? [];
    this.waiting = null;
    if (snapshotSeq !== null) this.last = Math.max(this.last, snapshotSeq);
    for (const seq of seqs) this.next(seq);
    // What came live meanwhile: what the sync already brought is an expected overlap.
    for (const seq of waiting) if (seq > this.last) this.next(seq);
  }

  /** Forget the counts (not the position): a new window begins. */
  resetCounts(): void {
    this.gaps = 0;
    this.missing = 0;
    this.repeats = 0;
  }

  private next(seq: number): void {
    if (seq === this.last + 1) this.last = seq;
    else if (seq <= this.last) this.repeats++;
    else {
      this.gaps++;
      this.missing += seq - this.last - 1;
      this.last = seq;
    }
  }
}
