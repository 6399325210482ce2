/**
 * Awareness (cursors, selections, names of the people editing) is relayed, never stored. The
 * server reads each awareness message itself before it reaches y-protocols' Awareness, so that:
 * - a malformed or oversized one closes that connection only (4000 / 4009);
 * - a connection speaks only for its own client id (the first one it announces): the stock
 *   provider echoes every remote change back to the server, and such echoes, or a forged state of
 *   someone else's cursor, are dropped;
 * - the name shown next to a cursor is the signed-in name: `user.id` and `user.name` are stamped
 *   from the token, only `user.color` is kept from the client.
 * Read-only connections do not publish awareness at all (see docs/COLLAB.md): readers of a debate
 * may be many, editors few, and a guest must not be able to put a name into the editors' view.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { AppError } from '../errors.js';
import type { Actor } from '../domain/users.js';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** A JSON object, or null when the client left. */
  state: Record<string, unknown> | null;
}

/** Entries one message may carry (a provider echoes every remote editor's change). */
const MAX_ENTRIES = 256;
const COLOR = /^[#A-Za-z0-9(),.% -]{1,40}$/;

const malformed = () => new AppError('MALFORMED_MESSAGE', 'The awareness message could not be read.');

/** Reads an awareness update (y-protocols format). Throws AppError MALFORMED_MESSAGE. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const entries: AwarenessEntry[] = [];
  try {
    const count = decoding.readVarUint(decoder);
    if (count > MAX_ENTRIES) throw malformed();
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (clientId > 0xffffffff || !Number.isSafeInteger(clock)) throw malformed();
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw malformed();
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
  } catch {
    throw malformed();
  }
  if (decoding.hasContent(decoder)) throw malformed();
  return entries;
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

/** The state with `user` replaced by the signed-in identity (and the client's colour, if sane). */
export function stampIdentity(state: Record<string, unknown> | null, actor: Actor): Record<string, unknown> | null {
  if (state === null) return null;
  const claimed = state.user;
  const color = typeof claimed === 'object' && claimed !== null ? (claimed as { color?: unknown }).color : undefined;
  return {
    ...state,
    user: { id: actor.id, name: actor.name, ...(typeof color === 'string' && COLOR.test(color) ? { color } : {}) },
  };
}
