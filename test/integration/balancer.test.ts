/**
 * deploy/haproxy.cfg for real, in front of three Parley processes sharing one SQLite file (one
 * DATA_DIR on one host): the balancer keeps socket.io's long-polling sessions sticky by its cookie,
 * lets WebSocket upgrades through, spreads new sessions over the replicas, and comments written
 * through all three at once get one gapless seq sequence. Runs when haproxy is installed.
 * (Live broadcasts between the processes need the Redis adapter; they are not checked here.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import { PROTOCOL_VERSION, type ArticleChange } from '../../shared/events.js';
import { startChildParley, type ChildParley } from '../helpers/child.js';
import { must } from '../helpers/moderation.js';
import { api, signInAs } from '../helpers/server.js';
import { requireToolInCI } from '../helpers/tools.js';
import { freePort } from '../helpers/free-port.js';

const { path: haproxy, skip } = requireToolInCI('haproxy', 'the load balancer tests');
const REPLICAS = ['parley1', 'parley2', 'parley3'] as const;

/** The shipped config, pointed at local processes instead of compose's service names and DNS. */
function localConfig(port: number, backends: Record<string, number>): string {
  const shipped = readFileSync(new URL('../../deploy/haproxy.cfg', import.meta.url), 'utf8');
  const local = shipped
    .replace(/^\s*log stdout.*$/m, '')
    .replace(/^resolvers docker\n(?:[ \t]+.*\n)+/m, '')
    .replace(/ resolvers docker init-addr last,libc,none/, '')
    .replace(/bind :8080/, `bind 127.0.0.1:${port}`)
    .replace(/server (parley\d) \1:3000/g, (_, name: string) => `server ${name} 127.0.0.1:${backends[name]}`)
    .replace(/inter 5s fall 3 rise 2/, 'inter 500ms fall 3 rise 1');
  for (const name of REPLICAS) expect(local).toContain(`server ${name} 127.0.0.1:${backends[name]}`);
  expect(local).not.toContain('resolvers');
  return local;
}

let dir = '';
let children: ChildParley[] = [];
let balancer: ChildProcess | null = null;
let base = '';
const sockets: ParleyClientSocket[] = [];

beforeAll(async () => {
  if (skip) return;
  if (!haproxy) throw new Error('haproxy is not on PATH');
  dir = mkdtempSync(join(tmpdir(), 'parley-balancer-'));
  const env = { TOKEN_SECRET: 'b'.repeat(40), COMMENTS_PER_MINUTE: '1000', SOCKET_EVENTS_PER_SECOND: '1000' };
  // The first seeds the demo accounts and article; the other two start together on the same file.
  const first = await startChildParley(dir, { ...env, DEMO: 'true', DEMO_DEBATE: 'false' });
  children = [first, ...(await Promise.all([1, 2].map(() => startChildParley(dir, { ...env, DEMO: 'false' }))))];
  const backends = Object.fromEntries(REPLICAS.map((name, i) => [name, Number(new URL(children[i]!.url).port)]));
  const port = await freePort();
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(cfg, localConfig(port, backends));
  balancer = spawn(haproxy, ['-db', '-f', cfg], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  // Up once every replica passes its /readyz check.
  const deadline = Date.now() + 20_000;
  const seen = new Set<string>();
  while (seen.size < 3) {
    if (Date.now() > deadline) throw new Error(`balancer saw only ${[...seen].join(', ')}`);
    const res = await fetch(`${base}/socket.io/?EIO=4&transport=polling`).catch(() => null);
    const server = res?.headers.get('set-cookie')?.match(/PARLEY_SERVER=(\w+)/)?.[1];
    if (server) seen.add(server);
    else await new Promise((r) => setTimeout(r, 100));
  }
}, 90_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  balancer?.kill('SIGKILL');
  await Promise.all(children.map((c) => c.kill()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A socket.io client through the balancer: long-polling first (cookies kept), then the upgrade. */
function connect(token: string, options: { cookie?: string; upgrade?: boolean } = {}): Promise<ParleyClientSocket> {
  const socket: ParleyClientSocket = io(base, {
    transports: options.upgrade === false ? ['polling'] : ['polling', 'websocket'],
    withCredentials: true,
    ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
    auth: { protocol: PROTOCOL_VERSION, token },
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

describe.skipIf(skip)('the load balancer (deploy/haproxy.cfg) over three processes', () => {
  it('keeps a long-polling session on its replica by cookie, and spreads new sessions', async () => {
    const servers = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const open = await fetch(`${base}/socket.io/?EIO=4&transport=polling`);
      expect(open.status).toBe(200);
      const cookie = open.headers.get('set-cookie')!.match(/PARLEY_SERVER=\w+/)![0];
      servers.add(cookie);
      const sid = (JSON.parse((await open.text()).slice(1)) as { sid: string }).sid;
      // With its cookie, every later request of the session reaches the replica that knows the sid.
      for (let j = 0; j < 3; j++) {
        const poll = await fetch(`${base}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'text/plain;charset=UTF-8' },
          body: '40',
        });
        expect(poll.status).toBe(200);
      }
      // Without it, requests are balanced anew and reach replicas that never heard of the sid.
      const unsticky = await Promise.all(
        Array.from({ length: 6 }, () =>
          fetch(`${base}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: 'POST', body: '3' }),
        ),
      );
      expect(unsticky.some((r) => r.status === 400)).toBe(true);
    }
    expect(servers.size).toBeGreaterThan(1);
  });

  it('connects socket.io clients by polling and by the WebSocket upgrade, on every replica', async () => {
    const token = await signInAs(base, 'reader');
    for (const name of REPLICAS) {
      const polling = await connect(token, { cookie: `PARLEY_SERVER=${name}`, upgrade: false });
      const upgraded = await connect(token, { cookie: `PARLEY_SERVER=${name}` });
      await expect.poll(() => upgraded.io.engine.transport.name).toBe('websocket');
      expect(polling.io.engine.transport.name).toBe('polling');
      await must(polling, 'debate:of-article', { articleId: 'none' });
      await must(upgraded, 'debate:of-article', { articleId: 'none' });
    }
  });

  it('writes through all three processes at once into one gapless seq sequence', async () => {
    const token = await signInAs(base, 'reader');
    const article = (await api(base, '/api/articles/pakistan-afghanistan-peace-talks')).body.article as {
      id: string;
      seq: number;
    };
    const writers = await Promise.all(REPLICAS.map((name) => connect(token, { cookie: `PARLEY_SERVER=${name}` })));
    const PER_WRITER = 30;
    const seqs = (
      await Promise.all(
        writers.map(async (socket, w) => {
          const mine: number[] = [];
          for (let i = 0; i < PER_WRITER; i++) {
            const change = await must<ArticleChange>(socket, 'comment:create', {
              articleId: article.id,
              body: `through ${REPLICAS[w]}, comment ${i}`,
            });
            mine.push(change.seq);
          }
          return mine;
        }),
      )
    ).flat();
    const sorted = [...seqs].sort((a, b) => a - b);
    expect(sorted).toEqual(Array.from({ length: 3 * PER_WRITER }, (_, i) => article.seq + i + 1));
  });
});
