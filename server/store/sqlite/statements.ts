/** A debate's statement stream in SQLite: its migration, the append with the debate's next seq, the transcript. */
import type { Database } from 'better-sqlite3';
import type { StatementVia } from '../../../shared/debate/statements.js';
import type { StatementRecord, StatementStore } from '../statement-store.js';

/**
 * One row per paragraph; the primary key (debate_id, seq) is the "no duplicates" rule and the
 * order the transcript is read in.
 */
export const STATEMENTS_MIGRATION = `
  CREATE TABLE debate_statements (
    debate_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    phase_index INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    position_id TEXT,
    via TEXT NOT NULL CHECK (via IN ('debater', 'floor', 'host')),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (debate_id, seq)
  ) WITHOUT ROWID;
`;

interface StatementRow {
  debate_id: string;
  seq: number;
  phase_index: number;
  user_id: string;
  name: string;
  position_id: string | null;
  via: StatementVia;
  text: string;
  created_at: string;
}

const toStatement = (r: StatementRow): StatementRecord => ({
  debateId: r.debate_id,
  seq: r.seq,
  phaseIndex: r.phase_index,
  speaker: { userId: r.user_id, name: r.name, positionId: r.position_id },
  via: r.via,
  text: r.text,
  createdAt: r.created_at,
});

export function statementMethods(db: Database): StatementStore {
  const last = db.prepare<[string], { seq: number }>(
    'SELECT COALESCE(MAX(seq), 0) AS seq FROM debate_statements WHERE debate_id = ?',
  );
  const insert = db.prepare<[StatementRow]>(
    `INSERT INTO debate_statements (debate_id, seq, phase_index, user_id, name, position_id, via, text, created_at)
     VALUES (@debate_id, @seq, @phase_index, @user_id, @name, @position_id, @via, @text, @created_at)`,
  );
  const since = db.prepare<[string, number, number], StatementRow>(
    'SELECT * FROM debate_statements WHERE debate_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  // Reading the last seq and inserting the next is one IMMEDIATE transaction (index.ts): another
  // process appending to the same debate waits for the write lock, then reads the new last seq.
  const append = db.transaction((s: Omit<StatementRecord, 'seq'>): StatementRecord => {
    const seq = last.get(s.debateId)!.seq + 1;
    insert.run({
      debate_id: s.debateId,
      seq,
      phase_index: s.phaseIndex,
      user_id: s.speaker.userId,
      name: s.speaker.name,
      position_id: s.speaker.positionId,
      via: s.via,
      text: s.text,
      created_at: s.createdAt,
    });
    return { ...s, speaker: { ...s.speaker }, seq };
  });

  return {
    async appendStatement(statement) {
      return append.immediate(statement);
    },
    async listStatements(debateId, sinceSeq, limit) {
      if (!(limit >= 1)) return [];
      return since.all(debateId, sinceSeq, Math.floor(limit)).map(toStatement);
    },
    async lastStatementSeq(debateId) {
      return last.get(debateId)!.seq;
    },
  };
}
