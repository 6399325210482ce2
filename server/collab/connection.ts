/**
 * One WebSocket on /collab/<document>: runs the hooks that admit it (authenticate, authorize,
 * load), then reads its messages. Frames that arrive while the hooks run wait in order. Anything
 * wrong with a message closes this connection only, with a 4000-range code (close-codes.ts); no
 * error of one connection reaches another or the process.
 */
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { AppError } from '../errors.js';
import type { Actor } from '../domain/users.js';
import type { DebateRecord } from '../store/collab-store.js';
import type { Sanction } from '../../shared/types.js';
import { writeRefusal } from '../domain/moderation/standing.js';
import { decodeAwarenessUpdate } from './awareness.js';
import { closeFor, CloseCode } from './close-codes.js';
import type { CollabDocument, DocPeer } from './document.js';
import { accessIn } from './permissions.js';
import { decodeClientMessage, encodePermissionDenied, KEEPALIVE, type ClientMessage } from './protocol.js';
import type { DocumentRegistry } from './registry.js';
import { updateWouldChange } from './update-check.js';

export class CollabConnection implements DocPeer {
  actor: Actor | null = null;
  /** What the actor's part in the debate allows (host, debater, moderator), sanctions aside. */
  private rosterCanEdit = false;
  /** The sanction that keeps the actor from writing now (BANNED, MUTED, WARNING_UNACKNOWLEDGED), if any. */
  private writeRefused: AppError | null = null;
  /** Cleared before each keepalive ping, set by the pong. */
  alive = true;
  private doc: CollabDocument | null = null;
  private waiting: Uint8Array[] | null = [];
  /** Updates handed to the document and not yet settled (back-pressure). */
  private inFlight = 0;
  private refusedWrites = 0;
  /** The permission-denied message went out (once per connection is enough for the client to know). */
  private toldReadOnly = false;
  /** Closed by the server for a fault: its queued updates are dropped (the client resends on reconnect). */
  private faulted = false;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    readonly docName: string,
    private readonly registry: DocumentRegistry,
    private readonly log: Logger,
  ) {
    ws.on('message', this.onFrame);
    ws.on('pong', () => (this.alive = true));
    ws.on('error', (err) => this.log.debug({ err, doc: docName }, 'collab: socket error'));
    ws.on('close', () => this.onClose());
  }

  /** Whether this connection's updates are applied: its part allows it and no sanction forbids it. */
  get canEdit(): boolean {
    return this.rosterCanEdit && this.writeRefused === null;
  }

  /** authenticate -> authorize -> load; then greets the client and reads what it sent meanwhile. */
  async admit(ticket: string | null): Promise<void> {
    const { hooks } = this.registry;
    let doc: CollabDocument;
    try {
      this.actor = await hooks.authenticate(ticket, this.docName);
      const access = await hooks.authorize(this.actor, this.docName);
      this.rosterCanEdit = access.canEdit || access.writeRefused !== null;
      this.setWriteRefused(access.writeRefused);
      if (this.closed) return;
      doc = await this.registry.acquire(this.docName);
    } catch (err) {
      this.fail(err);
      return;
    }
    if (this.closed) {
      this.registry.release(doc);
      return;
    }
    this.doc = doc;
    doc.join(this);
    const waiting = this.waiting ?? [];
    this.waiting = null;
    for (const frame of waiting) if (!this.closed) this.handle(frame);
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(frame);
  }

  /** Keepalive: a ping (a dead peer is cut at the next round) and an empty awareness message. */
  keepalive(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
    if (this.doc) this.send(KEEPALIVE);
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(code, reason);
    this.onClose();
  }

  /** Re-checks access after a roster change: edit may become read (or the reverse); a removed position closes with 4004. */
  refreshAccess(debate: DebateRecord): void {
    if (!this.doc) return;
    const access = accessIn(debate, this.doc.ref, this.actor);
    if (!access) return this.fail(new AppError('NOT_FOUND', 'The position was removed.'));
    const wasEditing = this.canEdit;
    this.rosterCanEdit = access.canEdit;
    if (wasEditing && !this.canEdit) this.doc.dropAwarenessOf(this, 'access changed');
  }

  /**
   * A sanction of this connection's user was given or lifted (bus `accountNotice`, every process).
   * One in force makes the connection read-only at once, before any store read: updates waiting
   * for their tick are dropped too (tick-check.ts reads `canEdit`). A lift does not give this
   * connection edit back: the client still holds the edits refused meanwhile, and its next one
   * would build on them; it gets edit on its next connection (Parley's client reconnects, with a
   * fresh document, when it hears of the lift: docs/COLLAB.md, "Sanctions").
   */
  sanctionChanged(sanction: Sanction): void {
    if (this.closed || !this.actor || sanction.userId !== this.actor.id) return;
    const refusal = writeRefusal([sanction], new Date());
    if (refusal && !this.writeRefused) this.setWriteRefused(refusal);
  }

  private setWriteRefused(refusal: AppError | null): void {
    const wasEditing = this.canEdit;
    this.writeRefused = refusal;
    if (wasEditing && !this.canEdit && this.doc) {
      this.doc.dropAwarenessOf(this, 'sanctioned');
      this.tellReadOnly();
    }
  }

  private readonly onFrame = (data: RawData, isBinary: boolean): void => {
    if (this.closed) return;
    if (!isBinary) return this.fail(new AppError('MALFORMED_MESSAGE', 'Send binary frames.'));
    const frame = toBytes(data);
    if (this.waiting) {
      if (this.waiting.length >= this.registry.options.maxQueuedMessages)
        return this.fail(new AppError('RATE_LIMITED'));
      this.waiting.push(frame);
      return;
    }
    this.handle(frame);
  };

  private handle(frame: Uint8Array): void {
    try {
      this.dispatch(decodeClientMessage(frame));
    } catch (err) {
      this.fail(err);
    }
  }

  private dispatch(message: ClientMessage): void {
    const doc = this.doc!;
    const { options } = this.registry;
    switch (message.type) {
      case 'sync-step-1':
        this.send(doc.syncStep2For(message.stateVector));
        return;
      case 'sync-step-2':
      case 'update':
        if (message.update.byteLength > options.maxUpdateBytes) throw new AppError('UPDATE_TOO_LARGE');
        if (!this.canEdit) return this.refuseWrite(doc, message.update);
        if (this.inFlight >= options.maxQueuedMessages) throw new AppError('RATE_LIMITED');
        this.inFlight++;
        doc.submit(message.update, this.actor?.id ?? null, this).then(
          () => this.inFlight--,
          (err: unknown) => {
            this.inFlight--;
            this.fail(err);
          },
        );
        return;
      case 'awareness':
        if (message.update.byteLength > options.maxAwarenessBytes)
          throw new AppError('UPDATE_TOO_LARGE', 'The awareness state is too large.');
        doc.applyAwareness(this, decodeAwarenessUpdate(message.update));
        return;
      case 'query-awareness':
        this.send(doc.awarenessFrame());
        return;
    }
  }

  /**
   * A read-only connection's update is never applied. The empty sync step 2 every provider sends
   * is let pass; a real change is counted, answered once with the protocol's permission-denied
   * message, and the maxReadOnlyWrites-th closes the connection with 4003.
   */
  private refuseWrite(doc: CollabDocument, update: Uint8Array): void {
    if (!updateWouldChange(doc.live, update)) return;
    this.refusedWrites++;
    this.log.info(
      { doc: this.docName, userId: this.actor?.id ?? null, attempts: this.refusedWrites },
      'collab: read-only write refused',
    );
    this.tellReadOnly();
    if (this.refusedWrites >= this.registry.options.maxReadOnlyWrites)
      throw this.writeRefused ?? new AppError('READ_ONLY');
  }

  /** The protocol's own refusal, once, with the error code as its reason (the stock provider logs it). */
  private tellReadOnly(): void {
    if (this.toldReadOnly) return;
    this.toldReadOnly = true;
    this.send(encodePermissionDenied(this.writeRefused?.code ?? 'READ_ONLY'));
  }

  private fail(err: unknown): void {
    if (this.closed) return;
    const { code, reason } = closeFor(err);
    if (code === CloseCode.INTERNAL) this.log.error({ err, doc: this.docName }, 'collab: connection failed');
    else this.log.info({ doc: this.docName, code, reason }, 'collab: connection refused');
    this.faulted = true;
    this.close(code, reason);
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.waiting = null;
    if (this.doc) {
      this.doc.leave(this);
      this.registry.release(this.doc);
    }
  }

  /** Whether updates this connection queued should still be applied (not after a fault). */
  get trusted(): boolean {
    return !this.faulted;
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
