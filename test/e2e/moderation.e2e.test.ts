/**
 * Live moderation in Chromium: a moderator removes a reader's comment with the inline button, and it
 * vanishes from another reader's page without reload; its author sees it marked as removed; the
 * moderation desk shows it in the Removed queue. Screenshots go to SCREENSHOT_DIR.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import { signedInPage } from '../helpers/pages.js';
import { api, type TestServer } from '../helpers/server.js';

const ARTICLE = '/a/pakistan-afghanistan-peace-talks';

/** Shows a comment that arrived live behind "N new comments", then waits for its text. */
async function reveal(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: /new comment/ }).click();
  await page.getByTestId('comment').filter({ hasText: text }).waitFor();
}

describe.skipIf(skipBrowserTests)('browser: live moderation', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });

  it('removes a comment inline: it vanishes from a reader’s page, its author sees why, the desk lists it', async () => {
    const registered = await api(t.url, '/api/auth/register', {
      body: { name: 'second-reader', password: 'parley-second-reader' },
    });
    expect(registered.status).toBe(201);
    const author = await signedInPage(browser, t.url, 'reader', 'parley-reader', ARTICLE);
    const other = await signedInPage(browser, t.url, 'second-reader', 'parley-second-reader', ARTICLE);
    const moderator = await signedInPage(browser, t.url, 'moderator', 'parley-moderator', ARTICLE);
    for (const page of [author, other, moderator]) await page.getByLabel('Write a comment').waitFor();

    const text = 'Both governments keep blaming each other while the border towns pay the price.';
    await author.getByLabel('Write a comment').fill(text);
    await author.getByRole('button', { name: 'Post comment' }).click();
    await author.getByTestId('comment').filter({ hasText: text }).waitFor();
    await reveal(other, text);
    await reveal(moderator, text);

    const othersCopy = other.getByTestId('comment').filter({ hasText: text });
    await expect(othersCopy.getByRole('button', { name: 'Report' }).count()).resolves.toBe(1);
    await othersCopy.scrollIntoViewIfNeeded();
    await other.screenshot({ path: `${SCREENSHOT_DIR}/moderation-reader-before.png` });

    // The moderator removes it with a reason from the inline tools.
    const modsCopy = moderator.getByTestId('comment').filter({ hasText: text });
    await modsCopy.getByRole('button', { name: 'Remove' }).click();
    await moderator.getByLabel('Reason').selectOption('Off topic');
    await moderator.getByLabel(/Details/).fill('not about the talks');
    await modsCopy.scrollIntoViewIfNeeded();
    await moderator.screenshot({ path: `${SCREENSHOT_DIR}/moderation-moderator-remove-form.png` });
    await moderator.getByRole('button', { name: 'Remove comment' }).click();

    // The other reader did not reload: the comment and its text are gone within 5 s.
    const started = Date.now();
    await expect.poll(() => other.getByText(text).count(), { timeout: 5000, interval: 50 }).toBe(0);
    const vanishedMs = Date.now() - started;
    expect(await other.locator('body').innerText()).not.toContain(text);
    await expect(other.locator('[data-status="removed"]').count()).resolves.toBe(0);
    await other.getByRole('heading', { name: 'Discussion' }).scrollIntoViewIfNeeded();
    await other.screenshot({ path: `${SCREENSHOT_DIR}/moderation-reader-after.png` });

    // Its author still sees their words, marked as seen by nobody else.
    const authorsCopy = author.getByTestId('comment').filter({ hasText: text });
    await authorsCopy.getByText('Only you and the moderators can see this').waitFor({ timeout: 5000 });
    await authorsCopy.scrollIntoViewIfNeeded();
    await author.screenshot({ path: `${SCREENSHOT_DIR}/moderation-author-after.png` });

    // The moderator's thread shows the removal and offers Restore.
    await modsCopy.getByText('Removed by a moderator').waitFor();
    await modsCopy.getByRole('button', { name: 'Restore' }).waitFor();
    await moderator.screenshot({ path: `${SCREENSHOT_DIR}/moderation-moderator-thread.png` });

    // The desk lists it under Removed, with the reason.
    await moderator.goto(`${t.url}/moderate?tab=removed`);
    const deskItem = moderator.getByTestId('desk-item').filter({ hasText: text });
    await deskItem.waitFor();
    await deskItem.getByText('Removed — Off topic: not about the talks').waitFor();
    await expect(moderator.getByRole('tab', { name: /Removed/ }).getAttribute('aria-selected')).resolves.toBe('true');
    await deskItem.getByRole('button', { name: 'Context' }).click();
    await deskItem.getByText('History of this comment').waitFor();
    await deskItem.getByText(/moderator removed a comment/).waitFor();
    await moderator.screenshot({ path: `${SCREENSHOT_DIR}/moderation-desk-removed.png`, fullPage: true });
    expect(vanishedMs).toBeLessThan(5000);

    for (const page of [author, other, moderator]) await page.context().close();
  }, 90_000);

  it('works a queue live from the keyboard, marks another moderator’s action, and reaches the sanctioned reader', async () => {
    const author = await signedInPage(browser, t.url, 'reader', 'parley-reader', ARTICLE);
    const reporter = await signedInPage(browser, t.url, 'second-reader', 'parley-second-reader', ARTICLE);
    const moderator = await signedInPage(browser, t.url, 'moderator', 'parley-moderator', '/moderate?tab=reported');
    const admin = await signedInPage(browser, t.url, 'admin', 'parley-admin', '/moderate?tab=reported');
    for (const desk of [moderator, admin]) await desk.getByText('Live', { exact: true }).waitFor();
    await author.getByLabel('Write a comment').waitFor();

    const text = 'Spam spam spam: buy cheap visas at my shop.';
    await author.getByLabel('Write a comment').fill(text);
    await author.getByRole('button', { name: 'Post comment' }).click();
    await reveal(reporter, text);
    const reportersCopy = reporter.getByTestId('comment').filter({ hasText: text });
    await reportersCopy.getByRole('button', { name: 'Report' }).click();
    await reportersCopy.getByLabel('Spam').check();
    await reportersCopy.getByRole('button', { name: 'Send report' }).click();
    await reportersCopy.getByText(/Reported — thank you/).waitFor();

    // Both desks show the report live, without reload.
    const modsItem = moderator.getByTestId('desk-item').filter({ hasText: text });
    const adminsItem = admin.getByTestId('desk-item').filter({ hasText: text });
    await modsItem.getByText('Reported 1 time').waitFor({ timeout: 5000 });
    await adminsItem.waitFor({ timeout: 5000 });
    await expect.poll(() => moderator.getByRole('tab', { name: /Reported/ }).textContent()).toMatch(/1/);

    // j focuses the first item, h holds it: it moves from Reported to Pending.
    await moderator.keyboard.press('j');
    await expect(modsItem.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await moderator.keyboard.press('h');
    await adminsItem.getByText('Handled by moderator (held)').waitFor({ timeout: 5000 });
    await admin.screenshot({ path: `${SCREENSHOT_DIR}/moderation-desk-handled.png` });
    await expect.poll(() => modsItem.count(), { timeout: 5000 }).toBe(0);
    await expect.poll(() => adminsItem.count(), { timeout: 10_000 }).toBe(0);

    // The author's own page shows the hold; the reporter's page no longer has it.
    const authorsCopy = author.getByTestId('comment').filter({ hasText: text });
    await authorsCopy
      .getByText('Only you and the moderators can see this: awaiting moderation')
      .waitFor({ timeout: 5000 });
    await expect.poll(() => reporter.getByText(text).count(), { timeout: 5000 }).toBe(0);

    // On Pending, r opens the reason box with focus in it.
    await moderator.getByRole('tab', { name: /Pending/ }).click();
    await modsItem.waitFor();
    await modsItem.focus();
    await moderator.keyboard.press('r');
    await expect(moderator.getByLabel('Reason').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await moderator.keyboard.press('Escape');

    // A mute reaches the author's page at once and disables the composer.
    await modsItem.getByRole('button', { name: 'Sanction author' }).click();
    await modsItem.getByLabel('Mute').check();
    await modsItem.getByLabel('Length in minutes').fill('30');
    await modsItem.getByLabel(/Reason \(shown to the user\)/).fill('Advertising in the comments');
    await modsItem.getByRole('button', { name: 'Mute reader' }).click();
    await modsItem.getByText(/Mute given to reader until/).waitFor();
    await author
      .getByTestId('standing-block')
      .getByText(/You are muted until/)
      .waitFor({ timeout: 5000 });
    await expect(author.getByLabel('Write a comment').isDisabled()).resolves.toBe(true);
    await author.getByTestId('standing-block').scrollIntoViewIfNeeded();
    await author.screenshot({ path: `${SCREENSHOT_DIR}/moderation-author-muted.png` });
    await moderator.screenshot({ path: `${SCREENSHOT_DIR}/moderation-desk-pending.png`, fullPage: true });

    // Closing comments in the settings reaches open pages.
    await moderator.getByRole('tab', { name: 'Article settings' }).click();
    await moderator.getByLabel('Comments open').uncheck();
    await moderator.getByRole('button', { name: 'Save settings' }).click();
    await moderator.getByText(/Settings saved/).waitFor();
    await reporter.getByText(/Comments are closed/).waitFor({ timeout: 5000 });
    await expect(reporter.getByLabel('Write a comment').count()).resolves.toBe(0);
    await moderator.screenshot({ path: `${SCREENSHOT_DIR}/moderation-desk-settings.png`, fullPage: true });

    await moderator.getByRole('tab', { name: 'Audit log' }).click();
    await moderator.getByRole('cell', { name: 'changed the article settings' }).waitFor();
    await moderator.screenshot({ path: `${SCREENSHOT_DIR}/moderation-desk-audit.png`, fullPage: true });
    for (const page of [author, reporter, moderator, admin]) await page.context().close();
  }, 120_000);

  it('shows the desk only to moderators', async () => {
    const reader = await signedInPage(browser, t.url, 'reader', 'parley-reader', '/moderate');
    await reader.getByRole('heading', { name: 'Moderators only' }).waitFor();
    await expect(reader.getByRole('link', { name: 'Moderate' }).count()).resolves.toBe(0);
    await reader.context().close();
  }, 30_000);
});
