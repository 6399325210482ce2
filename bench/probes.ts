/**
 * Pieces the benches share: a process's CPU time and memory from /proc (Linux only), and a bare
 * WebSocket reader that speaks just enough socket.io to join an article and see its broadcasts,
 * so that thousands of readers cost the bench little next to the server it measures.
 */
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../shared/events.js';

const TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s

/** CPU time (user + system, every thread) and resident memory of a process, from /proc. */
export function procStat(pid: number): { cpuSeconds: number; rssKiB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the name, from field 3: utime is field 14, stime field 15 (1-based in proc(5)).
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / TICKS;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuSeconds, rssKiB: Number(rss?.[1] ?? 0) };
}

/**
 * CPU time of a process split into user and system, and its context switches so far (voluntary:
 * it waited; involuntary: it was preempted, a sign the machine was busy), from /proc.
 */
export function procCpu(pid: number): { user: number; system: number; voluntary: number; involuntary: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const count = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return {
    user: Number(fields[11]) / TICKS,
    system: Number(fields[12]) / TICKS,
    voluntary: count('voluntary_ctxt_switches'),
    involuntary: count('nonvoluntary_ctxt_switches'),
  };
}

/** A reader that speaks just enough engine.io/socket.io: connect, join, answer pings, see changes. */
export interface BareReader {
  ws: WebSocket;
  joined: Promise<void>;
}

const BODY_KEY = Buffer.from('"b":"');

/**
 * How many comments a change frame carries: each comment has one body (`"b":"`, shared/wire.ts),
 * and a quote inside a body is escaped, so the key cannot appear in one.
 */
export function commentsInFrame(frame: Buffer): number {
  let n = 0;
  for (let i = frame.indexOf(BODY_KEY); i >= 0; i = frame.indexOf(BODY_KEY, i + BODY_KEY.length)) n++;
  return n;
}

/**
 * Connects to `url`, joins the article `slug` and calls `onChange` with each raw `article:change`
 * frame (`42["article:change",{...}]`) and each `article:changes` frame (a busy tick's changes,
 * `42["article:changes",{...}]`: the same first bytes), as it arrives.
 */
export function bareReader(url: string, slug: string, onChange: (frame: Buffer) => void): BareReader {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  let onJoined: () => void = () => undefined;
  let onFailed: (err: Error) => void = () => undefined;
  const joined = new Promise<void>((resolve, reject) => {
    onJoined = resolve;
    onFailed = reject;
  });
  ws.on('message', (data: Buffer) => {
    // Cheap checks on the first bytes: 42["article:change(s)" is a broadcast, 2 a ping.
    if (data[0] === 0x34 && data[1] === 0x32 && data.toString('latin1', 4, 18) === 'article:change') {
      onChange(data);
      return;
    }
    const text = data.toString();
    if (text === '2') ws.send('3');
    else if (text.startsWith('0{')) ws.send(`40{"protocol":${PROTOCOL_VERSION}}`);
    else if (text.startsWith('40')) ws.send(`420["article:join",{"slug":"${slug}"}]`);
    else if (text.startsWith('430')) onJoined();
    else if (text.startsWith('44')) onFailed(new Error(`refused: ${text}`));
  });
  ws.on('error', (err) => onFailed(err));
  return { ws, joined };
}
