/**
 * Collaborative document names say what a document belongs to (DESIGN rule 7). Today there is one
 * kind, a debate position's summary: `debate/<debateId>/position/<positionId>`. Ids are plain
 * (letters, digits, `_`, `-`), so a name needs no escaping in a URL path.
 */
const ID = '[A-Za-z0-9_-]{1,64}';
const POSITION_SUMMARY = new RegExp(`^debate/(${ID})/position/(${ID})$`);

export interface PositionSummaryRef {
  kind: 'position-summary';
  name: string;
  debateId: string;
  positionId: string;
}

export type DocRef = PositionSummaryRef;

/** The reference a document name stands for, or null when the name is malformed. */
export function parseDocName(name: string): DocRef | null {
  const match = POSITION_SUMMARY.exec(name);
  if (!match) return null;
  return { kind: 'position-summary', name, debateId: match[1]!, positionId: match[2]! };
}

export const positionDocName = (debateId: string, positionId: string): string =>
  `debate/${debateId}/position/${positionId}`;

/** The prefix of collaborative WebSocket paths; the provider appends the document name to it. */
export const COLLAB_PATH = '/collab/';

/** The document name of a `/collab/<name>` request path (without query), or null for another path. */
export function docNameOfPath(pathname: string): string | null {
  return pathname.startsWith(COLLAB_PATH) ? pathname.slice(COLLAB_PATH.length) : null;
}
