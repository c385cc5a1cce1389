import type { Browser, Page } from 'playwright-core';
import { Client } from '../support/http.js';
import type { TestServer } from '../support/server.js';

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

export interface TestPerson {
  id: string;
  password: string;
  displayName: string;
  /** Signed in through the API, for the steps a test takes outside the browser. */
  client: Client;
}

/** Accounts for `names` (username → display name), each signed in through the API. */
export async function addPeople(s: TestServer, names: Record<string, string>): Promise<Record<string, TestPerson>> {
  const people: Record<string, TestPerson> = {};
  for (const [n, displayName] of Object.entries(names)) {
    const password = `${n}-contraseña-segura`;
    const p = await s.addPerson({ username: n, password, displayName });
    const client = new Client(s.url);
    await client.login(n, password);
    people[n] = { id: p.id, password, displayName, client };
  }
  return people;
}

/** A new page, signed in as `username`, on the overview. */
export async function openSignedIn(browser: Browser, url: string, username: string, password: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await openApp(browser, url, viewport);
  await signIn(page, username, password);
  await page.getByRole('heading', { name: 'Resumen', level: 1 }).waitFor();
  return page;
}
