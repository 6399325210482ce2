/** Debian's Chromium driven by playwright-core (no browser download), with the flags this sandbox needs. */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from './server.js';
import { requireToolInCI } from './tools.js';

const chromiumOnPath = requireToolInCI('chromium', 'browser tests (Chromium)');
export const chromiumPath = chromiumOnPath.path;
/**
 * Whether the browser suites skip: only outside CI, when Chromium is missing. In CI they run and
 * fail in launchBrowser, so a machine without Chromium cannot pass CI by skipping them.
 */
export const skipBrowserTests = chromiumOnPath.skip;

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error('chromium is not on PATH: the browser tests cannot run (install it, see .ci/run)');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Where browser tests leave their screenshots for people to look at. */
export const SCREENSHOT_DIR = 'test-results/screenshots';

/**
 * Starts a Parley server and Chromium before a browser suite's tests and stops both after it;
 * `ready` hands them to the suite.
 */
export function withServerAndBrowser(
  ready: (server: TestServer, browser: Browser) => void,
  env: Record<string, string> = {},
): void {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer(env);
    browser = await launchBrowser();
    ready(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });
}
