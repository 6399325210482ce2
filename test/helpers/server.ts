/**
 * One helper starts a whole Parley on port 0 with its own data folder and tears everything down
 * (STYLE: no test closes sockets by hand).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../server/config/load.js';
import { startParley, type Parley } from '../../server/parley.js';

export interface TestServer {
  parley: Parley;
  url: string;
  dataDir: string;
  /** Stops the server, keeping the data folder (for restart tests). */
  stop(): Promise<void>;
  /** Starts again on the same data folder. */
  restart(): Promise<TestServer>;
  /** Stops and removes the data folder. */
  destroy(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}, dataDir?: string): Promise<TestServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'parley-test-'));
  // Tests make their own debates, so the demo one stays out unless a test asks for it.
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    DEMO_DEBATE: 'false',
    // Lets work in progress serve its own client build (vite build --outDir …) beside dist/client.
    ...(process.env.CLIENT_DIR ? { CLIENT_DIR: process.env.CLIENT_DIR } : {}),
    ...env,
  });
  const parley = await startParley(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await parley.close();
  };
  return {
    parley,
    url: parley.url,
    dataDir: dir,
    stop,
    restart: async () => {
      await stop();
      return startTestServer(env, dir);
    },
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** JSON request helper: returns status and parsed body. */
export async function api(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined || init.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(base + path, {
    method: init.method ?? (init.body !== undefined || init.rawBody !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.rawBody ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: the test sees the text.
  }
  return { status: res.status, body };
}

/** Signs in one of the demo accounts and returns its access token. */
export async function signInAs(base: string, name: 'reader' | 'moderator' | 'host' | 'admin'): Promise<string> {
  const { status, body } = await api(base, '/api/auth/sign-in', { body: { name, password: `parley-${name}` } });
  if (status !== 200) throw new Error(`sign-in of ${name} failed: ${status} ${JSON.stringify(body)}`);
  return body.accessToken as string;
}
