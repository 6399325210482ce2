/**
 * One scope's votes as a dense participants × statements matrix, updated in place by each vote and
 * grown by doubling, so a vote costs a map lookup and a byte, and a recomputation one copy.
 */
import { UNSEEN, type VoteMatrix } from './analysis.js';

export class VoteMatrixBuilder {
  readonly rowOf = new Map<string, number>();
  readonly colOf = new Map<string, number>();
  private rowsCap = 64;
  private colsCap = 16;
  private cells = new Int8Array(this.rowsCap * this.colsCap).fill(UNSEEN);

  set(userId: string, statementId: string, value: number): void {
    const row = this.rowOf.get(userId) ?? this.addRow(userId);
    const col = this.colOf.get(statementId) ?? this.addCol(statementId);
    this.cells[row * this.colsCap + col] = value;
  }

  /** The matrix over `statementIds` (columns in that order), one row per voter. */
  build(statementIds: string[]): VoteMatrix {
    const rows = this.rowOf.size;
    const cols = statementIds.length;
    const cells = new Int8Array(rows * cols).fill(UNSEEN);
    statementIds.forEach((id, c) => {
      const from = this.colOf.get(id);
      if (from === undefined) return;
      for (let r = 0; r < rows; r++) cells[r * cols + c] = this.cells[r * this.colsCap + from]!;
    });
    return { rows, cols, cells };
  }

  private addRow(userId: string): number {
    const row = this.rowOf.size;
    if (row === this.rowsCap) this.resize(this.rowsCap * 2, this.colsCap);
    this.rowOf.set(userId, row);
    return row;
  }

  private addCol(statementId: string): number {
    const col = this.colOf.size;
    if (col === this.colsCap) this.resize(this.rowsCap, this.colsCap * 2);
    this.colOf.set(statementId, col);
    return col;
  }

  private resize(rowsCap: number, colsCap: number): void {
    const next = new Int8Array(rowsCap * colsCap).fill(UNSEEN);
    for (let r = 0; r < this.rowOf.size; r++)
      next.set(this.cells.subarray(r * this.colsCap, r * this.colsCap + this.colOf.size), r * colsCap);
    [this.cells, this.rowsCap, this.colsCap] = [next, rowsCap, colsCap];
  }
}
