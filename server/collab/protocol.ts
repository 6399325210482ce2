/**
 * The y-websocket wire protocol, as the stock WebsocketProvider speaks it: every binary frame is
 * one message, a varuint message type followed by its payload (lib0 encoding).
 *   0 sync:            varuint 0 + state vector   (sync step 1: "send me what I lack")
 *                      varuint 1 + update         (sync step 2: the answer)
 *                      varuint 2 + update         (a live update)
 *   1 awareness:       varuint8array awareness update (y-protocols/awareness)
 *   2 auth:            server to client only: varuint 0 + reason (permission denied)
 *   3 query awareness: no payload; the answer is every known awareness state
 * Decoding is strict: an unknown type, a truncated payload or bytes after the message is
 * MALFORMED_MESSAGE, and nothing of such a message is used.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { AppError } from '../errors.js';

export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

const malformed = (why: string) => new AppError('MALFORMED_MESSAGE', `The message could not be read: ${why}.`);

/** Reads one client frame. Throws AppError MALFORMED_MESSAGE; never anything else. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  let message: ClientMessage;
  const decoder = decoding.createDecoder(frame);
  try {
    const type = decoding.readVarUint(decoder);
    if (type === messageSync) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncProtocol.messageYjsSyncStep1) message = { type: 'sync-step-1', stateVector: payload };
      else if (step === syncProtocol.messageYjsSyncStep2) message = { type: 'sync-step-2', update: payload };
      else if (step === syncProtocol.messageYjsUpdate) message = { type: 'update', update: payload };
      else throw malformed('unknown sync step');
    } else if (type === messageAwareness) {
      message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
    } else if (type === messageQueryAwareness) {
      message = { type: 'query-awareness' };
    } else {
      throw malformed('unknown message type');
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw malformed('truncated');
  }
  if (decoding.hasContent(decoder)) throw malformed('bytes after the message');
  return message;
}

/**
 * A frame as a Buffer (a view, no copy): ws sends a Buffer as it is and wraps any other Uint8Array
 * anew on every send, and a broadcast sends one frame to every connection of the document.
 */
const frame = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  const bytes = encoding.toUint8Array(encoder);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/** Sync step 1: the server's state vector, so the client answers with what the server lacks. */
export const encodeSyncStep1 = (doc: Y.Doc): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, messageSync);
    syncProtocol.writeSyncStep1(e, doc);
  });

/** Sync step 2: everything in `doc` that a client with `stateVector` lacks. */
export const encodeSyncStep2 = (doc: Y.Doc, stateVector: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, messageSync);
    syncProtocol.writeSyncStep2(e, doc, stateVector);
  });

export const encodeUpdate = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, messageSync);
    syncProtocol.writeUpdate(e, update);
  });

export const encodeAwareness = (awarenessUpdate: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, messageAwareness);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });

/** The protocol's own refusal (the stock provider logs it); sent once when a read-only write is dropped. */
export const encodePermissionDenied = (reason: string): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, messageAuth);
    authProtocol.writePermissionDenied(e, reason);
  });

/** An awareness message with no states: a no-op for the client that still resets its silence watchdog. */
export const KEEPALIVE = encodeAwareness(new Uint8Array([0]));
