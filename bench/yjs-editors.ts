/**
 * One editor process of the Yjs bench (bench/yjs.ts forks a few, so the editors' own Yjs work does
 * not queue behind one event loop): stock y-websocket `WebsocketProvider`s, each typing keystrokes
 * into one Y.Text, driven over the IPC channel by the bench process.
 *
 * A keystroke is one character inserted in its own transaction, so it is one Yjs update and adds
 * exactly 1 to its editor's clock. That is what makes the count of delivered updates independent of
 * how a server frames them: an editor's document holds the keystrokes of the other editors it has
 * received, and their number is the sum of the other clients' clocks in its state vector. A merged
 * frame carrying five keystrokes counts five, an echo of one's own keystroke counts nothing, a
 * duplicate counts once.
 *
 * Each editor types at its own cursor (a relative position just after its last character), as a
 * person does, starting at a place drawn from a seeded generator, so both servers get the same
 * pattern of typing.
 *
 * Run by bench/yjs.ts only: node --import tsx bench/yjs-editors.ts (with an IPC channel).
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** What the bench asks of an editor process; every request is answered with its id. */
export type EditorRequest =
  | { id: number; type: 'connect'; editors: EditorSpec[]; probe: { key: string; index: number } }
  | { id: number; type: 'type'; key: string; seconds: number; rate: number }
  | { id: number; type: 'state'; key: string }
  | { id: number; type: 'latency'; key: string }
  | { id: number; type: 'texts'; key: string }
  | { id: number; type: 'close' };

/** One editor: which server (key), where, and as whom. */
export interface EditorSpec {
  key: string;
  index: number;
  /** The provider's server URL (ws://host:port or ws://host:port/collab); the room is appended. */
  serverUrl: string;
  room: string;
  params: Record<string, string>;
}

export interface EditorState {
  index: number;
  clientId: number;
  /** Keystrokes this editor typed (its own clock). */
  own: number;
  /** Keystrokes of the other editors that its document holds: updates delivered to it. */
  received: number;
  /** Connection closes after the first sync (a reconnect would cost the server a full sync). */
  drops: number;
}

export interface ProbeArrivals {
  /** Wall time (ms, performance.timeOrigin based) of each keystroke of the probe editor: [clock, at]. */
  sentAt: Array<[number, number]>;
  /** Wall time at which each other editor in this process received each probe keystroke: [clock, at]. */
  arrivals: Array<[number, number]>;
}

export type EditorReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz ';
const wallNow = () => performance.timeOrigin + performance.now();

/** mulberry32: a small seeded generator, so runs against both servers draw the same places. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The clock of `client` in `doc`: how many of its keystrokes the document holds. */
function clockOf(doc: Y.Doc, client: number): number {
  const structs = doc.store.clients.get(client);
  const last = structs?.[structs.length - 1];
  return last ? last.id.clock + last.length : 0;
}

class Editor {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText('plain');
  readonly provider: WebsocketProvider;
  readonly synced: Promise<void>;
  drops = 0;
  private cursor: Y.RelativePosition | null = null;
  private readonly random: () => number;
  private typed = 0;

  constructor(readonly spec: EditorSpec) {
    this.random = seeded(1000 + spec.index);
    this.provider = new WebsocketProvider(spec.serverUrl, spec.room, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: spec.params,
      disableBc: true,
    });
    this.provider.awareness.setLocalStateField('user', { name: `editor ${spec.index}`, color: '#3366cc' });
    this.synced = new Promise<void>((resolve) => {
      this.provider.on('sync', (synced: boolean) => synced && resolve());
    });
    this.provider.on('connection-close', () => {
      if (this.provider.synced || this.typed > 0) this.drops++;
    });
  }

  /** One keystroke at the editor's cursor: one transaction, one update, clock + 1. */
  keystroke(): void {
    let index = this.cursor ? Y.createAbsolutePositionFromRelativePosition(this.cursor, this.doc)?.index : undefined;
    if (index === undefined) index = Math.floor(this.random() * (this.text.length + 1));
    this.text.insert(index, ALPHABET[this.typed++ % ALPHABET.length]!);
    // Just after the character typed, sticking to it (assoc -1) when others type next to it.
    this.cursor = Y.createRelativePositionFromTypeIndex(this.text, index + 1, -1);
  }

  state(): EditorState {
    const own = this.doc.clientID;
    let received = 0;
    for (const client of this.doc.store.clients.keys()) if (client !== own) received += clockOf(this.doc, client);
    return { index: this.spec.index, clientId: own, own: clockOf(this.doc, own), received, drops: this.drops };
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

const editors = new Map<string, Editor[]>();
/** The probe editor of each server (if in this process) and the arrivals of its keystrokes at the others here. */
const probes = new Map<string, { editor: Editor | null; clientId: number | null; arrivals: Array<[number, number]> }>();
const probeSentAt = new Map<string, Array<[number, number]>>();

function watchProbe(key: string, editor: Editor): void {
  let seen = 0;
  editor.doc.on('update', () => {
    const probe = probes.get(key);
    if (!probe?.clientId || probe.editor === editor) return;
    const clock = clockOf(editor.doc, probe.clientId);
    if (clock <= seen) return;
    const at = wallNow();
    for (let c = seen; c < clock; c++) probe.arrivals.push([c, at]);
    seen = clock;
  });
}

async function connect(specs: EditorSpec[], probe: { key: string; index: number }): Promise<number[]> {
  const made = specs.map((spec) => new Editor(spec));
  for (const editor of made) {
    const list = editors.get(editor.spec.key) ?? [];
    list.push(editor);
    editors.set(editor.spec.key, list);
    if (!probes.has(editor.spec.key)) probes.set(editor.spec.key, { editor: null, clientId: null, arrivals: [] });
    if (editor.spec.key === probe.key && editor.spec.index === probe.index) probes.get(probe.key)!.editor = editor;
    watchProbe(editor.spec.key, editor);
  }
  await Promise.all(made.map((e) => e.synced));
  return made.map((e) => e.doc.clientID);
}

/** Every editor of `key` here types `rate` keystrokes a second for `seconds`, each on its own phase. */
async function type(key: string, seconds: number, rate: number): Promise<number> {
  const list = editors.get(key) ?? [];
  const period = 1000 / rate;
  const count = Math.round(seconds * rate);
  const start = performance.now();
  const sent = probeSentAt.get(key) ?? [];
  probeSentAt.set(key, sent);
  const probe = probes.get(key);
  let typed = 0;
  await Promise.all(
    list.map(async (editor, i) => {
      const phase = (period * i) / Math.max(1, list.length);
      for (let k = 0; k < count; k++) {
        const wait = start + phase + k * period - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (probe?.editor === editor) sent.push([clockOf(editor.doc, editor.doc.clientID), wallNow()]);
        editor.keystroke();
        typed++;
      }
    }),
  );
  return typed;
}

function texts(key: string): Array<{ index: number; length: number; sha256: string }> {
  return (editors.get(key) ?? []).map((e) => {
    const text = e.text.toString();
    return { index: e.spec.index, length: text.length, sha256: createHash('sha256').update(text).digest('hex') };
  });
}

async function handle(request: EditorRequest): Promise<unknown> {
  switch (request.type) {
    case 'connect':
      return connect(request.editors, request.probe);
    case 'type':
      return type(request.key, request.seconds, request.rate);
    case 'state':
      return (editors.get(request.key) ?? []).map((e) => e.state());
    case 'latency': {
      const arrivals = probes.get(request.key)?.arrivals.splice(0) ?? [];
      const sentAt = probeSentAt.get(request.key)?.splice(0) ?? [];
      return { sentAt, arrivals } satisfies ProbeArrivals;
    }
    case 'texts':
      return texts(request.key);
    case 'close':
      for (const list of editors.values()) for (const e of list) e.destroy();
      setTimeout(() => process.exit(0), 50).unref();
      return true;
  }
}

/** Tells the others which client id the probe editor has (it lives in one process, its keystrokes reach all). */
process.on('message', (raw: EditorRequest | { type: 'probe-id'; key: string; clientId: number }) => {
  if (raw.type === 'probe-id') {
    const probe = probes.get(raw.key) ?? { editor: null, clientId: null, arrivals: [] };
    probe.clientId = raw.clientId;
    probes.set(raw.key, probe);
    return;
  }
  handle(raw).then(
    (result) => process.send!({ id: raw.id, ok: true, result } satisfies EditorReply),
    (err: unknown) => process.send!({ id: raw.id, ok: false, error: String(err) } satisfies EditorReply),
  );
});
process.on('disconnect', () => process.exit(0));
