/**
 * Issue 15 in Chromium: an admin changes a reader's role on /admin/users; a forgotten password is
 * replaced through the e-mailed link (a real SMTP server) and the new one signs in; the register
 * form refuses a look-alike name next to the name field. The new pages are held to axe and to no
 * sideways scroll at 390 px; screenshots go to SCREENSHOT_DIR.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations, scrollsSideways } from '../helpers/axe.js';
import { launchBrowser, SCREENSHOT_DIR, skipBrowserTests } from '../helpers/browser.js';
import { signedInPage } from '../helpers/pages.js';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp-server.js';

const PHONE = { width: 390, height: 844 };

/** axe-clean and no sideways scroll, at the page's own width and then at 390 × 844. */
async function checkPage(page: Page, shot: string): Promise<void> {
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBeNull();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${shot}-1100.png`, fullPage: true });
  const wide = page.viewportSize();
  await page.setViewportSize(PHONE);
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBeNull();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${shot}-390.png`, fullPage: true });
  if (wide) await page.setViewportSize(wide);
}

async function guestPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

describe.skipIf(skipBrowserTests)('browser: accounts (issue 15)', () => {
  let smtp: TestSmtp;
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestServer({ SMTP_URL: smtp.url });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.destroy();
    await smtp?.stop();
  });

  it('an admin changes a reader’s role on the admin page', async () => {
    const page = await signedInPage(browser, t.url, 'admin', 'parley-admin');
    await page.getByRole('banner').getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users and roles' }).waitFor();
    await page.getByRole('searchbox', { name: 'Find users by name' }).fill('rea');
    const role = page.getByRole('combobox', { name: 'Role of reader' });
    await role.waitFor();
    await expect(role.inputValue()).resolves.toBe('reader');
    await checkPage(page, 'admin-users');

    await role.selectOption('moderator');
    await page.getByRole('status').filter({ hasText: 'reader is now moderator' }).waitFor({ state: 'attached' });
    const reader = await signInAs(t.url, 'reader');
    await expect.poll(async () => (await api(t.url, '/api/me', { token: reader })).body.user.role).toBe('moderator');

    // The only admin cannot step down: the refusal shows in their row and the role stays.
    await page.getByRole('searchbox', { name: 'Find users by name' }).fill('admin');
    const own = page.getByRole('combobox', { name: 'Role of admin' });
    await own.selectOption('reader');
    await page.getByRole('alert').filter({ hasText: 'only admin' }).waitFor();
    await expect(own.inputValue()).resolves.toBe('admin');

    // A one-time reset link, shown once in the row.
    await page.getByRole('searchbox', { name: 'Find users by name' }).fill('reader');
    await page.getByRole('button', { name: 'Reset link for reader' }).click();
    const link = page.getByRole('textbox', { name: /One-time reset link for reader/ });
    await expect(link.inputValue()).resolves.toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
    await checkPage(page, 'admin-users-link');
    await page.context().close();

    // Only admins get the header link; the page itself tells others it is for admins.
    const host = await signedInPage(browser, t.url, 'host', 'parley-host', '/admin/users');
    await host.getByText('This page is for admins.').waitFor();
    expect(await host.getByRole('banner').getByRole('link', { name: 'Users' }).count()).toBe(0);
    await host.context().close();
  });

  it('forgot password → e-mailed link → new password → sign in', async () => {
    const registered = await api(t.url, '/api/auth/register', {
      body: { name: 'Nadia Forgets', password: 'old password 1', email: 'nadia@news.example' },
    });
    expect(registered.status).toBe(201);
    const page = await guestPage(browser, `${t.url}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await checkPage(page, 'forgot-password');
    await page.getByLabel('Email').fill('nadia@news.example');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('status').filter({ hasText: 'we have sent it a link' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/forgot-password-sent.png` });

    const mail = await smtp.waitForMessage('nadia@news.example');
    const url = /(http:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(url).toBeDefined();
    await page.goto(url!);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await checkPage(page, 'reset-password');
    await page.getByLabel('New password', { exact: true }).fill('new password 2');
    await page.getByLabel('Repeat the new password').fill('new password 2');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/reset-password-done.png` });

    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.getByLabel('Name').fill('Nadia Forgets');
    await page.getByLabel('Password').fill('new password 2');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByRole('banner').getByText('Nadia Forgets', { exact: true }).waitFor();

    // The link worked once.
    const again = await guestPage(browser, url!);
    await again.getByLabel('New password', { exact: true }).fill('third password 3');
    await again.getByLabel('Repeat the new password').fill('third password 3');
    await again.getByRole('button', { name: 'Set new password' }).click();
    await again.getByRole('alert').filter({ hasText: 'unknown, used or expired' }).waitFor();
    await page.context().close();
    await again.context().close();
  });

  it('the register form shows a look-alike refusal next to the name field', async () => {
    const page = await guestPage(browser, `${t.url}/register`);
    await page.getByLabel('Name').fill('mоderator'); // a Cyrillic о
    await page.getByLabel('Password').fill('a fine password');
    await page.getByRole('button', { name: 'Create account' }).click();
    const name = page.getByRole('textbox', { name: 'Name' });
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    const described = (await name.getAttribute('aria-describedby')) ?? '';
    const errorText = await page.locator(`[id="${described.split(' ').at(-1)}"]`).textContent();
    expect(errorText).toMatch(/looks like “moderator”/);
    await checkPage(page, 'register-lookalike');
    await page.context().close();
  });
});
