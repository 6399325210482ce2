/**
 * Profiles, staff badges and the moderators' context in Chromium (issue 15): a profile lists a
 * user's visible comments (not a removed one, for a reader); a moderator's comment carries a staff
 * badge; a removal on one desk shows live, named, in the audit log of another; undo from the desk
 * restores it. Axe-clean and no sideways scroll at 390 px on the profile and the desk. Screenshots
 * go to SCREENSHOT_DIR/profiles-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Comment } from '../../shared/types.js';
import { scrollsSideways, seriousAxeViolations } from '../helpers/axe.js';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import { newUser, openReader } from '../helpers/live.js';
import { moderatorSocket, must } from '../helpers/moderation.js';
import { signedInPage } from '../helpers/pages.js';
import { api, signInAs, type TestServer } from '../helpers/server.js';
import { WAIT_MS } from '../helpers/wait.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const PHONE = { width: 390, height: 844 };

async function expectCleanAt(page: Page, name: string): Promise<void> {
  for (const size of [{ width: 1100, height: 1400 }, PHONE]) {
    await page.setViewportSize(size);
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    await expect(scrollsSideways(page)).resolves.toBeNull();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/profiles-${name}-${size.width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1100, height: 1400 });
}

describe.skipIf(skipBrowserTests)('browser: profiles, staff badges and the moderators’ context', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });

  it('lists a user’s visible comments on their profile, and badges a moderator’s comment', async () => {
    const writer = await newUser(t.url, 'Farah Writer');
    const reader = await openReader(t.url, SLUG, writer);
    const mod = await moderatorSocket(t.url);
    const modToken = await signInAs(t.url, 'moderator');
    const me = await api(t.url, '/api/me', { token: modToken });
    const modReader = await openReader(t.url, SLUG, { token: modToken, userId: me.body.user.id });
    try {
      await reader.thread.post('The ceasefire only holds if both sides open the border crossings.');
      const removed = (await reader.thread.post('An insult that a moderator removes after a reply.')).comment;
      await reader.thread.post('A reply that stays under the removed comment.', removed.id);
      const deleted = (await reader.thread.post('A comment its author deletes after a reply.')).comment;
      await reader.thread.post('A reply that stays under the deleted comment.', deleted.id);
      await reader.thread.remove(deleted.id);
      await must(mod.socket, 'mod:action', {
        commentId: removed.id,
        action: 'remove',
        reason: 'abuse',
        expectedVersion: 0,
      });
      await modReader.thread.post('A reminder from the moderators: argue the policy, not the person.');

      const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
      const page = await context.newPage();
      await page.goto(`${t.url}/u/${encodeURIComponent('Farah Writer')}`);
      await page.getByRole('heading', { level: 1, name: 'Farah Writer' }).waitFor();
      const items = page.getByTestId('profile-comment');
      await items.filter({ hasText: 'open the border crossings' }).waitFor();
      await expect(page.getByText('A comment its author deletes').count()).resolves.toBe(0);
      await expect(items.count()).resolves.toBe(3);
      await expect(page.getByText('An insult that a moderator removes').count()).resolves.toBe(0);
      await page.getByText(/^Joined /).waitFor();
      await expectCleanAt(page, 'profile');

      // The moderator's comment on the article carries a staff badge; its name leads to the profile.
      await page.goto(`${t.url}/a/${SLUG}`);
      const modComment = page.getByTestId('comment').filter({ hasText: 'argue the policy, not the person' });
      await modComment.waitFor();
      await expect(modComment.getByTestId('staff-badge').innerText()).resolves.toMatch(/moderator/i);
      const readerComment = page.getByTestId('comment').filter({ hasText: 'open the border crossings' });
      await expect(readerComment.getByTestId('staff-badge').count()).resolves.toBe(0);
      // Placeholders of a removed and a deleted comment name nobody and start with no stray separator.
      for (const status of ['removed', 'deleted']) {
        const placeholder = page.locator(`[data-testid="comment"][data-status="${status}"]`);
        await placeholder.waitFor();
        const meta = (await placeholder.locator('.comment__meta').innerText()).trim();
        expect(meta.startsWith('·')).toBe(false);
        expect(meta).not.toContain('Farah Writer');
      }
      await modComment.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/profiles-staff-badge.png` });
      await modComment.getByRole('link', { name: 'moderator' }).click();
      await page.getByRole('heading', { level: 1, name: 'moderator' }).waitFor();
      await page.getByTestId('profile-badge').filter({ hasText: 'Moderator' }).waitFor();
      await context.close();

      // Muted and banned at once: one sanction notice, the ban first, the mute mentioned in it.
      for (const [kind, minutes] of [
        ['mute', 30],
        ['ban', undefined],
      ] as const)
        await must(mod.socket, 'mod:sanction', {
          userId: writer.userId,
          kind,
          reason: `${kind} for the test`,
          ...(minutes ? { minutes } : {}),
        });
      const own = await signedInPage(browser, t.url, 'Farah Writer', 'password-for-tests', `/a/${SLUG}`);
      const notice = own.getByTestId('standing-block');
      await notice.getByText(/You are banned from commenting with no end date/).waitFor();
      await expect(notice.count()).resolves.toBe(1);
      await expect(notice.innerText()).resolves.toMatch(/Also muted until/);
      await notice.scrollIntoViewIfNeeded();
      await own.screenshot({ path: `${SCREENSHOT_DIR}/profiles-one-sanction-notice.png` });
      await own.context().close();
    } finally {
      reader.close();
      modReader.close();
      mod.socket.close();
    }
  });

  it('shows a removal from another desk live in the audit log, named, and undoes it from the desk', async () => {
    const author = await newUser(t.url, 'Omar Audited');
    const reader = await openReader(t.url, SLUG, author);
    const text = 'Trade through Torkham fell by half this year, says the chamber of commerce.';
    let comment: Comment;
    try {
      comment = (await reader.thread.post(text)).comment;
    } finally {
      reader.close();
    }

    const watching = await signedInPage(browser, t.url, 'moderator', 'parley-moderator', '/moderate?tab=audit');
    const acting = await signedInPage(browser, t.url, 'admin', 'parley-admin', '/moderate?tab=new');
    await watching.getByText('Live', { exact: true }).waitFor();
    await acting.getByText('Live', { exact: true }).waitFor();

    const item = acting.getByTestId('desk-item').filter({ hasText: 'Trade through Torkham' });
    await item.getByRole('button', { name: 'Remove' }).click();
    await item.getByLabel('Reason').selectOption('Off topic');
    await item.getByRole('button', { name: 'Remove comment' }).click();

    // The other desk did not reload: its audit log names the comment, the author and the article.
    const row = watching.getByRole('row').filter({ hasText: 'Trade through Torkham' });
    await row.waitFor({ timeout: WAIT_MS });
    await expect(row.innerText()).resolves.toMatch(/removed/);
    await expect(row.getByRole('link', { name: 'Omar Audited' }).count()).resolves.toBe(1);
    await expect(row.getByRole('link', { name: /Pakistan/ }).count()).resolves.toBeGreaterThan(0);
    await expectCleanAt(watching, 'audit-live');

    // Undo from the acting desk: the comment is visible again, and the undo is its own entry.
    const undoBar = acting.getByTestId('undo-bar');
    await undoBar.getByText(/You removed/).waitFor();
    await acting.screenshot({ path: `${SCREENSHOT_DIR}/profiles-undo-offered.png` });
    await undoBar.getByRole('button', { name: 'Undo' }).click();
    await undoBar.getByText(/Undone/).waitFor();
    await expect
      .poll(
        async () => {
          const page = await api(t.url, `/api/articles/${SLUG}/comments?sort=new&limit=50`);
          return (page.body.items as Comment[]).find((c) => c.id === comment.id)?.status;
        },
        { timeout: WAIT_MS },
      )
      .toBe('visible');
    await watching.getByRole('row').filter({ hasText: /undid/ }).first().waitFor({ timeout: WAIT_MS });
    await expectCleanAt(acting, 'desk-after-undo');

    // The ban form sets no trap: no length is pre-filled, and permanent or timed is an explicit choice.
    const restored = acting.getByTestId('desk-item').filter({ hasText: 'Trade through Torkham' });
    // The item no longer says "Comment removed." once the undo restored it.
    await expect.poll(() => restored.getByText('Comment removed.').count(), { timeout: WAIT_MS }).toBe(0);
    await restored.getByRole('button', { name: 'Sanction author' }).click();
    await restored.getByLabel('Ban').check();
    await expect(restored.getByLabel('Length in minutes').count()).resolves.toBe(0);
    await expect(restored.getByLabel('Permanent').isChecked()).resolves.toBe(false);
    await expect(restored.getByLabel('For a set time').isChecked()).resolves.toBe(false);
    await restored.getByLabel(/Reason \(shown to the user\)/).fill('Spam links');
    await restored.getByRole('button', { name: 'Ban Omar Audited' }).click();
    await restored.getByText('Choose a permanent ban or a length.', { exact: true }).waitFor();
    await restored.getByLabel('For a set time').check();
    await expect(restored.getByLabel('Length in minutes').inputValue()).resolves.toBe('');
    await restored.scrollIntoViewIfNeeded();
    await acting.screenshot({ path: `${SCREENSHOT_DIR}/profiles-ban-form.png` });
    await watching.context().close();
    await acting.context().close();
  });

  it('shows a debater’s public stances, and a moderator the removed comments marked', async () => {
    const user = await newUser(t.url, 'Zainab Debater');
    const store = t.parley.deps.store;
    const article = (await store.getArticleBySlug(SLUG))!;
    await store.createDebate({
      articleId: article.id,
      hostId: user.userId,
      motion: 'Trade should reopen before the talks end',
      positions: [
        { id: 'reopen', name: 'Reopen now', debaterIds: [user.userId] },
        { id: 'wait', name: 'Wait for a deal', debaterIds: [] },
      ],
    });
    const reader = await openReader(t.url, SLUG, user);
    const mod = await moderatorSocket(t.url);
    try {
      await reader.thread.post('Every week of closure costs the border towns their harvest.', null, 'reopen');
      const gone = (await reader.thread.post('A remark that crossed the line.')).comment;
      await must(mod.socket, 'mod:action', {
        commentId: gone.id,
        action: 'remove',
        reason: 'abuse',
        expectedVersion: 0,
      });
    } finally {
      reader.close();
      mod.socket.close();
    }
    const page = await signedInPage(browser, t.url, 'moderator', 'parley-moderator', '/u/Zainab%20Debater');
    await page.getByRole('heading', { level: 1, name: 'Zainab Debater' }).waitFor();
    await page.getByTestId('profile-badge').filter({ hasText: 'Debater' }).waitFor();
    await page.getByTestId('profile-badge').filter({ hasText: 'Debate host' }).waitFor();
    await page.getByTestId('profile-stance').filter({ hasText: 'Argued for Reopen now' }).waitFor();
    const removed = page.getByTestId('profile-comment').filter({ hasText: 'crossed the line' });
    await removed.getByText('Removed by a moderator').waitFor();
    await expect(removed.getAttribute('data-status')).resolves.toBe('removed');
    await expectCleanAt(page, 'profile-moderator-view');
    await page.context().close();
  });
});
