/**
 * Comment text and the composer in Chromium: Markdown that renders safely (hostile input stays
 * inert, a 5,000-character link never widens a phone's page), Write / Preview tabs, focus after
 * posting, Escape on a reply box, quote-reply, the delete confirmation as a real modal dialog, and
 * live arrivals announced in one polite status. Screenshots go to SCREENSHOT_DIR (comment-text-*).
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scrollsSideways, seriousAxeViolations } from '../helpers/axe.js';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import { signedInPage } from '../helpers/pages.js';
import type { TestServer } from '../helpers/server.js';

const ARTICLE = '/a/pakistan-afghanistan-peace-talks';
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1100, height: 1400 };

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** Posts a top-level comment from the main composer and waits for it on the page. */
async function post(page: Page, body: string, marker: string): Promise<Locator> {
  await page.getByLabel('Write a comment').fill(body);
  await page.getByRole('button', { name: 'Post comment' }).click();
  const comment = page.getByTestId('comment').filter({ hasText: marker });
  await comment.waitFor({ timeout: 15_000 });
  return comment;
}

describe.skipIf(skipBrowserTests)('browser: comment text and the composer', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });

  it('renders a safe Markdown subset, previews it, and keeps focus where the reader is', async () => {
    const page = await signedInPage(browser, t.url, 'reader', 'parley-reader', ARTICLE);
    const alerts: string[] = [];
    page.on('dialog', (dialog) => {
      alerts.push(dialog.message());
      void dialog.dismiss();
    });
    const box = page.getByLabel('Write a comment');
    await box.waitFor();

    // Preview shows the rendering before posting; the tabs are real tabs, arrow keys included.
    const realLink = `${t.url}/`;
    const formatted = `**Both sides** share the *blame* here.\n\n> The ceasefire holds only if both act.\n\n- border crossings\n- \`trade\` routes\n\nSee [the full report](${realLink}).`;
    await box.fill(formatted);
    const preview = page.getByRole('tab', { name: 'Preview' }).first();
    await preview.click();
    await expect(preview.getAttribute('aria-selected')).resolves.toBe('true');
    const panel = page.getByTestId('composer-preview').first();
    await panel.locator('strong', { hasText: 'Both sides' }).waitFor();
    await expect(panel.locator('blockquote').textContent()).resolves.toContain('The ceasefire holds');
    await expect(panel.getAttribute('role')).resolves.toBe('tabpanel');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/comment-text-preview.png` });
    await page.setViewportSize(PHONE);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/comment-text-preview-phone.png` });
    await page.setViewportSize(WIDE);
    await preview.press('ArrowLeft');
    const write = page.getByRole('tab', { name: 'Write' }).first();
    await expect(write.getAttribute('aria-selected')).resolves.toBe('true');
    await expect(isFocused(write)).resolves.toBe(true);

    // After posting, focus is back in the composer, not on the page body.
    await page.getByRole('button', { name: 'Post comment' }).click();
    const nice = page.getByTestId('comment').filter({ hasText: 'Both sides' });
    await nice.waitFor();
    await expect.poll(() => isFocused(box), { timeout: 10_000 }).toBe(true);
    await expect(nice.locator('.comment__body strong').textContent()).resolves.toBe('Both sides');

    // A real link opens in a new tab with the rel attributes, and the new tab has no handle on us.
    const link = nice.getByRole('link', { name: 'the full report' });
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toBe('nofollow ugc noopener');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await tab.waitForLoadState('domcontentloaded');
    await expect(tab.evaluate(() => window.opener)).resolves.toBeNull();
    await tab.close();

    // Hostile text: inert and readable.
    const longUrl = `https://example.com/${'a'.repeat(4980)}`;
    const hostile = `[x](javascript:alert(1)) <img src=x onerror=alert(1)> <script>alert(1)</script>\n\n${longUrl}\n\n\`${'b'.repeat(300)}\``;
    const bad = await post(page, hostile, '[x](javascript:alert(1))');
    await expect(bad.textContent()).resolves.toContain('<img src=x onerror=alert(1)>');
    await expect(page.locator('[href^="javascript:" i], [src^="javascript:" i]').count()).resolves.toBe(0);
    await expect(bad.locator('img, script').count()).resolves.toBe(0);
    await expect(bad.locator('.comment__body').getByRole('link').getAttribute('href')).resolves.toBe(longUrl);
    expect(alerts).toEqual([]);

    await page.setViewportSize(PHONE);
    await bad.scrollIntoViewIfNeeded();
    await expect(scrollsSideways(page)).resolves.toBeNull();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/comment-text-thread-phone.png` });
    await nice.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/comment-text-formatted-phone.png` });
    await page.setViewportSize(WIDE);
    await nice.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/comment-text-thread.png` });

    // Escape closes a reply box (what was typed is kept) and focus goes back to its Reply button.
    const reply = nice.getByRole('button', { name: 'Reply', exact: true });
    await reply.click();
    const replyBox = page.getByLabel('Write a reply');
    await expect.poll(() => isFocused(replyBox)).toBe(true);
    await replyBox.fill('a draft');
    await page.keyboard.press('Escape');
    await expect.poll(() => replyBox.count()).toBe(0);
    await expect.poll(() => isFocused(reply)).toBe(true);
    await reply.click();
    await expect(replyBox.inputValue()).resolves.toBe('a draft');
    await replyBox.fill('');
    await page.getByRole('tab', { name: 'Preview' }).nth(1).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => replyBox.count()).toBe(0);
    await expect.poll(() => isFocused(reply)).toBe(true);

    // Quote-reply: the whole comment when nothing is selected, the selection when there is one.
    const quote = nice.getByRole('button', { name: 'Quote', exact: true });
    await quote.click();
    const quoted = await replyBox.inputValue();
    expect(quoted.startsWith('> **Both sides** share the *blame* here.\n>\n> > The ceasefire')).toBe(true);
    expect(quoted.endsWith('\n\n')).toBe(true);
    await expect(replyBox.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).resolves.toBe(quoted.length);
    await page.keyboard.press('Escape');
    await replyBox.waitFor({ state: 'detached' });
    await reply.click();
    await replyBox.fill('');
    await page.keyboard.press('Escape');
    await nice.locator('.comment__body blockquote').evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    });
    await quote.click();
    await expect(replyBox.inputValue()).resolves.toBe('> The ceasefire holds only if both act.\n\n');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/comment-text-quote-reply.png` });
    await replyBox.press('End');
    await page.keyboard.type('Agreed, and the talks should say so.');
    await page.getByRole('button', { name: 'Post reply' }).click();
    // After a reply, focus is on the new reply.
    const mine = page.getByTestId('comment').filter({ hasText: 'Agreed, and the talks' });
    await mine.waitFor();
    await expect.poll(() => isFocused(mine)).toBe(true);
    await expect(mine.locator('blockquote').textContent()).resolves.toContain('The ceasefire holds');

    // Deleting asks in a real modal dialog: Escape cancels (focus back on Delete), confirming deletes.
    await bad.scrollIntoViewIfNeeded();
    const del = bad.getByRole('button', { name: 'Delete' });
    await del.click();
    const dialog = page.getByRole('dialog', { name: 'Delete your comment?' });
    await dialog.waitFor();
    await expect(dialog.evaluate((el) => (el as HTMLDialogElement).open && el.matches(':modal'))).resolves.toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/comment-text-delete-dialog.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => isFocused(del)).toBe(true);
    await del.click();
    await dialog.getByRole('button', { name: 'Delete comment' }).click();
    await expect.poll(() => bad.count(), { timeout: 10_000 }).toBe(0);
    // Focus stays in the thread, never on the page body.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[data-comment-id]') !== null))
      .toBe(true);

    expect(alerts).toEqual([]);
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    await page.context().close();
  }, 120_000);

  it('announces live arrivals politely in one status without moving focus', async () => {
    const reader = await signedInPage(browser, t.url, 'reader', 'parley-reader', ARTICLE);
    const moderator = await signedInPage(browser, t.url, 'moderator', 'parley-moderator', ARTICLE);
    await reader.getByLabel('Write a comment').waitFor();
    await moderator.getByLabel('Write a comment').waitFor();
    await expect.poll(() => moderator.getByTestId('readers').textContent(), { timeout: 15_000 }).toMatch(/2/);

    const status = reader.getByTestId('new-arrivals');
    await expect(status.getAttribute('role')).resolves.toBe('status');
    await expect(status.getAttribute('aria-live')).resolves.toBe('polite');
    const sort = reader.getByLabel('Sort by');
    await sort.focus();

    await post(moderator, 'Islamabad and Kabul *both* need the border open for trade.', 'Islamabad and Kabul');
    await expect
      .poll(() => status.textContent(), { timeout: 15_000 })
      .toBe('New comment from moderator: “Islamabad and Kabul both need the…”');
    await expect(isFocused(sort)).resolves.toBe(true);
    await expect(reader.getByTestId('comment').locator('[aria-live]').count()).resolves.toBe(0);

    await post(moderator, 'First of two.', 'First of two.');
    await post(moderator, 'Second of two.', 'Second of two.');
    // Close together they are counted; on a slow machine the second may come on its own.
    await expect
      .poll(() => status.textContent(), { timeout: 15_000 })
      .toMatch(/^(2 new comments|New comment from moderator: “Second of two\.”)$/);

    await reader.getByRole('button', { name: /new comment/ }).click();
    await expect(seriousAxeViolations(reader)).resolves.toEqual([]);
    await reader.context().close();
    await moderator.context().close();
  }, 90_000);
});
