/**
 * The bell (issue 15) in Chromium: a reply made in another page shows in the count without a
 * reload, the panel lists it and links to it, "Mark all read" clears the count in a second tab of
 * the same user; axe finds nothing serious and nothing scrolls sideways at 390 px with it open.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scrollsSideways, seriousAxeViolations } from '../helpers/axe.js';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import { signedInPage } from '../helpers/pages.js';
import type { TestServer } from '../helpers/server.js';

const ARTICLE = '/a/pakistan-afghanistan-peace-talks';
const WAIT = { timeout: 15_000 };

const bellName = (page: Page) => page.getByTestId('bell').getAttribute('aria-label');

describe.skipIf(skipBrowserTests)('browser: notifications', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });

  it('counts a reply live, lists and links it, and a read clears the count in another tab', async () => {
    const alice = await signedInPage(browser, t.url, 'reader', 'parley-reader', ARTICLE);
    const bob = await signedInPage(browser, t.url, 'moderator', 'parley-moderator', ARTICLE);
    // A second tab of the same reader (same browser profile: the same session).
    const aliceTab2 = await alice.context().newPage();
    await aliceTab2.goto(`${t.url}/`);
    await alice.getByLabel('Write a comment').waitFor();
    await bob.getByLabel('Write a comment').waitFor();
    await expect.poll(() => bellName(alice), WAIT).toBe('Notifications, none unread');
    await expect.poll(() => bellName(aliceTab2), WAIT).toBe('Notifications, none unread');

    const mine = 'Both governments should publish what they agreed.';
    await alice.getByLabel('Write a comment').fill(mine);
    await alice.getByRole('button', { name: 'Post comment' }).click();
    await alice.getByText(mine).waitFor();

    await bob.getByRole('button', { name: /^1 new comment/ }).click();
    const bobsCopy = bob.getByTestId('comment').filter({ hasText: mine });
    await bobsCopy.getByRole('button', { name: 'Reply' }).first().click();
    const reply = 'They did, in part: see the joint statement.';
    await bob.getByLabel('Write a reply').fill(reply);
    await bob.getByRole('button', { name: 'Post reply' }).click();

    // No reload: both of Alice's tabs count it.
    await expect.poll(() => bellName(alice), WAIT).toBe('Notifications, 1 unread');
    await expect.poll(() => bellName(aliceTab2), WAIT).toBe('Notifications, 1 unread');
    expect(await alice.getByTestId('bell-count').textContent()).toBe('1');

    // The panel lists it, with a link to the reply on the article page.
    await alice.getByTestId('bell').click();
    const item = alice.getByTestId('notification').first();
    await item.waitFor();
    expect(await item.textContent()).toContain('moderator replied to your comment');
    expect(await item.textContent()).toContain(reply);
    const link = item.getByRole('link', { name: 'moderator replied to your comment' });
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`^${ARTICLE}#comment-[A-Za-z0-9_-]+$`));
    expect(await seriousAxeViolations(alice)).toEqual([]);
    await alice.screenshot({ path: `${SCREENSHOT_DIR}/notifications-panel-1100.png` });

    // Escape closes it and gives focus back to the bell.
    await alice.keyboard.press('Escape');
    await expect.poll(() => alice.getByRole('region', { name: 'Notifications' }).isVisible(), WAIT).toBe(false);
    expect(await alice.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('bell');

    // Keyboard: Enter opens it again; "Mark all read" clears the count here and in the other tab.
    await alice.keyboard.press('Enter');
    await alice.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => bellName(alice), WAIT).toBe('Notifications, none unread');
    await expect.poll(() => bellName(aliceTab2), WAIT).toBe('Notifications, none unread');
    expect(await aliceTab2.getByTestId('bell-count').count()).toBe(0);

    // The link leads to the reply: a fresh page opens at it, outlined and focused.
    const opened = await alice.context().newPage();
    await opened.goto(`${t.url}${href}`);
    const target = opened.locator('[data-notified-target]');
    await target.waitFor(WAIT);
    expect(await target.textContent()).toContain(reply);
    expect(await opened.evaluate(() => document.activeElement?.hasAttribute('data-notified-target'))).toBe(true);
    await opened.screenshot({ path: `${SCREENSHOT_DIR}/notifications-link-target.png` });

    // 390 px phone, panel open: nothing serious for axe, nothing sideways.
    const phone = await alice.context().newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${t.url}${ARTICLE}`);
    await phone.getByTestId('bell').click();
    await phone.getByTestId('notification').first().waitFor();
    expect(await scrollsSideways(phone)).toBeNull();
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await phone.screenshot({ path: `${SCREENSHOT_DIR}/notifications-panel-390.png` });

    // The settings page the panel links to.
    await phone.getByRole('link', { name: 'Notification settings' }).click();
    await phone.getByRole('checkbox', { name: /Replies to my comments/ }).waitFor();
    expect(await scrollsSideways(phone)).toBeNull();
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await phone.screenshot({ path: `${SCREENSHOT_DIR}/notifications-settings-390.png` });

    await alice.context().close();
    await bob.context().close();
  }, 90_000);
});
