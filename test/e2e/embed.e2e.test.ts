/**
 * The embed (docs/EMBED.md) in Chromium: the demo publisher (server/demo/publisher) on its own
 * origin embeds Parley from another; the frame grows with the discussion, an SSO reader of the
 * publisher comments from inside it, counts fill in, and a page on an origin that is not allowed
 * gets nothing.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPublisherDemo, type PublisherDemo } from '../../server/demo/publisher/server.js';
import { scrollsSideways, seriousAxeViolations } from '../helpers/axe.js';
import { launchBrowser, SCREENSHOT_DIR, skipBrowserTests } from '../helpers/browser.js';
import { freePort } from '../helpers/free-port.js';
import { newUser, openReader, type Reader } from '../helpers/live.js';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const SSO_SECRET = 'the-ledger-shares-this-secret-with-parley-0123';
const WAIT = { timeout: 15_000 };

/** The Parley frame of a publisher page, once it shows the discussion. */
async function parleyFrame(page: Page): Promise<Frame> {
  await page.locator('iframe.parley-frame').waitFor(WAIT);
  const embedded = () => page.frames().find((f) => f.url().includes('/embed/'));
  await expect.poll(() => embedded() !== undefined, WAIT).toBe(true);
  const frame = embedded()!;
  await frame.getByRole('heading', { name: 'Discussion' }).waitFor(WAIT);
  return frame;
}

/** Screenshots of the page's top and of its comments (the frame is painted only once on screen). */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-top.png` });
  await page.evaluate(() => document.getElementById('comments-heading')?.scrollIntoView());
  // A cross-origin frame off screen is not painted: wait until it has drawn twice on screen.
  const frame = page.frames().find((f) => f.url().includes('/embed/'));
  await frame?.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-comments.png` });
}

const frameHeight = (page: Page) =>
  page.locator('iframe.parley-frame').evaluate((el) => Math.round(el.getBoundingClientRect().height));

describe.skipIf(skipBrowserTests)('browser: the embed on a publisher page', () => {
  let t: TestServer;
  let browser: Browser;
  let demo: PublisherDemo;
  const readers: Reader[] = [];

  beforeAll(async () => {
    // The publisher's port is chosen first: Parley allows exactly that origin.
    const port = await freePort();
    // The demo article holds its debate, so the frame shows a debate panel as well.
    t = await startTestServer({ EMBED_ORIGINS: `http://127.0.0.1:${port}`, SSO_SECRET, DEMO_DEBATE: 'true' });
    demo = await startPublisherDemo({ parleyUrl: t.url, ssoSecret: SSO_SECRET, port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const reader of readers) reader.close();
    await browser?.close();
    await demo?.close();
    await t?.destroy();
  });

  it('shows the discussion in a frame that grows with it, and an SSO reader comments from inside', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${demo.url}/`);
    const frame = await parleyFrame(page);
    await frame.getByText('to join the discussion').waitFor(WAIT);
    await frame.getByTestId('debate-panel').waitFor(WAIT);
    await expect.poll(() => frameHeight(page), WAIT).toBeGreaterThan(300);
    const before = await frameHeight(page);

    // Comments arrive from elsewhere: the frame makes room for them.
    for (const name of ['Embed reader one', 'Embed reader two']) {
      const reader = await openReader(t.url, SLUG, await newUser(t.url, name));
      readers.push(reader);
      await reader.thread.post(`${name} thinks the ceasefire needs monitors on both sides of the border.`);
    }
    // Pressed, not clicked, in the frame: the debate panel above may still be growing as it loads.
    await frame.getByRole('button', { name: /^2 new comments/ }).press('Enter', WAIT);
    await frame.getByText('Embed reader two thinks').waitFor(WAIT);
    await expect.poll(() => frameHeight(page), WAIT).toBeGreaterThan(before + 100);
    // The frame never scrolls inside the page: it is as tall as its content.
    await expect
      .poll(() => frame.evaluate(() => document.documentElement.scrollHeight - window.innerHeight), WAIT)
      .toBeLessThanOrEqual(1);

    // Signed in at the publisher: the page hands Parley an SSO token, and the reader comments.
    await page.getByLabel('Signed in at The Ledger as Ayesha Karim').check();
    await frame.getByText('Signed in as Ayesha Karim').waitFor(WAIT);
    await page.getByText('In the discussion as Ayesha Karim.').waitFor(WAIT);
    const text = 'Written on The Ledger, posted to Parley through single sign-on.';
    await frame.getByLabel('Write a comment').fill(text);
    await frame.getByRole('button', { name: 'Post comment' }).press('Enter');
    const mine = frame.getByTestId('comment').filter({ hasText: text });
    await mine.waitFor(WAIT);
    await expect(mine.textContent()).resolves.toContain('Ayesha Karim');

    expect(await seriousAxeViolations(frame)).toEqual([]);
    await shoot(page, 'embed-publisher-light-1100');

    // The page turns dark (data-theme="auto" follows it): so does the frame.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => frame.evaluate(() => document.documentElement.dataset.theme), WAIT).toBe('dark');
    expect(await seriousAxeViolations(frame)).toEqual([]);
    await shoot(page, 'embed-publisher-dark-1100');

    // Signed out at the publisher: signed out in the frame too.
    await page.getByLabel('Signed in at The Ledger as Ayesha Karim').uncheck();
    await frame.getByText('to join the discussion').waitFor(WAIT);
    await context.close();
  }, 120_000);

  it('fits a phone without sideways scrolling, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme });
      const page = await context.newPage();
      await page.goto(`${demo.url}/`);
      const frame = await parleyFrame(page);
      await expect.poll(() => frame.evaluate(() => document.documentElement.dataset.theme), WAIT).toBe(colorScheme);
      await frame.getByLabel('Sort by').waitFor(WAIT);
      expect(await scrollsSideways(page)).toBeNull();
      expect(await scrollsSideways(frame)).toBeNull();
      await shoot(page, `embed-publisher-${colorScheme}-390`);
      await context.close();
    }
  }, 90_000);

  it('fills <parley-count> with the visible comments of each article', async () => {
    // A story of the list page comes to Parley with three comments, one of which is removed: the
    // count is of what readers see.
    const admin = await signInAs(t.url, 'admin');
    const created = await api(t.url, '/api/articles', {
      token: admin,
      body: { slug: 'port-strike-third-week', title: 'Port strike enters its third week', body: 'The port is shut.' },
    });
    expect(created.status).toBe(201);
    const reader = await openReader(t.url, 'port-strike-third-week', await newUser(t.url, 'Dock watcher'));
    readers.push(reader);
    const posted = [];
    for (const n of [1, 2, 3]) posted.push(await reader.thread.post(`Dockside report number ${n}.`));
    const moderator = await signInAs(t.url, 'moderator');
    const action = await api(t.url, `/api/mod/comments/${posted[0]!.comment.id}/actions`, {
      token: moderator,
      body: { action: 'remove', reason: 'off topic', expectedVersion: 0 },
    });
    expect(action.status).toBe(200);
    const { body } = await api(t.url, `/api/articles/counts?slugs=port-strike-third-week,cricket-board-elections`);
    expect(body.counts).toEqual({ 'port-strike-third-week': 2, 'cricket-board-elections': 0 });

    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${demo.url}/list`);
    const countOf = (slug: string) => page.locator(`parley-count[data-article="${slug}"]`).textContent();
    await expect.poll(() => countOf('port-strike-third-week'), WAIT).toBe('2 comments');
    await expect.poll(() => countOf('cricket-board-elections'), WAIT).toBe('0 comments');
    const demoCount = (await api(t.url, `/api/articles/counts?slugs=${SLUG}`)).body.counts[SLUG];
    await expect.poll(() => countOf(SLUG), WAIT).toBe(`${demoCount} ${demoCount === 1 ? 'comment' : 'comments'}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/embed-publisher-list-1100.png`, fullPage: true });
    await context.close();
  }, 60_000);

  it('signs a reader in with a Parley account inside the frame, and opens other pages in a new tab', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${demo.url}/`);
    const frame = await parleyFrame(page);
    await frame.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' }).click();
    await frame.getByLabel('Name').fill('reader');
    await frame.getByLabel('Password').fill('parley-reader');
    await frame.getByRole('button', { name: 'Sign in' }).press('Enter');
    await frame.getByText('Signed in as reader').waitFor(WAIT);
    await frame.getByLabel('Write a comment').waitFor(WAIT);
    // The publisher's page never moved; the frame did, back to the discussion.
    expect(page.url()).toBe(`${demo.url}/`);
    expect(new URL(frame.url()).pathname).toBe(`/embed/${SLUG}`);

    // By keyboard: the frame is still growing as the debate panel loads, which moves the link about.
    await frame.getByRole('link', { name: /Open it on Parley/ }).focus();
    const [tab] = await Promise.all([context.waitForEvent('page', WAIT), page.keyboard.press('Enter')]);
    await tab!.waitForURL(`${t.url}/a/${SLUG}`, WAIT);
    await context.close();
  }, 60_000);

  it('opens the discussion in the order the tag asks for, and in the theme the page sets', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${demo.url}/list`);
    // A second tag, as a publisher would write it, with data-sort.
    await page.evaluate(
      ({ parley, slug }) => {
        const script = document.createElement('script');
        script.src = `${parley}/embed.js`;
        script.dataset.article = slug;
        script.dataset.sort = 'new';
        document.querySelector('main')!.append(script);
      },
      { parley: t.url, slug: SLUG },
    );
    const frame = await parleyFrame(page);
    await expect.poll(() => frame.getByLabel('Sort by').inputValue(), WAIT).toBe('new');
    // The demo page hands its own theme choice over (auto) once embed.js is there; a page's switch
    // sets it through the API.
    await page.evaluate(() => (window as { Parley?: { setTheme(t: string): void } }).Parley!.setTheme('dark'));
    await expect.poll(() => frame.evaluate(() => document.documentElement.dataset.theme), WAIT).toBe('dark');
    await context.close();
  }, 60_000);

  it('answers the favicon with an icon, and the frame page with its frame policy', async () => {
    const icon = await fetch(`${t.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/icon/);
    const allowed = await fetch(`${t.url}/embed/${SLUG}?origin=${encodeURIComponent(demo.url)}`);
    expect(allowed.headers.get('content-security-policy')).toContain(`frame-ancestors ${demo.url}`);
    expect(allowed.headers.get('x-frame-options')).toBeNull();
    expect(await allowed.text()).toContain(`<meta name="parley-embed-parent" content="${demo.url}">`);
    const refused = await fetch(`${t.url}/embed/${SLUG}?origin=${encodeURIComponent('https://elsewhere.example')}`);
    expect(refused.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await refused.text()).not.toContain('parley-embed-parent');
    // Counts: readable by the allowed origin only, and a bad list is refused with a reason.
    const fromDemo = await fetch(`${t.url}/api/articles/counts?slugs=${SLUG}`, { headers: { Origin: demo.url } });
    expect(fromDemo.headers.get('access-control-allow-origin')).toBe(demo.url);
    const fromElsewhere = await fetch(`${t.url}/api/articles/counts?slugs=${SLUG}`, {
      headers: { Origin: 'https://elsewhere.example' },
    });
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
    for (const slugs of ['', 'Not A Slug', Array.from({ length: 101 }, (_, i) => `story-${i}`).join(',')]) {
      const bad = await api(t.url, `/api/articles/counts?slugs=${encodeURIComponent(slugs)}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    }
    // The site's own pages may still be framed by nobody but the site.
    const home = await fetch(`${t.url}/`);
    expect(home.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });

  it('gives a page on an origin that is not allowed nothing', async () => {
    // The same demo under another name is another origin, and not in EMBED_ORIGINS.
    const elsewhere = demo.url.replace('127.0.0.1', 'localhost');
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${elsewhere}/`);
    await expect.poll(() => errors.join('\n'), WAIT).toContain('may not embed discussions');
    expect(await page.locator('iframe').count()).toBe(0);

    // A frame made by hand, naming itself or the allowed origin: the browser refuses to show Parley.
    for (const origin of [elsewhere, demo.url]) {
      const src = `${t.url}/embed/${SLUG}?origin=${encodeURIComponent(origin)}`;
      await page.evaluate((url) => {
        const iframe = document.createElement('iframe');
        iframe.src = url;
        iframe.className = 'hand-made';
        document.body.append(iframe);
        return new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
      }, src);
      const shown = await Promise.all(
        page
          .frames()
          .filter((f) => f !== page.mainFrame())
          .map((f) => f.evaluate(() => document.querySelector('.embed, #root > *') !== null).catch(() => false)),
      );
      expect(shown).not.toContain(true);
      await page.locator('iframe.hand-made').evaluate((el) => el.remove());
    }
    // The counts are not readable there either.
    await page.goto(`${elsewhere}/list`);
    await expect.poll(() => errors.join('\n'), WAIT).toContain('comment counts could not be read');
    await expect(page.locator('parley-count').first().textContent()).resolves.toBe('Comments');
    await context.close();
  }, 60_000);
});
