/**
 * An article with two debates in Chromium (issue 13): the page shows the current debate in its box
 * and panel, lists the past one with its result and report link, keeps each comment's stance badge
 * (labelled with its debate), offers only the current debate's positions to argue, and the home page
 * follows the current debate. The report prints on A4, one section a page, without the site's chrome.
 * Screenshots (1100 px and 390 px wide) go to SCREENSHOT_DIR.
 */
import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ArticleChange } from '../../shared/events.js';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import { connectSocket } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { signedInPage } from '../helpers/pages.js';
import { api, signInAs, type TestServer } from '../helpers/server.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const SECOND_MOTION = 'Talks should resume without preconditions';

/** Pages a PDF has: each page object of the file names its type. */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;

describe.skipIf(skipBrowserTests)('browser: many debates on one article', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });

  it('shows the current debate, lists the past one with its report, and keeps each stance', async () => {
    const hostToken = await signInAs(t.url, 'host');
    const hostId = (await api(t.url, '/api/me', { token: hostToken })).body.user.id as string;
    const moderator = await signInAs(t.url, 'moderator');
    const article = (await api(t.url, `/api/articles/${SLUG}`)).body.article;
    const host = await connectSocket(t.url, hostToken);
    const readerToken = await signInAs(t.url, 'reader');
    const readerSocket = await connectSocket(t.url, readerToken);
    const newDebate = async (motion: string) => {
      const created = await api(t.url, '/api/debates', {
        token: moderator,
        body: {
          articleId: article.id,
          hostId,
          motion,
          positions: [
            { name: 'Pakistan', debaterIds: [] },
            { name: 'Afghanistan', debaterIds: [] },
          ],
        },
      });
      expect(created.status).toBe(201);
      const debate = created.body.debate as { id: string; positions: Array<{ id: string }> };
      await must(host, 'debate:setup', { debateId: debate.id, template: 'free-form' });
      return debate;
    };
    const command = (debateId: string, name: string) => must(host, 'debate:command', { debateId, command: name });

    try {
      // The first debate, run to its end: the reader argues for its Pakistan and moves the vote there.
      const first = await newDebate(article.motion);
      const [pk1, af1] = first.positions.map((p) => p.id) as [string, string];
      const oldComment = 'Islamabad holds the crossings, so the ceasefire is its to keep.';
      await must<ArticleChange>(host, 'comment:create', { articleId: article.id, body: oldComment, positionId: pk1 });
      await command(first.id, 'open-pre-vote');
      await must(readerSocket, 'debate:vote', { debateId: first.id, positionId: af1 });
      await command(first.id, 'start');
      const said = 'Welcome: the floor is open on the ceasefire.';
      await must(host, 'debate:say', { debateId: first.id, text: said });
      // Skipping the one phase of a free-form debate opens the post-vote.
      await command(first.id, 'skip');
      await must(readerSocket, 'debate:vote', { debateId: first.id, positionId: pk1 });
      for (const step of ['show-results', 'reveal', 'close']) await command(first.id, step);
      // The second, in its pre-vote: the current one.
      const second = await newDebate(SECOND_MOTION);
      await command(second.id, 'open-pre-vote');

      const page = await signedInPage(browser, t.url, 'reader', 'parley-reader', `/a/${SLUG}`);
      const box = page.getByTestId('debate-box');
      await expect.poll(() => box.textContent()).toContain(SECOND_MOTION);
      expect(await box.textContent()).toContain('Pre-vote');
      const panel = page.getByTestId('debate-panel');
      await expect.poll(() => panel.getByRole('heading', { level: 2 }).first().textContent()).toBe(SECOND_MOTION);
      expect(await page.getByLabel('Choose a debate').count()).toBe(0);

      // The past debate: its number, its result and its report.
      const past = page.getByTestId('past-debate');
      await expect.poll(() => past.count()).toBe(1);
      const pastText = await past.textContent();
      expect(pastText).toContain('Debate 1');
      expect(pastText).toContain(article.motion);
      expect(pastText).toContain('Winner: Pakistan');

      // The old comment keeps its stance, named with its debate; a new one argues the current debate.
      const badge = (body: string) =>
        page.getByTestId('comment').filter({ hasText: body }).getByTestId('comment-position').textContent();
      await expect.poll(() => badge(oldComment)).toContain('Pakistan · debate 1');
      const arguing = page.getByLabel('Arguing for');
      expect(await arguing.locator('option').allTextContents()).toEqual(['No position', 'Pakistan', 'Afghanistan']);
      const newComment = 'Kabul has more to gain from talks now.';
      await arguing.selectOption({ label: 'Pakistan' });
      await page.getByLabel('Write a comment').fill(newComment);
      await page.getByRole('button', { name: 'Post comment' }).click();
      await expect.poll(() => badge(newComment)).toContain('Pakistan · debate 2');
      await page.screenshot({ path: `${SCREENSHOT_DIR}/many-debates-article.png`, fullPage: true });
      await box.screenshot({ path: `${SCREENSHOT_DIR}/many-debates-box.png` });
      await page.getByTestId('past-debates').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/many-debates-past.png` });

      // At 390 px wide (a phone), the same page.
      await page.setViewportSize({ width: 390, height: 900 });
      await box.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/many-debates-box-390.png` });
      await page.getByTestId('past-debates').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/many-debates-past-390.png` });

      // The home page follows the current debate.
      await page.setViewportSize({ width: 1100, height: 1400 });
      await page.goto(`${t.url}/`);
      const teaser = page.getByTestId('teaser-debate').first();
      await expect.poll(() => teaser.textContent()).toBe(`Debate, pre-vote open: ${SECOND_MOTION}`);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/many-debates-home.png` });

      // The past debate's report, from its link: the skip shows, and it prints.
      await page.goto(`${t.url}/a/${SLUG}`);
      await page
        .getByTestId('past-debate')
        .getByRole('link', { name: /Read the report/ })
        .click();
      await page.getByRole('heading', { level: 1, name: article.motion }).waitFor();
      const planRow = page.getByRole('row').filter({ hasText: 'Open debate' });
      expect(await planRow.getByRole('cell').last().textContent()).toBe('yes');
      const transcript = page.getByRole('region', { name: 'Open debate' });
      expect(await transcript.getByRole('heading').textContent()).toBe('Open debate');
      expect(await transcript.getByText(said).textContent()).toBe(`host, host: ${said}`);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/many-debates-report.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 900 });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/many-debates-report-390.png` });
      await page.setViewportSize({ width: 1100, height: 1400 });
      await page.evaluate(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => {
          (window as unknown as { printed: number }).printed += 1;
        };
      });
      await page.getByRole('button', { name: 'Print' }).click();
      expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
      await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
      await page.screenshot({ path: `${SCREENSHOT_DIR}/many-debates-report-print.png`, fullPage: true });
      // Five sections, each from a new page.
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      writeFileSync(`${SCREENSHOT_DIR}/many-debates-report.pdf`, pdf);
      expect(pageCount(pdf)).toBeGreaterThanOrEqual(5);
      await page.context().close();
    } finally {
      host.close();
      readerSocket.close();
    }
  });
});
