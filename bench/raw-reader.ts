/**
 * A reader that speaks just enough engine.io / socket.io over a raw WebSocket to read live comments:
 * connect, join (Parley's `article:join {slug}` or the bare server's `join {room}`), answer pings,
 * and hand over each raw change frame (`42["article:change",...]` or a busy tick's
 * `42["article:changes",...]`) without decoding it, so that a thousand readers cost a bench thread
 * little next to the server it measures (bench/probes.ts `bareReader` is the same idea, fixed to
 * Parley's join).
 *
 * Parley may hold back a reader that cannot keep up and later tell it `article:resync`
 * (server/realtime/lagging.ts). Given `resync`, this reader then does what the reference client does
 * (client/src/realtime/live-thread.ts): joins again, then `article:sync` from its last seq, one
 * round at a time, and hands the answer over.
 */
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../shared/events.js';

/** What the join's acknowledgement told: the snapshot's seq and article. */
export interface Joined {
  seq: number;
  articleId: string;
}

/** `article:sync`'s answer, as far as a bench looks at it. */
export type SyncAnswer =
  { kind: 'changes'; changes: Array<{ seq: number }>; seq: number } | { kind: 'snapshot'; snapshot: { seq: number } };

export interface RawReaderOptions {
  url: string;
  join: { event: string; payload: Record<string, unknown> };
  onFrame(frame: Buffer): void;
  /** Called as the join is acknowledged, before any change frame after it is handed over. */
  onJoined?(joined: Joined): void;
  resync?: {
    /** The last seq the reader holds in order. */
    sinceSeq(): number;
    /** The notice came: a sync round begins. */
    onNotice(): void;
    /** A round ended: the answer, and its raw frame (its comments' bodies are in it). */
    onSynced(answer: SyncAnswer, frame: Buffer): void;
  };
}

export interface RawReader {
  ws: WebSocket;
  joined: Promise<Joined>;
}

/** Where an event's name starts, quote included: `42["article:change",...]`. */
const EVENT_AT = 3;
const isEvent = (data: Buffer, name: string) =>
  data[0] === 0x34 && data[1] === 0x32 && data.toString('latin1', EVENT_AT, EVENT_AT + name.length) === name;

/** The acknowledgement id and reply of a `43<id>[reply]` frame. */
function parseAck(text: string): { id: number; reply: { ok: boolean; data?: any; error?: unknown } } {
  const open = text.indexOf('[');
  return { id: Number(text.slice(2, open)), reply: (JSON.parse(text.slice(open)) as [never])[0] };
}

export function openRawReader(options: RawReaderOptions): RawReader {
  const { join, resync } = options;
  const ws = new WebSocket(`${options.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  let onJoined: (joined: Joined) => void = () => undefined;
  let onFailed: (err: Error) => void = () => undefined;
  const joined = new Promise<Joined>((resolve, reject) => {
    onJoined = resolve;
    onFailed = reject;
  });
  let articleId = '';
  let nextAck = 0;
  const pending = new Map<number, (reply: { ok: boolean; data?: any }, frame: Buffer) => void>();
  const request = (
    event: string,
    payload: unknown,
    then: (reply: { ok: boolean; data?: any }, frame: Buffer) => void,
  ) => {
    const id = nextAck++;
    pending.set(id, then);
    ws.send(`42${id}${JSON.stringify([event, payload])}`);
  };

  // One resync round at a time; a notice during a round asks for another after it.
  let syncing = false;
  let again = false;
  const resyncRound = () => {
    if (!resync) return;
    if (syncing) {
      again = true;
      return;
    }
    syncing = true;
    resync.onNotice();
    request(join.event, join.payload, () =>
      request('article:sync', { articleId, sinceSeq: resync.sinceSeq() }, (reply, frame) => {
        syncing = false;
        if (reply.ok) resync.onSynced(reply.data as SyncAnswer, frame);
        else resync.onSynced({ kind: 'changes', changes: [], seq: resync.sinceSeq() }, frame);
        if (again) {
          again = false;
          resyncRound();
        }
      }),
    );
  };

  ws.on('message', (data: Buffer) => {
    // Cheap checks on the first bytes: a change is the common case by far.
    if (isEvent(data, '"article:change')) return options.onFrame(data);
    if (isEvent(data, '"article:resync')) return resyncRound();
    const text = data.toString();
    if (text === '2') ws.send('3');
    else if (text.startsWith('0{')) ws.send(`40${JSON.stringify({ protocol: PROTOCOL_VERSION })}`);
    else if (text.startsWith('40'))
      request(join.event, join.payload, (reply) => {
        if (!reply.ok) return onFailed(new Error(`join refused: ${JSON.stringify(reply)}`));
        articleId = String(reply.data?.articleId ?? '');
        const info = { seq: Number(reply.data?.seq ?? 0), articleId };
        options.onJoined?.(info);
        onJoined(info);
      });
    else if (text.startsWith('43')) {
      const { id, reply } = parseAck(text);
      const then = pending.get(id);
      pending.delete(id);
      then?.(reply, data);
    } else if (text.startsWith('44')) onFailed(new Error(`connection refused: ${text}`));
  });
  ws.on('error', (err) => onFailed(err));
  return { ws, joined };
}
