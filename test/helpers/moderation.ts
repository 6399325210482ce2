/** Moderator and sanctioned-user helpers for the moderation tests. */
import type { Ack } from '../../shared/events.js';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import { connectSocket } from './live.js';
import { signInAs } from './server.js';
import { WAIT_MS } from './wait.js';

/** Sends a request on a raw socket and returns its acknowledgement (capped generously: see wait.ts). */
export function ask<T = unknown>(socket: ParleyClientSocket, event: string, payload: unknown): Promise<Ack<T>> {
  const timed = socket.timeout(WAIT_MS) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<T>> };
  return timed.emitWithAck(event, payload);
}

/** The ack's data, or an error naming the code. */
export async function must<T = unknown>(socket: ParleyClientSocket, event: string, payload: unknown): Promise<T> {
  const ack = await ask<T>(socket, event, payload);
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

export async function moderatorSocket(base: string): Promise<{ socket: ParleyClientSocket; token: string }> {
  const token = await signInAs(base, 'moderator');
  return { socket: await connectSocket(base, token), token };
}
