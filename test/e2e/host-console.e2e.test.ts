/**
 * The host console in Chromium: a phase of a few seconds runs out and every page shows "Overtime"
 * counting up (and says so to screen readers); opening the post-vote before the last phase asks
 * for a confirmation that names the phases lost, in a modal dialog that Escape cancels.
 * Skip shows as "skipped" on the audience's plan. Screenshots go to SCREENSHOT_DIR.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import { demoDebate, openDebatePanel } from '../helpers/demo-debate.js';
import { signedInPage } from '../helpers/pages.js';
import type { TestServer } from '../helpers/server.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const ARTICLE = `/a/${SLUG}`;

const text = (page: Page, testId: string) => page.getByTestId(testId).first().textContent();

/** The demo host's debate on the demo article: a 3-second first phase (not auto-advancing), then two longer ones. */
async function shortDebate(t: TestServer): Promise<string> {
  const plan = [
    { kind: 'free', title: 'Lightning round', positionId: null, durationSeconds: 3 },
    { kind: 'free', title: 'Open floor', positionId: null, durationSeconds: 600 },
    { kind: 'closing', title: 'Last words', positionId: null, durationSeconds: 60 },
  ];
  return (await demoDebate(t.url, { session: { template: 'free-form', plan } })).debateId;
}

describe.skipIf(skipBrowserTests)('browser: the host console', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });

  it('shows everyone the overtime at 0:00, and asks before opening the post-vote early', async () => {
    await shortDebate(t);
    const host = await signedInPage(browser, t.url, 'host', 'parley-host', ARTICLE);
    const reader = await signedInPage(browser, t.url, 'reader', 'parley-reader', ARTICLE);
    await openDebatePanel(host);
    await openDebatePanel(reader);
    const console = host.getByTestId('host-console');
    await console.waitFor();
    // Grouped by the part of the debate; only what applies is enabled.
    for (const group of ['Before', 'During the phase', 'Between phases', 'Votes & results'])
      await console.getByRole('group', { name: group }).waitFor();
    expect(await host.getByRole('button', { name: 'Next phase' }).getAttribute('aria-disabled')).toBe('true');
    await host.getByTestId('debate-panel').screenshot({ path: `${SCREENSHOT_DIR}/host-console-before.png` });

    // Before the start the plan stays editable: a title, a length, the pre-vote policy.
    await console.getByText('Edit the plan').click();
    await console.getByLabel('Phase 2 title').fill('Open floor for all');
    await console.getByLabel('Phase 2 minutes').fill('5');
    await console.getByLabel('The pre-vote closes').selectOption('after-openings');
    await console.screenshot({ path: `${SCREENSHOT_DIR}/host-console-plan-editor.png` });
    await console.getByRole('button', { name: 'Save the plan' }).click();
    await reader.locator('.debate-plan').getByText('Open floor for all').waitFor();
    await expect(reader.locator('.debate-plan').textContent()).resolves.toContain('5 min');

    await host.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => text(reader, 'debate-phase'), { timeout: 10_000 }).toBe('Lightning round');
    expect(await reader.getByTestId('debate-overtime').count()).toBe(0);

    // At 0:00 the phase does not sit: both pages say "Overtime" and count up.
    for (const page of [reader, host]) {
      await page.getByTestId('debate-overtime').waitFor({ timeout: 15_000 });
      await expect.poll(() => text(page, 'debate-countdown'), { timeout: 10_000 }).toMatch(/^\+0:0[2-9]$/);
      await expect(text(page, 'debate-announcer')).resolves.toBe('Time is up: this phase is in overtime.');
      await expect(page.getByRole('timer', { name: 'Overtime in this phase' }).count()).resolves.toBe(1);
    }
    await reader.getByTestId('debate-panel').screenshot({ path: `${SCREENSHOT_DIR}/overtime-audience.png` });
    await host.getByTestId('debate-panel').screenshot({ path: `${SCREENSHOT_DIR}/overtime-host.png` });

    // Skip is not Next: the audience's plan says the phase was skipped.
    await host.getByRole('button', { name: 'Skip (marked skipped)' }).click();
    await expect.poll(() => text(reader, 'debate-phase'), { timeout: 10_000 }).toBe('Open floor for all');
    await expect(reader.locator('.debate-plan__step').first().textContent()).resolves.toContain('skipped');
    expect(await reader.getByTestId('debate-overtime').count()).toBe(0);

    // Opening the post-vote in phase 2 of 3 is out of order: a modal dialog names the consequence.
    const openPostVote = host.getByRole('button', { name: 'Open post-vote' });
    await openPostVote.click();
    const dialog = host.getByRole('dialog', { name: 'Open the post-vote now? Phase 3 will not be held.' });
    await dialog.waitFor();
    // Focus starts inside, on Cancel, and Tab stays inside (the page behind is inert).
    await expect.poll(() => host.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await host.keyboard.press('Tab');
    await expect.poll(() => host.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await host.screenshot({ path: `${SCREENSHOT_DIR}/confirm-post-vote.png` });
    // Escape cancels: nothing was sent.
    await host.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => host.evaluate(() => document.activeElement?.textContent)).toBe('Open post-vote');
    expect(await text(reader, 'debate-phase')).toBe('Open floor for all');

    // Confirmed, it opens the post-vote for the audience.
    await openPostVote.click();
    await host.getByRole('button', { name: 'Open the post-vote now' }).click();
    await reader.getByText('After the debate: where do you stand now?').waitFor();
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
