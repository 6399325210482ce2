/** A reader opens Parley in Chromium: the demo article shows, and signing in works. */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import type { TestServer } from '../helpers/server.js';

describe.skipIf(skipBrowserTests)('browser: article page', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });

  it('shows the demo article from the home page and lets the reader sign in', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    await page.goto(t.url + '/');
    const link = page.getByRole('link', { name: /Pakistan and Afghanistan/ });
    await link.first().waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/home.png` });
    await link.first().click();
    await page.getByRole('heading', { level: 1, name: /Pakistan and Afghanistan/ }).waitFor();
    await expect(
      page
        .getByText('Which nation bears the greater responsibility for upholding the immediate ceasefire?')
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/article.png` });

    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Name').fill('reader');
    await page.getByLabel('Password').fill('parley-reader');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByText('reader', { exact: true }).first().waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/signed-in.png` });
    await page.close();
  });
});
