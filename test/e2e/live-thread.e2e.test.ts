/** Two readers in Chromium: a comment typed in one appears in the other without reload; a vote changes the score on both. */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import { signedInPage } from '../helpers/pages.js';
import type { TestServer } from '../helpers/server.js';

const ARTICLE = '/a/pakistan-afghanistan-peace-talks';

describe.skipIf(skipBrowserTests)('browser: live thread', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });

  it('shows a comment from one page on the other at once, and a vote on both', async () => {
    const alice = await signedInPage(browser, t.url, 'reader', 'parley-reader', ARTICLE);
    const bob = await signedInPage(browser, t.url, 'moderator', 'parley-moderator', ARTICLE);
    await alice.getByLabel('Write a comment').waitFor();
    await bob.getByLabel('Write a comment').waitFor();
    // Bob's page may have joined before Alice's did (a busy machine): the count then arrives with
    // the next presence announcement, so wait for it.
    await expect.poll(() => bob.getByTestId('readers').textContent(), { timeout: 10_000 }).toMatch(/2/);

    const text = 'میرے خیال میں دونوں ممالک کو ذمہ داری لینی چاہیے';
    await alice.getByLabel('Write a comment').fill(text);
    await alice.getByRole('button', { name: 'Post comment' }).click();
    await alice.getByText(text).waitFor();

    // Bob did not reload: the arrival waits behind "1 new comment" so his text does not shift.
    await bob.getByRole('button', { name: /^1 new comment/ }).click();
    const bobsCopy = bob.getByTestId('comment').filter({ hasText: text });
    await bobsCopy.waitFor();
    await expect(
      bobsCopy
        .locator('[dir="auto"]')
        .first()
        .evaluate((el) => getComputedStyle(el).direction),
    ).resolves.toBe('rtl');

    await bobsCopy.getByRole('button', { name: 'Upvote' }).click();
    const alicesCopy = alice.getByTestId('comment').filter({ hasText: text });
    await expect
      .poll(() => alicesCopy.getByTestId('score').first().textContent(), { timeout: 5000 })
      .toMatch(/^\s*1\s*$/);
    await expect
      .poll(() => bobsCopy.getByTestId('score').first().textContent(), { timeout: 5000 })
      .toMatch(/^\s*1\s*$/);

    // A reply from Bob reaches Alice live too.
    await bobsCopy.getByRole('button', { name: 'Reply' }).first().click();
    await bob.getByLabel('Write a reply').fill('Kabul has to act on the TTP first.');
    await bob.getByRole('button', { name: 'Post reply' }).click();
    await alice.getByRole('button', { name: /^1 new repl/ }).click();
    await alice.getByText('Kabul has to act on the TTP first.').waitFor();

    await alice.screenshot({ path: `${SCREENSHOT_DIR}/live-thread-alice.png`, fullPage: false });
    await bobsCopy.scrollIntoViewIfNeeded();
    await bob.screenshot({ path: `${SCREENSHOT_DIR}/live-thread-bob.png` });
    await alice.context().close();
    await bob.context().close();
  }, 60_000);
});
