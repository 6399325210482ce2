/**
 * The front page and the article's debate box in Chromium (issue 14): the home page shows each
 * article's comments, readers now and a debate badge, and follows them live (a comment posted from
 * another page moves the count without a reload); the article's debate box says the debate is live,
 * with its phase, follows the host's next phase, and its link moves focus to the debate panel.
 * No serious accessibility violation on the home page, no sideways scrolling on a phone.
 * Screenshots (1100 px and 390 px wide) go to SCREENSHOT_DIR.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scrollsSideways, seriousAxeViolations } from '../helpers/axe.js';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import { oxfordDebate } from '../helpers/debate.js';
import { must } from '../helpers/moderation.js';
import { signedInPage } from '../helpers/pages.js';
import { api, signInAs, type TestServer } from '../helpers/server.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const POLL = { timeout: 15_000 };

/** Two more articles, the newer with a debate to come, so the home page has a lead and a list. */
async function moreArticles(t: TestServer): Promise<void> {
  const admin = await signInAs(t.url, 'admin');
  const hostToken = await signInAs(t.url, 'host');
  const hostId = (await api(t.url, '/api/me', { token: hostToken })).body.user.id as string;
  const make = async (slug: string, title: string) => {
    const made = await api(t.url, '/api/articles', {
      token: admin,
      body: { slug, title, body: 'Short article.', publishedAt: new Date().toISOString() },
    });
    expect(made.status).toBe(201);
    return made.body.article as { id: string };
  };
  await make('monsoon-budget', 'Monsoon budget: where the flood money went');
  const upcoming = await make('cricket-board-vote', 'Cricket board vote: who should pick the selectors?');
  const created = await api(t.url, '/api/debates', {
    token: await signInAs(t.url, 'moderator'),
    body: {
      articleId: upcoming.id,
      hostId,
      motion: 'Players, not the board, should choose the selectors',
      positions: [
        { name: 'Players', debaterIds: [] },
        { name: 'Board', debaterIds: [] },
      ],
    },
  });
  expect(created.status).toBe(201);
}

const teaserOf = (page: Page, title: RegExp) => page.getByTestId('teaser').filter({ hasText: title });

describe.skipIf(skipBrowserTests)('browser: the front page, live', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });

  it('shows counts, readers and a live badge, follows a new comment, and links the debate box to the panel', async () => {
    // The demo article's debate, live in its first phase; one comment already there.
    const debate = await oxfordDebate(t);
    await must(debate.host.socket, 'debate:command', { debateId: debate.debateId, command: 'open-pre-vote' });
    await must(debate.host.socket, 'debate:command', { debateId: debate.debateId, command: 'start' });
    await must(debate.host.socket, 'comment:create', { articleId: debate.article.id, body: 'First thoughts.' });
    await moreArticles(t);

    // A reader opens the article (a second page): one reading now.
    const article = await signedInPage(browser, t.url, 'moderator', 'parley-moderator', `/a/${SLUG}`);
    await article.getByTestId('debate-panel').waitFor();

    const home = await signedInPage(browser, t.url, 'reader', 'parley-reader', '/');
    const lead = teaserOf(home, /Pakistan and Afghanistan/);
    await expect.poll(() => lead.getByTestId('debate-badge').textContent(), POLL).toBe('Debate live now');
    await expect.poll(() => lead.getByTestId('teaser-comments').textContent(), POLL).toBe('1 comment');
    await expect.poll(() => lead.getByTestId('teaser-readers').textContent(), POLL).toBe('1 reading now');
    const upcoming = teaserOf(home, /Cricket board vote/);
    await expect.poll(() => upcoming.getByTestId('debate-badge').textContent(), POLL).toBe('Debate coming up');
    expect(
      await teaserOf(home, /Monsoon budget/)
        .getByTestId('teaser-comments')
        .textContent(),
    ).toBe('No comments yet');

    // A comment from the other page: the home page's count moves, and the page was not reloaded.
    await home.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await article.getByLabel('Write a comment').fill('The home page should see this.');
    await article.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => lead.getByTestId('teaser-comments').textContent(), POLL).toBe('2 comments');
    expect(await home.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

    expect(await seriousAxeViolations(home)).toEqual([]);
    await home.screenshot({ path: `${SCREENSHOT_DIR}/front-page.png` });
    await home.setViewportSize({ width: 390, height: 844 });
    expect(await scrollsSideways(home)).toBeNull();
    expect(await seriousAxeViolations(home)).toEqual([]);
    await home.screenshot({ path: `${SCREENSHOT_DIR}/front-page-390.png` });

    // The article's debate box: live, with its phase, following the host.
    const box = article.getByTestId('debate-box');
    await expect.poll(() => box.getByTestId('debate-badge').textContent(), POLL).toBe('Live now');
    await expect
      .poll(() => box.getByTestId('debate-box-stage').textContent(), POLL)
      .toBe('Opening statement: Pakistan, phase 1 of 7');
    await article.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => article.evaluate(() => window.scrollY), POLL).toBe(0);
    await article.screenshot({ path: `${SCREENSHOT_DIR}/front-page-article-top.png` });
    await must(debate.host.socket, 'debate:command', { debateId: debate.debateId, command: 'next' });
    await expect
      .poll(() => box.getByTestId('debate-box-stage').textContent(), POLL)
      .toBe('Opening statement: Afghanistan, phase 2 of 7');

    // Its link, from the keyboard: focus lands on the panel, which comes into view.
    const link = box.getByRole('link', { name: /Join the live debate/ });
    await link.focus();
    await article.keyboard.press('Enter');
    await expect.poll(() => article.evaluate(() => document.activeElement?.id), POLL).toBe('current-debate');
    await expect.poll(() => article.getByTestId('debate-panel').isVisible(), POLL).toBe(true);
    // Brought into view (smoothly, unless the reader asked for less motion): its top near the window's.
    const panelTop = () =>
      article.evaluate(() => Math.round(document.getElementById('current-debate')!.getBoundingClientRect().top));
    await expect.poll(async () => Math.abs(await panelTop()) < 100, POLL).toBe(true);
    // And with the mouse.
    await article.evaluate(() => window.scrollTo(0, 0));
    await article.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await link.click();
    await expect.poll(() => article.evaluate(() => document.activeElement?.id), POLL).toBe('current-debate');

    await article.setViewportSize({ width: 390, height: 844 });
    // To the top at once (asked again until it holds: the smooth scroll of the link, or a live part
    // of the page growing meanwhile, may still move it).
    await expect
      .poll(
        () =>
          article.evaluate(() => {
            window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
            return window.scrollY;
          }),
        POLL,
      )
      .toBe(0);
    expect(await scrollsSideways(article)).toBeNull();
    await article.screenshot({ path: `${SCREENSHOT_DIR}/front-page-article-top-390.png` });

    await home.context().close();
    await article.context().close();
    debate.host.socket.close();
    for (const d of debate.debaters) d.socket.close();
  });
});
