/**
 * "Start a debate" in Chromium: a reader does not see it; a moderator opens it on the article page,
 * finds it prefilled from the article, chooses the host and debaters with the keyboard in the user
 * picker, is told what is missing, sees the server's refusal in the alert region, and then makes
 * the debate, which the page shows at once. Screenshots go to SCREENSHOT_DIR.
 */
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import { signedInPage } from '../helpers/pages.js';
import { api, signInAs, type TestServer } from '../helpers/server.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const ARTICLE = `/a/${SLUG}`;

/** Types into a picker with the keyboard; the steps after it wait for the suggestions. */
async function typeInPicker(page: Page, label: string, text: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).focus();
  await page.keyboard.type(text);
}

/** The polite status line under a picker ("2 found …", "No one’s name …"). */
async function statusOf(page: Page, label: string): Promise<string> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  const ids = ((await box.getAttribute('aria-describedby')) ?? '').split(' ');
  const statusId = ids.find((id) => id.endsWith('-status'));
  return statusId ? ((await page.locator(`[id="${statusId}"]`).textContent()) ?? '') : '';
}

const chosen = (page: Page, label: string) =>
  page
    .getByRole('list', { name: `Chosen: ${label}` })
    .getByRole('listitem')
    .allTextContents();

describe.skipIf(skipBrowserTests)('browser: starting a debate', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });
  beforeAll(async () => {
    for (const name of ['Rafi', 'Rania']) {
      expect((await api(t.url, '/api/auth/register', { body: { name, password: 'password123' } })).status).toBe(201);
    }
  });

  it('is offered to moderators only, prefilled from the article, keyboard usable, and shows the new debate', async () => {
    const reader = await signedInPage(browser, t.url, 'reader', 'parley-reader', ARTICLE);
    await reader.getByLabel('Write a comment').waitFor();
    expect(await reader.getByRole('button', { name: 'Start a debate' }).count()).toBe(0);

    const page = await signedInPage(browser, t.url, 'moderator', 'parley-moderator', ARTICLE);
    const opener = page.getByRole('button', { name: 'Start a debate' });
    await opener.click();
    expect(await opener.getAttribute('aria-expanded')).toBe('true');
    const form = page.getByRole('form', { name: 'New debate' });
    await form.waitFor();

    // Prefilled from the article's motion and positions.
    const article = (await api(t.url, `/api/articles/${SLUG}`)).body.article;
    expect(await form.getByLabel('Motion').inputValue()).toBe(article.motion);
    expect(await form.getByLabel('Position 1 name').inputValue()).toBe('Pakistan');
    expect(await form.getByLabel('Position 2 name').inputValue()).toBe('Afghanistan');
    expect(await form.getByRole('button', { name: 'Remove position 1' }).isDisabled()).toBe(true);

    // Nothing chosen, a position without a name: the form says what is missing.
    await form.getByRole('button', { name: 'Add a position' }).click();
    await form.getByRole('button', { name: 'Start the debate' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Check the marked fields.');
    await form.getByText('Choose who hosts the debate.').waitFor();
    await form.getByText('Name this position.').waitFor();
    await form.getByRole('button', { name: 'Remove position 3' }).click();
    expect(await form.getByLabel('Position 3 name').count()).toBe(0);
    expect(await form.getByText('Name this position.').count()).toBe(0);

    // The host, by keyboard: the first suggestion is highlighted, Enter takes it.
    await typeInPicker(page, 'Host', 'ho');
    await page.getByRole('option', { name: 'host' }).waitFor();
    await page.keyboard.press('Enter');
    expect(await chosen(page, 'Host')).toEqual(['host×']);
    // Every mark is cleared as its field is fixed, and the alert with them.
    expect(await form.getByText('Choose who hosts the debate.').count()).toBe(0);
    expect(await form.getByRole('alert').textContent()).toBe('');

    // Arrow keys move through the suggestions; aria-activedescendant follows.
    await typeInPicker(page, 'Position 1 debaters', 'ra');
    const options = page.getByRole('listbox', { name: 'Suggestions: Position 1 debaters' }).getByRole('option');
    await expect.poll(() => options.allTextContents()).toEqual(['Rafi', 'Rania']);
    await form.screenshot({ path: `${SCREENSHOT_DIR}/new-debate-picker.png` });
    await page.keyboard.press('ArrowDown');
    const box1 = page.getByRole('combobox', { name: 'Position 1 debaters' });
    const activeId = await box1.getAttribute('aria-activedescendant');
    expect(await page.locator(`[id="${activeId}"]`).textContent()).toBe('Rania');
    expect(await page.locator(`[id="${activeId}"]`).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await chosen(page, 'Position 1 debaters')).toEqual(['Rania×']);

    // Someone on one position is not offered for another.
    await typeInPicker(page, 'Position 2 debaters', 'ra');
    await expect
      .poll(() =>
        page.getByRole('listbox', { name: 'Suggestions: Position 2 debaters' }).getByRole('option').allTextContents(),
      )
      .toEqual(['Rafi']);
    await page.keyboard.press('Enter');
    await typeInPicker(page, 'Position 2 debaters', 'Rea');
    await page.getByRole('option', { name: 'reader' }).waitFor();
    await page.keyboard.press('Enter');
    expect(await chosen(page, 'Position 2 debaters')).toEqual(['Rafi×', 'reader×']);
    await typeInPicker(page, 'Position 1 debaters', 'rea');
    await expect
      .poll(() => statusOf(page, 'Position 1 debaters'))
      .toBe('Everyone whose name starts with “rea” is chosen already.');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    expect(await box1.inputValue()).toBe('');

    await form.getByLabel('Format').selectOption({ label: 'Lincoln-Douglas' });
    await form.getByLabel('Motion').fill('This house would let Pakistan and Afghanistan share the border posts.');
    await form.getByLabel('Motion').focus();
    await form.screenshot({ path: `${SCREENSHOT_DIR}/new-debate.png` });

    // The server refuses (the moderator lost the role meanwhile, down to reader: not even a host): its message shows in the alert region.
    const admin = await signInAs(t.url, 'admin');
    const moderatorId = (await api(t.url, '/api/me', { token: await signInAs(t.url, 'moderator') })).body.user
      .id as string;
    const setRole = (role: string) =>
      api(t.url, `/api/users/${moderatorId}/role`, { method: 'PATCH', token: admin, body: { role } });
    expect((await setRole('reader')).status).toBe(200);
    await form.getByRole('button', { name: 'Start the debate' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('This needs the host role.');
    await form.screenshot({ path: `${SCREENSHOT_DIR}/new-debate-refused.png` });
    expect(await t.parley.deps.store.listDebatesOfArticle(article.id)).toEqual([]);

    // With the role back, the roster and the plan are made and the page shows the new debate.
    expect((await setRole('moderator')).status).toBe(200);
    await form.getByRole('button', { name: 'Start the debate' }).click();
    await page
      .getByText('The debate is set up: it shows above, or under “Coming later” while another debate is under way.')
      .waitFor();
    expect(await form.count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('debate-panel').getByRole('heading', { level: 2 }).textContent())
      .toBe('This house would let Pakistan and Afghanistan share the border posts.');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Start a debate');

    const [debateId] = await t.parley.deps.store.listDebatesOfArticle(article.id);
    const debate = await t.parley.deps.store.getDebate(debateId!);
    const names = async (ids: string[]) =>
      Promise.all(ids.map(async (id) => (await t.parley.deps.store.getUser(id))?.name));
    expect(await names([debate!.hostId])).toEqual(['host']);
    expect(debate!.positions.map((p) => p.name)).toEqual(['Pakistan', 'Afghanistan']);
    expect(await names(debate!.positions[0]!.debaterIds)).toEqual(['Rania']);
    expect(await names(debate!.positions[1]!.debaterIds)).toEqual(['Rafi', 'reader']);
    expect((await t.parley.deps.store.getDebateSession(debateId!))?.template).toBe('lincoln-douglas');
    await page.getByTestId('debate-panel').screenshot({ path: `${SCREENSHOT_DIR}/new-debate-created.png` });
  });
});
