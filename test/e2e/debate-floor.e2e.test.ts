/**
 * The floor in Chromium (issue 13): while the host's clock runs, the speaking debater posts
 * paragraphs (button and Ctrl+Enter, right-to-left text included) and the audience sees them arrive
 * under the speaker's name and position; a raised hand given the floor posts with its turn's time
 * showing; the next phase folds the opening into the transcript. Screenshots (desktop and 390 px)
 * go to SCREENSHOT_DIR.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connectSocket, newUser } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import { signedInPage } from '../helpers/pages.js';
import { api, signInAs, type TestServer } from '../helpers/server.js';
import { WAIT_MS } from '../helpers/wait.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const ARTICLE = `/a/${SLUG}`;
const URDU = 'امن کے لیے ہم‌آہنگی ضروری ہے، اور سرحد پر اعتماد بھی۔';

const statements = (page: Page) => page.getByTestId('floor-live').getByTestId('statement');

async function openFloor(page: Page): Promise<void> {
  await page.getByTestId('debate-panel').waitFor();
  await page.getByTestId('floor').waitFor();
}

describe.skipIf(skipBrowserTests)('browser: the floor, live', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });

  it('shows the audience each paragraph as it is delivered while the clock runs', async () => {
    const hostToken = await signInAs(t.url, 'host');
    const hostId = (await api(t.url, '/api/me', { token: hostToken })).body.user.id as string;
    const ayesha = await newUser(t.url, 'Ayesha');
    const farid = await newUser(t.url, 'Farid');
    const article = (await api(t.url, `/api/articles/${SLUG}`)).body.article;
    const created = await api(t.url, '/api/debates', {
      token: await signInAs(t.url, 'moderator'),
      body: {
        articleId: article.id,
        hostId,
        motion: article.motion,
        positions: [
          { name: 'Pakistan', debaterIds: [ayesha.userId] },
          { name: 'Afghanistan', debaterIds: [farid.userId] },
        ],
      },
    });
    expect(created.status).toBe(201);
    const debateId = created.body.debate.id as string;
    expect(
      (await api(t.url, `/api/debates/${debateId}/session`, { token: hostToken, body: { template: 'oxford' } })).status,
    ).toBe(201);

    const debater = await signedInPage(browser, t.url, 'Ayesha', 'password-for-tests', ARTICLE);
    const reader = await signedInPage(browser, t.url, 'reader', 'parley-reader', ARTICLE);
    const host = await signedInPage(browser, t.url, 'host', 'parley-host', ARTICLE);
    await Promise.all([openFloor(debater), openFloor(reader), openFloor(host)]);
    // Debaters by name with their position, before anyone speaks.
    await expect(reader.getByTestId('floor-position').first().textContent()).resolves.toContain('Ayesha');
    await expect(reader.getByTestId('floor-position').nth(1).textContent()).resolves.toContain('Farid');

    // The host starts the clock (through its socket: the console is another part of the page).
    const hostSocket = await connectSocket(t.url, hostToken);
    try {
      await must(hostSocket, 'debate:command', { debateId, command: 'start' });
      await reader.getByTestId('floor-speaker').filter({ hasText: 'Speaking for Pakistan' }).waitFor();
      expect(await reader.getByTestId('floor-composer').count()).toBe(0);
      const clockAtFirst = await reader.getByTestId('debate-countdown').textContent();

      // The debater posts with the button, then two paragraphs at once with Ctrl+Enter.
      const box = debater.getByLabel('Your statement');
      await box.fill('Peace needs a border both sides police, and a ceasefire both sides can see.');
      await debater.getByRole('button', { name: 'Post paragraph' }).click();
      await statements(reader).first().waitFor();
      await expect(statements(reader).first().textContent()).resolves.toContain('Ayesha · Pakistan');
      await box.fill(`${URDU}\n\nThe trade routes reopen the week the guns fall silent.`);
      await box.press('Control+Enter');
      await statements(reader).nth(2).waitFor();
      const texts = await statements(reader).locator('.floor__text').allTextContents();
      expect(texts).toEqual([
        'Peace needs a border both sides police, and a ceasefire both sides can see.',
        URDU,
        'The trade routes reopen the week the guns fall silent.',
      ]);
      expect(await statements(reader).nth(1).locator('.floor__text').getAttribute('dir')).toBe('auto');
      await expect(box.inputValue()).resolves.toBe('');
      // The clock ran while they spoke.
      await reader
        .getByTestId('debate-countdown')
        .filter({ hasNotText: clockAtFirst ?? '' })
        .waitFor({ timeout: WAIT_MS });

      // A raised hand gets the floor and a timed turn.
      await reader.getByRole('button', { name: 'Raise my hand' }).click();
      await host.getByRole('button', { name: 'Give the floor to reader' }).click();
      await reader.getByTestId('floor-composer').filter({ hasText: 'left of your turn' }).waitFor();
      await reader.getByTestId('floor-speaker').filter({ hasText: 'You have the floor.' }).waitFor();
      await debater.getByTestId('floor-speaker').filter({ hasText: 'reader has the floor' }).waitFor();
      // Two minutes at most, counted on the server's clock.
      const turnShown = (await reader.getByTestId('floor-composer').getByRole('timer').textContent()) ?? '';
      expect(turnShown).toMatch(/^[12]:\d\d$/);
      expect(turnShown <= '2:00').toBe(true);
      await reader.getByLabel('Your statement').fill('From the floor: who monitors the ceasefire line?');
      await reader.getByRole('button', { name: 'Post paragraph' }).click();
      await statements(debater).nth(3).filter({ hasText: 'from the floor' }).waitFor();
      await statements(reader).nth(3).waitFor();
      await reader.getByTestId('floor').screenshot({ path: `${SCREENSHOT_DIR}/debate-floor-audience.png` });
      await debater.getByTestId('floor').screenshot({ path: `${SCREENSHOT_DIR}/debate-floor-debater.png` });
      await reader.setViewportSize({ width: 390, height: 1400 });
      await reader.getByTestId('floor').screenshot({ path: `${SCREENSHOT_DIR}/debate-floor-390.png` });
      await reader.getByTestId('debate-panel').screenshot({ path: `${SCREENSHOT_DIR}/debate-floor-panel-390.png` });
      const pageWidth = await reader.evaluate(() => document.documentElement.scrollWidth);
      expect(pageWidth).toBeLessThanOrEqual(390);

      // The next phase: the opening folds into the transcript, Afghanistan speaks.
      await must(hostSocket, 'debate:command', { debateId, command: 'next' });
      await reader.getByTestId('floor-speaker').filter({ hasText: 'Speaking for Afghanistan' }).waitFor();
      const earlier = reader.getByTestId('transcript').locator('details');
      await expect(earlier.locator('summary').textContent()).resolves.toMatch(
        /Opening statement: Pakistan.*4 paragraphs/,
      );
      await earlier.locator('summary').focus();
      await reader.keyboard.press('Enter');
      await earlier.getByTestId('statement').nth(3).waitFor();
      expect(await debater.getByTestId('floor-composer').count()).toBe(0);
      await reader.getByTestId('floor').screenshot({ path: `${SCREENSHOT_DIR}/debate-floor-transcript-390.png` });
    } finally {
      hostSocket.close();
    }
  }, 90_000);
});
