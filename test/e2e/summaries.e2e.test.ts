/**
 * Position summaries in Chromium: the host and a moderator type into the same summary and each
 * sees the other's text and named cursor; a reader sees it live but cannot change it; a version
 * is saved, viewed and restored, and the restore reaches everyone.
 */
import type { Browser, Locator, Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import { demoDebate } from '../helpers/demo-debate.js';
import { signedInPage } from '../helpers/pages.js';
import { api, signInAs, type TestServer } from '../helpers/server.js';

/** Live changes arrive in milliseconds; the margin is for a loaded machine. */
const POLL = { timeout: 10_000 };
const URDU = 'پاکستان امن مذاکرات کی حمایت کرتا ہے';

/** A debate on the demo article with two positions and no debaters, created by the moderator. */
const createDebate = async (t: TestServer): Promise<string> =>
  (await demoDebate(t.url, { motion: 'Pakistan and Afghanistan should resume talks without preconditions' })).debateId;

const pakistan = (page: Page): Locator => page.getByRole('region', { name: 'Pakistan', exact: true });
const editorOf = (page: Page): Locator => pakistan(page).getByRole('textbox', { name: 'Summary: Pakistan' });
const statusOf = (page: Page): Locator => pakistan(page).getByTestId('summary-status');

/**
 * The text of an editor (or a part of one) without the other editors' carets: each caret carries a
 * name label in the DOM, and it moves whenever that editor's cursor does, which on a busy machine
 * may be a moment after the text itself arrived.
 */
const textOf = (locator: Locator): Promise<string> =>
  locator.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return copy.textContent ?? '';
  });

/**
 * Puts the caret at the end of the summary and types a new paragraph. Focused, not clicked: a click
 * lands mid-text, on whatever paragraph or cursor label is there, and the page counts quick clicks
 * at one spot as double and triple clicks (which select a word or a paragraph). The caret is checked
 * to be one point before typing, so a selection can never be typed over.
 */
async function typeParagraph(page: Page, text: string): Promise<void> {
  // Until the caret is one collapsed point with no text after it in this editor but other editors'
  // name labels (a re-render of the
  // document, such as a fresh connection syncing, can put it back at the start).
  await expect
    .poll(async () => {
      await editorOf(page).focus();
      await page.keyboard.press('Control+End');
      return editorOf(page).evaluate((el) => {
        const selection = window.getSelection();
        if (!selection?.isCollapsed || !selection.focusNode || !el.contains(selection.focusNode)) return false;
        const after = document.createRange();
        after.selectNodeContents(el);
        after.setStart(selection.focusNode, selection.focusOffset);
        const rest = after.cloneContents();
        for (const caret of rest.querySelectorAll('.collaboration-carets__caret')) caret.remove();
        return rest.textContent === '';
      });
    }, POLL)
    .toBe(true);
  const before = await textOf(editorOf(page));
  if (before.trim() !== '') await page.keyboard.press('Enter');
  await page.keyboard.insertText(text);
  await expect.poll(() => textOf(editorOf(page)), POLL).toBe(before + text);
}

describe.skipIf(skipBrowserTests)('browser: position summaries', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });

  it('two editors see each other’s text and cursors; a reader follows live and cannot type', async () => {
    const debateId = await createDebate(t);
    const path = `/summaries/${debateId}`;
    const host = await signedInPage(browser, t.url, 'host', 'parley-host', path);
    const moderator = await signedInPage(browser, t.url, 'moderator', 'parley-moderator', path);
    const reader = await signedInPage(browser, t.url, 'reader', 'parley-reader', path);
    const problems: string[] = [];
    for (const page of [host, moderator, reader]) {
      page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning' ? problems.push(m.text()) : undefined));
      page.on('pageerror', (e) => problems.push(e.message));
    }
    for (const page of [host, moderator, reader])
      await expect.poll(() => statusOf(page).textContent(), POLL).toMatch(/^Connected/);
    await expect(editorOf(host).getAttribute('contenteditable')).resolves.toBe('true');
    await expect(editorOf(reader).getAttribute('contenteditable')).resolves.toBe('false');
    await pakistan(reader).getByTestId('summary-read-only').waitFor();
    await expect(editorOf(reader).locator('[data-placeholder]').getAttribute('data-placeholder')).resolves.toBe(
      'Nothing written yet.',
    );
    await expect(pakistan(reader).getByRole('toolbar').count()).resolves.toBe(0);

    // The host writes, with a bold word from the keyboard shortcut; the moderator adds a paragraph.
    await typeParagraph(host, 'Islamabad wants guarantees on ');
    await host.keyboard.press('Control+B');
    await host.keyboard.insertText('cross-border attacks');
    await host.keyboard.press('Control+B');
    await host.keyboard.insertText(' first.');
    await editorOf(moderator).getByText('cross-border attacks').waitFor();
    await expect(textOf(editorOf(moderator).locator('strong'))).resolves.toBe('cross-border attacks');
    await editorOf(moderator).getByText('first.', { exact: false }).waitFor();
    await typeParagraph(moderator, 'Kabul asks for trade routes to reopen first.');
    await editorOf(host).getByText('Kabul asks for trade routes to reopen first.').waitFor();

    // Each sees the other's cursor, labelled with the other's name (shown a moment after it moves,
    // then folded away: attached, not necessarily visible when looked at), and the count of editors.
    await pakistan(host)
      .locator('.collaboration-carets__label', { hasText: 'moderator' })
      .waitFor({ state: 'attached' });
    await typeParagraph(host, URDU);
    await pakistan(moderator)
      .locator('.collaboration-carets__label', { hasText: 'host' })
      .waitFor({ state: 'attached' });
    await expect.poll(() => statusOf(host).textContent(), POLL).toBe('Connected · 2 editing');
    await expect.poll(() => statusOf(reader).textContent(), POLL).toBe('Connected · 2 editing');
    // The reader sees where the editors are, but no name ever sits over the text they read.
    await pakistan(reader).locator('.collaboration-carets__caret').first().waitFor({ state: 'attached' });
    await expect(pakistan(reader).locator('.collaboration-carets__label').count()).resolves.toBe(0);
    await pakistan(reader).screenshot({ path: `${SCREENSHOT_DIR}/summaries-reader-carets.png` });

    // Right to left: the Urdu paragraph runs RTL and sits on the right.
    const urdu = editorOf(moderator).locator('p', { hasText: URDU });
    await urdu.waitFor();
    await expect(
      urdu.evaluate((el) => [getComputedStyle(el).direction, getComputedStyle(el).textAlign]),
    ).resolves.toEqual(['rtl', 'start']);

    // The reader got everything live, and typing changes nothing anywhere.
    await editorOf(reader).locator('p', { hasText: URDU }).waitFor();
    const before = await textOf(editorOf(reader));
    await editorOf(reader).click();
    await reader.keyboard.type('reader was here');
    await reader.keyboard.press('Enter');
    // A marker instead of a pause: the host writes a line after the reader's keys were handled
    // (and anything they sent was on its way); once that line is on the reader's page, the
    // server has dealt with the reader's typing, which reached no one and cost no connection (the
    // server closes a reader after a few refused writes).
    const marker = 'Checked after the reader typed.';
    await typeParagraph(host, marker);
    await editorOf(reader).getByText(marker).waitFor();
    // Polled: the editor view redraws from the shared document a moment after the marker's text
    // shows (one CI run read it mid-redraw); a reader's typing that got through would never settle.
    // Both read in one poll, so a failure shows the host's text next to the reader's.
    const readerAndHost = async () => ({ reader: await textOf(editorOf(reader)), host: await textOf(editorOf(host)) });
    await expect.poll(readerAndHost, POLL).toEqual({ reader: before + marker, host: before + marker });
    await expect(textOf(editorOf(moderator))).resolves.not.toContain('reader was here');
    await expect(statusOf(reader).textContent()).resolves.toMatch(/^Connected/);

    // A guest (not signed in) reads too.
    const guest = await (await browser.newContext({ viewport: { width: 1100, height: 1400 } })).newPage();
    await guest.goto(t.url + path);
    await editorOf(guest).locator('p', { hasText: URDU }).waitFor();
    await expect(editorOf(guest).getAttribute('contenteditable')).resolves.toBe('false');

    await host.screenshot({ path: `${SCREENSHOT_DIR}/summaries-host.png` });
    await moderator.screenshot({ path: `${SCREENSHOT_DIR}/summaries-moderator.png` });
    await reader.screenshot({ path: `${SCREENSHOT_DIR}/summaries-reader.png` });

    // Versions: the moderator saves one, the text changes, the version is viewed and restored;
    // the restore reaches the host and the reader live.
    const history = pakistan(moderator).locator('details.summary-history');
    await history.locator('summary').click();
    await history.getByLabel('Version name').fill('Opening statements');
    await history.getByRole('button', { name: 'Save a version' }).click();
    await history.getByRole('listitem').filter({ hasText: 'Opening statements' }).waitFor();
    await typeParagraph(moderator, 'A line written after the version.');
    await editorOf(reader).getByText('A line written after the version.').waitFor();
    await history.getByRole('button', { name: 'View version “Opening statements”' }).click();
    const viewer = history.getByRole('textbox', { name: 'Pakistan, version “Opening statements”' });
    await viewer.getByText('Kabul asks for trade routes').waitFor();
    await expect(viewer.textContent()).resolves.not.toContain('A line written after the version.');
    await expect(viewer.getAttribute('contenteditable')).resolves.toBe('false');
    await moderator.screenshot({ path: `${SCREENSHOT_DIR}/summaries-version.png`, fullPage: true });
    await history.getByRole('button', { name: 'Restore version “Opening statements”' }).click();
    await history.getByRole('button', { name: 'Yes, restore “Opening statements”' }).click();
    await history.getByText('Restored “Opening statements”.', { exact: false }).waitFor();
    for (const page of [host, reader, moderator]) {
      await expect.poll(() => textOf(editorOf(page)), POLL).not.toContain('A line written after the version.');
    }
    await expect(textOf(editorOf(host))).resolves.toContain('Kabul asks for trade routes to reopen first.');
    await reader.screenshot({ path: `${SCREENSHOT_DIR}/summaries-reader-restored.png` });

    expect(problems.filter((p) => !p.includes('favicon'))).toEqual([]);
    for (const page of [host, moderator, reader, guest]) await page.context().close();
  }, 90_000);

  it('opens /collab with a ticket, never the access token; a mute turns the editor read-only at once and a lift gives it back', async () => {
    const debateId = await createDebate(t);
    const host = await signedInPage(browser, t.url, 'host', 'parley-host', `/summaries/${debateId}`);
    // Every URL the page asks for from here on (HTTP and WebSocket), through a reload.
    const urls: string[] = [];
    host.on('request', (r) => urls.push(r.url()));
    host.on('websocket', (ws) => urls.push(ws.url()));
    await host.reload();
    await expect.poll(() => statusOf(host).textContent(), POLL).toMatch(/^Connected/);
    await typeParagraph(host, 'Written with a ticket.');
    const accessToken = await host.evaluate(() => window.localStorage.getItem('parley.accessToken'));
    expect(accessToken).toMatch(/^ey/);
    const collabUrls = urls.filter((u) => u.includes('/collab/debate/'));
    expect(collabUrls.length).toBeGreaterThanOrEqual(2); // both positions' summaries
    for (const url of collabUrls) expect(new URL(url).searchParams.get('ticket')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const url of urls) {
      expect(url).not.toContain(accessToken!);
      expect(new URL(url).searchParams.has('token')).toBe(false);
    }

    // A moderator mutes the host while the summary is open: read-only at once, with why and until when.
    const moderator = await signInAs(t.url, 'moderator');
    const hostId = (await api(t.url, '/api/me', { token: accessToken! })).body.user.id as string;
    const muted = await api(t.url, `/api/mod/users/${hostId}/sanctions`, {
      token: moderator,
      body: { kind: 'mute', reason: 'Cooling off after the exchange', minutes: 30 },
    });
    expect(muted.status).toBe(201);
    const notice = pakistan(host).getByTestId('summary-write-refused');
    await expect
      .poll(() => notice.textContent(), POLL)
      .toMatch(/^Read only: you are muted until .+\. Reason: Cooling off/);
    await expect.poll(() => editorOf(host).getAttribute('contenteditable'), POLL).toBe('false');
    await expect.poll(() => statusOf(host).textContent(), POLL).toMatch(/^Connected/);
    await host.screenshot({ path: `${SCREENSHOT_DIR}/summaries-muted.png` });

    // Lifted: the editor opens again for writing, and what is written is kept.
    const lifted = await api(t.url, `/api/mod/sanctions/${muted.body.sanction.id}`, {
      method: 'DELETE',
      token: moderator,
    });
    expect(lifted.status).toBe(200);
    await expect.poll(() => editorOf(host).getAttribute('contenteditable'), POLL).toBe('true');
    await expect(notice.count()).resolves.toBe(0);
    await expect.poll(() => statusOf(host).textContent(), POLL).toMatch(/^Connected/);
    await typeParagraph(host, 'Written after the lift.');
    const reader = await signedInPage(browser, t.url, 'reader', 'parley-reader', `/summaries/${debateId}`);
    await editorOf(reader).getByText('Written after the lift.').waitFor();
    await expect(textOf(editorOf(reader))).resolves.toContain('Written with a ticket.');
    for (const page of [host, reader]) await page.context().close();
  }, 90_000);

  it('shows "Reconnecting…" when the connection drops and comes back with a renewed token and a fresh ticket', async () => {
    const debateId = await createDebate(t);
    const host = await signedInPage(browser, t.url, 'host', 'parley-host', `/summaries/${debateId}`);
    // The page's /collab sockets pass through Playwright, so the test can cut them and, while
    // "offline", refuse new ones (a mocked socket opens and closes without ever syncing).
    let offline = false;
    const live: Array<{ page: WebSocketRoute; server: WebSocketRoute }> = [];
    await host.routeWebSocket(/\/collab\//, (ws) => {
      if (offline) return void ws.close({ code: 1013, reason: 'offline' });
      live.push({ page: ws, server: ws.connectToServer() });
    });
    await host.reload();
    await expect.poll(() => statusOf(host).textContent(), POLL).toMatch(/^Connected/);
    await typeParagraph(host, 'Written before the drop.');

    // The stored access token goes bad (as an expired one would) while the connection is down:
    // the reconnect is refused with 4001, the client refreshes the tokens and connects again.
    await host.evaluate(() => window.localStorage.setItem('parley.accessToken', 'not.a.token'));
    offline = true;
    for (const { page, server } of live.splice(0)) {
      await server.close();
      await page.close({ code: 1001, reason: 'GOING_AWAY' });
    }
    await expect.poll(() => statusOf(host).textContent(), POLL).toBe('Reconnecting…');
    await host.screenshot({ path: `${SCREENSHOT_DIR}/summaries-reconnecting.png` });
    offline = false;
    await expect.poll(() => statusOf(host).textContent(), { timeout: 20_000 }).toMatch(/^Connected/);
    await expect(host.evaluate(() => window.localStorage.getItem('parley.accessToken'))).resolves.not.toBe(
      'not.a.token',
    );

    // Still an editor: a change made now reaches another page, and nothing was lost.
    await typeParagraph(host, 'Written after the reconnect.');
    const moderator = await signedInPage(browser, t.url, 'moderator', 'parley-moderator', `/summaries/${debateId}`);
    await editorOf(moderator).getByText('Written after the reconnect.').waitFor();
    await expect(textOf(editorOf(moderator))).resolves.toContain('Written before the drop.');
    for (const page of [host, moderator]) await page.context().close();
  }, 60_000);
});
