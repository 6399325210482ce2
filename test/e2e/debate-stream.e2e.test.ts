/**
 * The session's live stream in Chromium: the host pastes a link in the console (a refused one is
 * explained there), and the audience's panel shows the YouTube no-cookie player above the floor,
 * 16:9 at 1100 px and at 390 px, until the host removes it. Offline, the player's page cannot
 * load: the test checks the element, its address and its attributes, not the video.
 * Screenshots go to SCREENSHOT_DIR.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import { demoDebate, openDebatePanel } from '../helpers/demo-debate.js';
import { signedInPage } from '../helpers/pages.js';
import type { TestServer } from '../helpers/server.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const ARTICLE = `/a/${SLUG}`;
const VIDEO_ID = 'dQw4w9WgXcQ';

/** The demo host's debate on the demo article, set up with one long phase. */
const scheduledDebate = (t: TestServer) =>
  demoDebate(t.url, {
    session: {
      template: 'free-form',
      plan: [{ kind: 'free', title: 'Open floor', positionId: null, durationSeconds: 600 }],
    },
  });

/** Content-Security-Policy complaints the page logs (a blocked frame or media would show here). */
function cspComplaints(page: Page): string[] {
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) complaints.push(message.text());
  });
  return complaints;
}

/** The player sits above the floor, fills the panel's width and keeps 16:9. */
async function expectPlayerAboveFloor(page: Page): Promise<void> {
  const frame = await page.getByTestId('live-stream').locator('iframe').boundingBox();
  const floor = await page.getByTestId('floor').boundingBox();
  const panel = await page.getByTestId('debate-panel').boundingBox();
  expect(frame && floor && panel).toBeTruthy();
  expect(frame!.y + frame!.height).toBeLessThanOrEqual(floor!.y);
  expect(frame!.x).toBeGreaterThanOrEqual(panel!.x);
  expect(frame!.x + frame!.width).toBeLessThanOrEqual(panel!.x + panel!.width + 0.5);
  expect(frame!.width / frame!.height).toBeCloseTo(16 / 9, 1);
}

describe.skipIf(skipBrowserTests)('browser: the live stream', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });

  it('the host saves a link and the audience sees the no-cookie player above the floor', async () => {
    const { motion } = await scheduledDebate(t);
    const host = await signedInPage(browser, t.url, 'host', 'parley-host', ARTICLE);
    const reader = await signedInPage(browser, t.url, 'reader', 'parley-reader', ARTICLE);
    // A step that hangs fails at that step, by name, well inside the test's time.
    for (const page of [host, reader]) page.setDefaultTimeout(15_000);
    const complaints = cspComplaints(reader);
    await openDebatePanel(host);
    await openDebatePanel(reader);
    expect(await reader.getByTestId('live-stream').count()).toBe(0);

    const form = host.getByTestId('stream-link-form');
    const field = form.getByLabel('Live stream');
    await field.fill('http://www.youtube.com/watch?v=' + VIDEO_ID);
    await form.getByRole('button', { name: 'Save' }).click();
    await form
      .getByRole('alert')
      .getByText(/Only https links can be shown/)
      .waitFor();
    await form.screenshot({ path: `${SCREENSHOT_DIR}/live-stream-refused.png` });

    await field.fill(`https://www.youtube.com/watch?v=${VIDEO_ID}&t=10s`);
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('button', { name: 'Remove' }).waitFor();
    expect(await form.locator('[role="alert"]').textContent()).toBe('');

    const frame = reader.getByTestId('live-stream').locator('iframe');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toBe(`https://www.youtube-nocookie.com/embed/${VIDEO_ID}`);
    expect(await frame.getAttribute('title')).toBe(`Live stream: ${motion}`);
    expect(await frame.getAttribute('allow')).toBe('autoplay; fullscreen; picture-in-picture');
    expect(await frame.getAttribute('referrerpolicy')).toBe('strict-origin-when-cross-origin');
    expect(await frame.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin allow-presentation');
    await expectPlayerAboveFloor(reader);
    await reader.getByTestId('debate-panel').screenshot({ path: `${SCREENSHOT_DIR}/live-stream-1100.png` });

    await reader.setViewportSize({ width: 390, height: 1400 });
    await expectPlayerAboveFloor(reader);
    const overflow = await reader.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await reader.getByTestId('debate-panel').screenshot({ path: `${SCREENSHOT_DIR}/live-stream-390.png` });
    await host.getByTestId('host-console').screenshot({ path: `${SCREENSHOT_DIR}/live-stream-console.png` });

    // The page's policy let the player's frame in: no frame-src complaint.
    expect(complaints).toEqual([]);

    await form.getByRole('button', { name: 'Remove' }).click();
    await reader.getByTestId('live-stream').waitFor({ state: 'detached' });
    expect(await field.inputValue()).toBe('');
  }, 60_000);

  it('an HLS link plays in a <video>: natively where the browser can, else through hls.js loaded on demand', async () => {
    await scheduledDebate(t);
    const host = await signedInPage(browser, t.url, 'host', 'parley-host', ARTICLE);
    // Chromium plays HLS itself (canPlayType says "maybe"); this reader's browser is made to say
    // no, as Firefox does, so its panel takes the hls.js path.
    const native = await signedInPage(browser, t.url, 'reader', 'parley-reader', ARTICLE);
    const withoutHls = await signedInPage(browser, t.url, 'reader', 'parley-reader', ARTICLE);
    await withoutHls.addInitScript(() => {
      const canPlayType = HTMLMediaElement.prototype.canPlayType;
      HTMLMediaElement.prototype.canPlayType = function (type: string) {
        return /mpegurl/i.test(type) ? '' : canPlayType.call(this, type);
      };
    });
    await withoutHls.reload();
    const scripts: string[] = [];
    withoutHls.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    const loadsHls = () => scripts.some((path) => /\/assets\/hls-[^/]*\.js$/.test(path));
    const complaints = [native, withoutHls].map(cspComplaints);
    for (const page of [host, native, withoutHls]) {
      page.setDefaultTimeout(15_000);
      await openDebatePanel(page);
    }
    expect(loadsHls()).toBe(false);

    const playlist = 'https://streams.example.invalid/live/debate.m3u8';
    const form = host.getByTestId('stream-link-form');
    await form.getByLabel('Live stream').fill(playlist);
    await form.getByRole('button', { name: 'Save' }).click();

    for (const page of [native, withoutHls]) {
      const video = page.getByTestId('live-stream').locator('video');
      await video.waitFor();
      expect(await video.getAttribute('controls')).not.toBeNull();
      // Offline (and .invalid never resolves), the playlist cannot load: the panel says so.
      await page.getByTestId('live-stream').getByText('The stream could not be played').waitFor();
    }
    // The browser's own player gets the playlist; hls.js feeds the element from a MediaSource.
    expect(
      await native
        .getByTestId('live-stream')
        .locator('video')
        .evaluate((v: HTMLVideoElement) => v.src),
    ).toBe(playlist);
    expect(loadsHls()).toBe(true);
    expect(complaints.flat()).toEqual([]);
  }, 60_000);
});
