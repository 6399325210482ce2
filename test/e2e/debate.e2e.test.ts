/**
 * A debate in Chromium with a host page and an audience page: a vote cast on the audience page
 * shows in the host's live tally; the host starts and advances the phases and the audience's phase
 * and countdown follow; after the post-vote and the reveal both pages draw the swing chart; a reader
 * whose vote moved credits a comment, and the report lists it. Comments argue a position and the
 * thread filters by it. Screenshots go to SCREENSHOT_DIR.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import { demoDebate, openDebatePanel } from '../helpers/demo-debate.js';
import { signedInPage } from '../helpers/pages.js';
import type { TestServer } from '../helpers/server.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const ARTICLE = `/a/${SLUG}`;

/** Posts a top-level comment arguing for `position`. */
async function postArguing(page: Page, position: string, text: string): Promise<void> {
  await page.getByLabel('Arguing for').selectOption({ label: position });
  await page.getByLabel('Write a comment').fill(text);
  await page.getByRole('button', { name: 'Post comment' }).click();
  await page.getByTestId('comment').filter({ hasText: text }).waitFor();
}

const text = (page: Page, testId: string) => page.getByTestId(testId).first().textContent();

describe.skipIf(skipBrowserTests)('browser: a hosted debate', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });

  it('carries the audience vote to the host tally, the host’s phases to the audience clock, and ends with the swing', async () => {
    // The roster (a moderator names the demo host) and the Oxford plan (the host sets it up).
    const { debateId } = await demoDebate(t.url, { session: { template: 'oxford' } });

    const host = await signedInPage(browser, t.url, 'host', 'parley-host', ARTICLE);
    const reader = await signedInPage(browser, t.url, 'reader', 'parley-reader', ARTICLE);
    await openDebatePanel(host);
    await openDebatePanel(reader);
    await host.getByTestId('host-console').waitFor();
    expect(await reader.getByTestId('host-console').count()).toBe(0);

    // Comments argue a position; the thread filters by it.
    const hostsComment = 'Islamabad controls the border crossings, so the ceasefire is its to keep.';
    const readersComment = 'Kabul has the leverage over the TTP.';
    await postArguing(host, 'Pakistan', hostsComment);
    await postArguing(reader, 'Afghanistan', readersComment);
    const tagOf = (page: Page, body: string) =>
      page.getByTestId('comment').filter({ hasText: body }).getByTestId('comment-position');
    await expect(tagOf(reader, readersComment).textContent()).resolves.toContain('Afghanistan');
    await reader.getByLabel('Position', { exact: true }).selectOption({ label: 'Pakistan' });
    await expect(tagOf(reader, hostsComment).textContent()).resolves.toContain('Pakistan');
    await expect
      .poll(() => reader.getByTestId('comment').filter({ hasText: readersComment }).count(), { timeout: 10_000 })
      .toBe(0);
    await reader.getByLabel('Position', { exact: true }).selectOption({ label: 'All' });
    await reader.getByTestId('comment').filter({ hasText: readersComment }).waitFor();
    await reader.getByTestId('comment').filter({ hasText: hostsComment }).waitFor();
    await reader.locator('.discussion').screenshot({ path: `${SCREENSHOT_DIR}/debate-thread-positions.png` });

    // Pre-vote: the reader's vote reaches the host's live tally.
    await host.getByRole('button', { name: 'Open pre-vote' }).click();
    // The radio shows the vote the server acknowledged, so click and wait for "Your vote".
    await reader.getByText('Before the debate: where do you stand?').waitFor();
    await reader.getByRole('radio', { name: 'Afghanistan' }).click();
    await expect.poll(() => text(reader, 'my-vote'), { timeout: 10_000 }).toContain('Your vote: Afghanistan');
    const preCount = (name: string) =>
      host.getByTestId(`tally-${name}`).locator('.live-tally__count').first().textContent();
    await expect.poll(() => preCount('Afghanistan'), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => preCount('Pakistan'), { timeout: 10_000 }).toBe('0');
    await host.getByTestId('debate-panel').screenshot({ path: `${SCREENSHOT_DIR}/debate-host-console.png` });

    // The host starts: the audience's phase and countdown follow the server's clock.
    await host.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => text(reader, 'debate-phase'), { timeout: 10_000 }).toBe('Opening statement: Pakistan');
    await expect.poll(() => text(reader, 'debate-countdown'), { timeout: 10_000 }).toMatch(/^(7:00|6:[0-5]\d)$/);
    // It runs down by itself, from the server's end time.
    await expect.poll(() => text(reader, 'debate-countdown'), { timeout: 10_000 }).toMatch(/^6:[0-5]\d$/);
    await reader.getByTestId('debate-panel').screenshot({ path: `${SCREENSHOT_DIR}/debate-audience-panel.png` });
    await host.getByRole('button', { name: 'Next phase' }).click();
    await expect.poll(() => text(reader, 'debate-phase'), { timeout: 10_000 }).toBe('Opening statement: Afghanistan');
    await expect.poll(() => text(reader, 'debate-countdown'), { timeout: 10_000 }).toMatch(/^(7:00|6:[0-5]\d)$/);

    // The speaker queue and the questions: the host gives the floor and picks the question.
    await reader.getByRole('button', { name: 'Raise my hand' }).click();
    await host.getByRole('button', { name: 'Give the floor to reader' }).click();
    await expect.poll(() => text(reader, 'debate-floor'), { timeout: 10_000 }).toContain('Has the floor: reader');
    const question = 'Who should monitor the ceasefire line?';
    await reader.getByLabel('Ask a question').fill(question);
    await reader.getByRole('button', { name: 'Ask', exact: true }).click();
    await host.getByRole('button', { name: `Pick next: ${question}` }).click();
    await reader.getByTestId('questions').getByText('Now answering').waitFor();
    await host.getByTestId('debate-panel').screenshot({ path: `${SCREENSHOT_DIR}/debate-host-live.png` });
    await host.getByRole('button', { name: `Mark answered: ${question}` }).click();
    await reader.getByTestId('questions').getByText('Answered', { exact: true }).waitFor();

    // Post-vote, results, reveal: both pages draw the swing.
    // In phase 2 of 7 this is out of order: the console asks first, naming the phases lost.
    await host.getByRole('button', { name: 'Open post-vote' }).click();
    await host.getByRole('dialog', { name: 'Open the post-vote now? Phases 3–7 will not be held.' }).waitFor();
    await host.getByRole('button', { name: 'Open the post-vote now' }).click();
    await reader.getByText('After the debate: where do you stand now?').waitFor();
    await reader.getByRole('radio', { name: 'Pakistan' }).click();
    await expect.poll(() => text(reader, 'my-vote'), { timeout: 10_000 }).toContain('Your vote: Pakistan');
    await host.getByRole('button', { name: /show results/i }).click();
    await host.getByTestId('swing-chart').waitFor();
    expect(await reader.getByTestId('swing-chart').count()).toBe(0);
    await host.getByRole('button', { name: 'Reveal results' }).click();
    await reader.getByTestId('swing-chart').waitFor();
    await expect(reader.getByTestId('swing-chart').textContent()).resolves.toContain('Winner: Pakistan');
    await reader.getByTestId('swing-chart').screenshot({ path: `${SCREENSHOT_DIR}/debate-swing-chart.png` });
    await host.getByRole('button', { name: 'Close debate' }).waitFor();
    expect(await host.getByRole('button', { name: 'Close debate' }).getAttribute('aria-disabled')).toBe('false');

    // Changed my mind: the reader credits the host's comment; the report ranks it.
    await reader.getByRole('checkbox', { name: new RegExp(hostsComment.slice(0, 30)) }).check();
    await reader.getByRole('button', { name: /Credit 1 comment/ }).click();
    await reader.getByText('Thank you: 1 comment credited.').waitFor();
    await reader.getByTestId('debate-panel').screenshot({ path: `${SCREENSHOT_DIR}/debate-audience-results.png` });
    await reader.getByRole('link', { name: 'Report' }).click();
    await reader.getByRole('heading', { name: 'The plan as it ran' }).waitFor();
    await reader.getByText('credited by 1').waitFor();
    await reader.getByText(question).waitFor();
    await expect(reader.getByRole('link', { name: 'Download Markdown' }).getAttribute('href')).resolves.toBe(
      `/api/debates/${debateId}/export.md`,
    );
    await reader.screenshot({ path: `${SCREENSHOT_DIR}/debate-report.png`, fullPage: true });

    await host.context().close();
    await reader.context().close();
  }, 120_000);
});
