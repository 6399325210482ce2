/** Browser-side steps shared by the browser tests. */
import type { Browser, Page } from 'playwright-core';

/** A new page signed in as one of the demo accounts, on the given path. */
export async function signedInPage(
  browser: Browser,
  base: string,
  name: string,
  password: string,
  path = '/',
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByRole('banner').getByText(name, { exact: true }).waitFor();
  await page.goto(base + path);
  return page;
}
