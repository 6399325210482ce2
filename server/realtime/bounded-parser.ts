/**
 * socket.io's own packet parser with a size bound per packet, handed to the server as its `parser`
 * option (transport-options.ts). engine.io's `maxHttpBufferSize` is one bound for every message,
 * so with it at the message limit a handshake carrying an oversized token was cut by engine.io
 * before socket.io could answer, and the client saw a bare close and kept reconnecting. Now
 * engine.io admits up to HANDSHAKE_MAX_BYTES, this decoder refuses every other packet over
 * MAX_MESSAGE_BYTES before parsing it (socket.io then closes that connection, as before), and a
 * CONNECT packet up to HANDSHAKE_MAX_BYTES reaches the handshake check, which answers its token
 * with a connect_error TOKEN_INVALID.
 */
import { Decoder, Encoder } from 'socket.io-parser';

/** Largest socket message: a 10,000-character comment in 4-byte characters, with room for the envelope. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Largest message engine.io reads at all, and so the largest handshake (CONNECT) that gets an answer. */
export const HANDSHAKE_MAX_BYTES = 128 * 1024;

/** The socket.io packet type a CONNECT packet's text starts with. */
const CONNECT_TYPE = '0';

class BoundedDecoder extends Decoder {
  override add(chunk: unknown): void {
    const bytes = typeof chunk === 'string' ? Buffer.byteLength(chunk) : Buffer.isBuffer(chunk) ? chunk.length : 0;
    const isConnect = typeof chunk === 'string' && chunk.startsWith(CONNECT_TYPE);
    // socket.io catches this, closes the connection and keeps serving everyone else.
    if (bytes > MAX_MESSAGE_BYTES && !isConnect) throw new RangeError(`message of ${bytes} bytes is over the limit`);
    super.add(chunk);
  }
}

export const boundedParser = { Encoder, Decoder: BoundedDecoder };
