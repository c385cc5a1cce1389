import type { Browser, Page } from 'playwright-core';

/** A fresh browser context on the app. The browser's own locale is English: Spanish
 *  must come from the app, not from it. */
export async function openApp(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Fills in the sign-in form (in either language) and submits it. */
export async function signIn(page: Page, username: string, password: string, submit = 'Entrar') {
  await page.getByLabel('Usuario').or(page.getByLabel('Username')).fill(username);
  await page.getByLabel('Contraseña').or(page.getByLabel('Password')).fill(password);
  await page.getByRole('button', { name: submit }).click();
}

/** Waits until the page says it is in `language` (<html lang>). */
export const inLanguage = (page: Page, language: string) => page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });

/** How far the page is wider than the screen (0 when nothing overflows). */
export const horizontalOverflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
