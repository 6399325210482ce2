/**
 * Several Parley processes acting as one, for the cluster tests: a real redis-server of the test's
 * own on a free port (never 6379; it can be stopped and started again on that port), three Parley
 * processes running server/index.ts (so SIGTERM is the real graceful stop) that share one DATA_DIR
 * (SQLite) and the REDIS_URL, and the balancer of `npm run cluster` (server/cli/tcp-proxy.ts) in
 * front of them for clients that must reconnect to another process.
 *
 * Without redis-server the cluster tests are skipped with a loud warning; with CI set they fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTcpProxy, type TcpProxy } from '../../server/cli/tcp-proxy.js';
import { api, signInAs } from '../helpers/server.js';
import { requireToolInCI } from '../helpers/tools.js';
import { freePort } from '../helpers/free-port.js';

export const redisTool = requireToolInCI('redis-server', 'the cluster tests (test/cluster)');

const ENTRY = fileURLToPath(new URL('../../server/index.ts', import.meta.url));
/** Shared by every process, as a real deployment sets it (each would otherwise race to write one). */
const TOKEN_SECRET = 'cluster-test-secret-cluster-test-secret-0123456789';
export const SLUG = 'pakistan-afghanistan-peace-talks';

/** Resolves with the first group of `pattern` once `child` prints it; rejects if it exits first. */
function waitForOutput(child: ChildProcess, pattern: RegExp, label: string, log: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        resolve(match[1] ?? match[0]);
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`${label} exited (${code}) before it was ready:\n${log()}`));
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

export interface RedisServer {
  url: string;
  port: number;
  /** Its working folder (empty: no persistence). */
  dir: string;
  running(): boolean;
  /** kill -9: the processes see their connections reset. */
  stop(): Promise<void>;
  /** Starts again on the same port, empty. */
  start(): Promise<void>;
}

export async function startRedisServer(): Promise<RedisServer> {
  if (!redisTool.path) throw new Error('redis-server is not on PATH (apt install redis-server)');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'parley-cluster-redis-'));
  let child: ChildProcess | null = null;
  const start = async () => {
    const c = spawn(
      redisTool.path!,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = c;
    let out = '';
    c.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await waitForOutput(c, /Ready to accept connections/, 'redis-server', () => out);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      c.kill('SIGKILL');
      await exited;
    },
    start,
  };
}

export interface ClusterNode {
  index: number;
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  /** What the process printed (logs at TEST_LOG_LEVEL, default warn), for failure messages. */
  output(): string;
}

export interface Cluster {
  redis: RedisServer;
  nodes: ClusterNode[];
  /** The node URLs, in order. */
  urls: string[];
  /** The balancer: new connections go to the live processes in turn. */
  proxy: TcpProxy;
  proxyUrl: string;
  /** Where the balancer sent each connection, newest last. */
  routes: string[];
  dataDir: string;
  /** Signs in the demo admin and creates a fresh article (its own readers, seq and presence). */
  newArticle(label: string): Promise<{ id: string; slug: string }>;
  /** The article's last seq, from the store. */
  lastSeq(slug: string): Promise<number>;
  destroy(): Promise<void>;
}

/** After a failed test: what each process said last (request lines left out; TEST_LOG_LEVEL=info for more). */
export function printClusterOutput(c: Cluster): void {
  for (const node of c.nodes) {
    const said = node
      .output()
      .split('\n')
      .filter((line) => !line.includes('"request completed"'));
    console.error(
      `--- parley ${node.index} (${node.alive() ? 'running' : 'exited'}):\n${said.join('\n').slice(-6000)}`,
    );
  }
}

let articles = 0;

export async function startCluster(
  options: { processes?: number; env?: Record<string, string> } = {},
): Promise<Cluster> {
  const redis = await startRedisServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-cluster-'));
  const nodes: ClusterNode[] = [];

  const startNode = async (index: number): Promise<ClusterNode> => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir,
        REDIS_URL: redis.url,
        TOKEN_SECRET,
        DEMO: 'true',
        DEMO_DEBATE: 'false',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const keep = (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-100_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const port = Number(
      await waitForOutput(child, /running at http:\/\/127\.0\.0\.1:(\d+)\//, `parley ${index}`, () => out),
    );
    return {
      index,
      url: `http://127.0.0.1:${port}`,
      port,
      child,
      exited,
      alive: () => child.exitCode === null && child.signalCode === null,
      output: () => out,
    };
  };

  const count = options.processes ?? 3;
  try {
    // The first alone: it migrates the database and imports the demo content.
    nodes.push(await startNode(0));
    nodes.push(...(await Promise.all(Array.from({ length: count - 1 }, (_, i) => startNode(i + 1)))));
  } catch (err) {
    for (const n of nodes) n.child.kill('SIGKILL');
    await redis.stop();
    throw err;
  }
  const routes: string[] = [];
  const proxy = await startTcpProxy({
    port: 0,
    backends: () => nodes.filter((n) => n.alive()).map((n) => ({ host: '127.0.0.1', port: n.port })),
    onRoute: (to, refused) =>
      routes.push(
        `${Date.now()} → ${to?.port ?? 'nobody'}${refused.length ? ` (refused: ${refused.map((b) => b.port)})` : ''}`,
      ),
  });

  return {
    redis,
    nodes,
    urls: nodes.map((n) => n.url),
    proxy,
    proxyUrl: `http://127.0.0.1:${proxy.port}`,
    routes,
    dataDir,
    async newArticle(label) {
      const url = nodes.find((n) => n.alive())!.url;
      const token = await signInAs(url, 'admin');
      const slug = `cluster-${label}-${process.pid}-${++articles}`;
      const res = await api(url, '/api/articles', { token, body: { slug, title: `Cluster ${label}`, body: 'Text.' } });
      if (res.status !== 201) throw new Error(`article: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.article.id as string, slug };
    },
    async lastSeq(slug) {
      const url = nodes.find((n) => n.alive())!.url;
      return (await api(url, `/api/articles/${slug}`)).body.article.seq as number;
    },
    async destroy() {
      await proxy.close();
      await Promise.all(
        nodes.map(async (n) => {
          if (n.alive()) n.child.kill('SIGKILL');
          await n.exited;
        }),
      );
      await redis.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(redis.dir, { recursive: true, force: true });
    },
  };
}
