import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { addMembers, callElection, createBody, createSeats, grantOffice, recordDelegate } from '../../src/councils/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { addPeople, horizontalOverflow, inLanguage, openSignedIn, type TestPerson } from './app.js';
import { desktop, launchChromium, screenshotPath } from './chromium.js';

// A slice of the federation: the assembly, a cordón, and two workplaces that send it
// delegates. Beto is Sumar's delegate to the cordón; Gina is Madeco's, and the cordón's
// to the assembly, so recalling her cascades up two levels.
const clock = new ManualClock(new Date());
const phone360 = { width: 360, height: 740 };
let s: TestServer;
let browser: Browser;
const people: Record<string, TestPerson> = {};
const body: Record<'assembly' | 'cordon' | 'sumar' | 'madeco' | 'legua', string> = { assembly: '', cordon: '', sumar: '', madeco: '', legua: '' };

const names: Record<string, string> = {
  ana: 'Ana María Rojas', beto: 'Beto Muñoz', carla: 'Carla Díaz', dario: 'Darío Soto', elena: 'Elena Silva',
  fabio: 'Fabio Torres', gina: 'Gina Araya', hugo: 'Hugo Flores', ines: 'Inés Fuentes',
};
const id = (n: string) => people[n]!.id;
const as = (n: string) => people[n]!.client;

beforeAll(async () => {
  browser = await launchChromium();
  // The clock moves a week ahead to close the vote; sessions must outlive it.
  s = await startTestServer({ clock, env: { CORDON_SESSION_TTL_HOURS: '2000' } });
  const sys = { ...s.system, clock };
  Object.assign(people, await addPeople(s, names));
  body.assembly = (await createBody(sys, { kind: 'national_assembly', name: 'Asamblea Popular Nacional' })).id;
  body.cordon = (await createBody(sys, { kind: 'cordon', name: 'Cordón Vicuña Mackenna', parentId: body.assembly })).id;
  body.sumar = (await createBody(sys, { kind: 'workplace', name: 'Sumar Algodón', parentId: body.cordon })).id;
  body.madeco = (await createBody(sys, { kind: 'workplace', name: 'Madeco', parentId: body.cordon })).id;
  body.legua = (await createBody(sys, { kind: 'supply_committee', name: 'JAP Población La Legua', parentId: body.cordon })).id;
  await addMembers(sys, body.sumar, ['ana', 'beto', 'carla', 'dario', 'elena'].map(id));
  await addMembers(sys, body.madeco, ['fabio', 'gina', 'hugo'].map(id));
  await addMembers(sys, body.legua, [id('ines')]);
  await grantOffice(sys, { bodyId: body.sumar, personId: id('ana'), title: 'chair' });
  await grantOffice(sys, { bodyId: body.sumar, personId: id('elena'), title: 'secretary' });
  const sendUp = async (from: string, delegate: string) => {
    const [seat] = await createSeats(sys, from);
    await recordDelegate(sys, { seatId: seat!.id, personId: id(delegate) });
  };
  await sendUp(body.sumar, 'beto');
  await sendUp(body.madeco, 'gina');
  await sendUp(body.cordon, 'gina');
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const signedIn = (name: string, viewport: { width: number; height: number }): Promise<Page> =>
  openSignedIn(browser, s.url, name, people[name]!.password, viewport);

/** The card of a body in the federation tree (cards do not nest; the lists do). */
const treeNode = (page: Page, name: string) => page.locator('.fed__card').filter({ has: page.getByRole('link', { name, exact: true }) });
const seatCard = (page: Page) => page.locator('#delegation-heading + p + ul > li.seat-card').first();

async function withdrawFrom(name: string, seatId: string) {
  const r = await as(name).post(`/seats/${seatId}/withdraw-confidence`, {});
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

describe('councils: the federation, recall and a secret ballot', () => {
  let sumarSeat: string;
  let byElection: string;

  test('a member finds their body in the tree and sees their delegate’s confidence bar', async () => {
    const page = await signedIn('ana', desktop);
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('link', { name: 'Cordones' }).click();
    await page.getByRole('heading', { name: 'Cordones y consejos', level: 1 }).waitFor();

    // The assembly is open at the start; the cordón is shown closed under it.
    const cordon = treeNode(page, 'Cordón Vicuña Mackenna');
    await cordon.waitFor();
    const toggle = cordon.getByRole('button', { name: /3 cuerpos en Cordón Vicuña Mackenna/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => cordon.locator('.fed__meta').first().textContent()).toContain('Cordón');
    // The cordón's members are the delegates sitting in it; its own delegate is Gina.
    await cordon.getByText('1 de 2 retiros para revocar').or(cordon.getByText('0 de 2 retiros para revocar')).first().waitFor();

    // By keyboard: Enter on the disclosure button opens the cordón.
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const sumar = treeNode(page, 'Sumar Algodón');
    await sumar.getByText('Beto Muñoz').waitFor();
    await sumar.getByText('0 de 3 retiros para revocar').waitFor();
    expect(await sumar.locator('.fed__meta').textContent()).toContain('5 miembros');
    expect(await treeNode(page, 'Madeco').locator('.fed__meta').textContent()).toContain('Asamblea de lugar de trabajo');
    await page.screenshot({ path: screenshotPath('councils-tree-desktop-es'), fullPage: true });

    // A search finds a body by part of its name, accents aside.
    await page.getByLabel('Buscar un cuerpo por su nombre').fill('legua');
    await page.getByRole('status').filter({ hasText: '1 cuerpo encontrado' }).waitFor();
    await treeNode(page, 'JAP Población La Legua').locator('mark').waitFor();
    expect(await treeNode(page, 'Sumar Algodón').count()).toBe(0);
    await page.getByLabel('Buscar un cuerpo por su nombre').fill('');

    // To the body's page: its heading takes focus.
    await page.getByRole('link', { name: 'Sumar Algodón', exact: true }).click();
    await page.locator('h1:focus', { hasText: 'Sumar Algodón' }).waitFor();
    expect(await page.title()).toBe('Sumar Algodón · Cordón');
    await page.getByText('Eres miembro').waitFor();
    await page.getByRole('heading', { name: 'Su delegación en Cordón Vicuña Mackenna' }).waitFor();
    const members = page.locator('.member-list');
    await members.getByText('Presidencia').waitFor();
    await members.getByText('Secretaría').waitFor();
    expect(await page.getByRole('link', { name: 'Cordón Vicuña Mackenna' }).first().getAttribute('href')).toBe(`#/councils/${body.cordon}`);

    // Withdraw confidence: a confirm step first, saying what the threshold does.
    const card = seatCard(page);
    await card.getByText('0 de 3 retiros para revocar').waitFor();
    await card.getByRole('button', { name: 'Retirar mi confianza' }).click();
    const confirm = card.getByRole('group', { name: '¿Retirar tu confianza a Beto Muñoz?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('en cascada');
    await page.locator('.recall__confirm:focus').waitFor();
    await page.screenshot({ path: screenshotPath('councils-recall-confirm-desktop-es'), fullPage: true });
    await confirm.getByRole('button', { name: 'Sí, retirar mi confianza' }).click();
    await card.getByRole('status').filter({ hasText: 'Retiraste tu confianza a Beto Muñoz. Van 1 de 3 retiros para revocar.' }).waitFor();
    await card.locator('.confidence__text', { hasText: '1 de 3 retiros para revocar' }).waitFor();
    expect(await card.locator('.confidence__seg--on').count()).toBe(1);
    // Having withdrawn, the person is offered to restore, not to withdraw again.
    await card.getByRole('button', { name: 'Restaurar mi confianza' }).waitFor();
    expect(await card.getByRole('button', { name: 'Retirar mi confianza' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('councils-body-withdrawn-desktop-es'), fullPage: true });

    // Others withdraw through the API: at three of five the mandate ends, and the page,
    // following the live stream, shows the seat vacant and the by-election.
    await page.locator('.live--open').waitFor();
    sumarSeat = (await as('carla').get(`/bodies/${body.sumar}/delegation`)).body.seats[0].seatId;
    await withdrawFrom('carla', sumarSeat);
    const third = await withdrawFrom('dario', sumarSeat);
    expect(third.vacated).toHaveLength(1);
    byElection = third.byElections[0];
    await card.getByText('Escaño vacante').waitFor();
    await card.getByRole('link', { name: 'Elección para llenarlo: Candidaturas abiertas' }).waitFor();
    expect(await card.locator('[data-testid="confidence"]').count()).toBe(0);
    // What Ana did about Beto no longer applies to an empty seat.
    expect(await card.getByText('Retiraste tu confianza').count()).toBe(0);
    await page.getByRole('heading', { name: 'Elecciones' }).waitFor();
    await page.locator('.election-item--nominating').waitFor();
    await page.screenshot({ path: screenshotPath('councils-body-recalled-desktop-es'), fullPage: true });
    await page.context().close();
  });

  test('a member stands, the chair opens the vote, votes with a ranked ballot and checks the receipt', async () => {
    const page = await signedIn('ana', desktop);
    await page.goto(`${s.url}/#/councils/${body.sumar}`);
    await page.getByRole('link', { name: 'Elección para llenarlo: Candidaturas abiertas' }).click();
    await page.getByRole('heading', { name: 'Elección de delegados de Sumar Algodón', level: 1 }).waitFor();
    await page.getByText('Candidaturas abiertas: la votación aún no se abre').waitFor();
    expect(new URL(page.url()).hash).toBe(`#/elections/${byElection}`);

    await page.getByRole('button', { name: 'Presentar mi candidatura' }).click();
    await page.getByRole('status').filter({ hasText: 'Tu candidatura quedó registrada.' }).waitFor();
    await page.locator('.candidate-list').getByText('Ana María Rojas').waitFor();
    expect((await as('carla').post(`/elections/${byElection}/candidates`, {})).status).toBe(200);
    // Standing twice is refused, and said why, in Spanish.
    await page.reload();
    await page.locator('.candidate-list').getByText('Carla Díaz').waitFor();
    expect(await page.getByRole('button', { name: 'Presentar mi candidatura' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Abrir la votación' }).click();
    await page.getByRole('heading', { name: 'Tu boleta' }).waitFor();
    await page.getByText('Votación abierta', { exact: true }).first().waitFor();

    // Rank: Carla first (click), then Ana (keyboard: focus moved to her button), then
    // move Ana up, remove Carla and add her again: Ana, Carla.
    const ballot = page.locator('form.ballot');
    await ballot.getByRole('button', { name: 'Añadir a Carla Díaz' }).click();
    await page.locator('[data-focus="add:' + id('ana') + '"]:focus').waitFor();
    await page.keyboard.press('Enter');
    const ranked = () => ballot.locator('.ballot__name').allTextContents();
    expect(await ranked()).toEqual(['Carla Díaz', 'Ana María Rojas']);
    await ballot.getByRole('button', { name: 'Subir a Ana María Rojas' }).click();
    expect(await ranked()).toEqual(['Ana María Rojas', 'Carla Díaz']);
    await page.locator(`[data-focus="up:${id('ana')}"]:focus`).waitFor(); // focus followed the candidate
    await ballot.getByRole('button', { name: 'Quitar a Carla Díaz' }).click();
    expect(await ranked()).toEqual(['Ana María Rojas']);
    await ballot.getByRole('button', { name: 'Añadir a Carla Díaz' }).click();
    expect(await ranked()).toEqual(['Ana María Rojas', 'Carla Díaz']);
    await page.screenshot({ path: screenshotPath('councils-ballot-desktop-es'), fullPage: true });

    await ballot.getByRole('button', { name: 'Emitir mi voto' }).click();
    const receiptBox = page.locator('section.receipt');
    await receiptBox.getByRole('heading', { name: 'Tu voto quedó registrado' }).waitFor();
    await receiptBox.getByText('Guárdalo para verificar tu voto.').waitFor();
    const receipt = (await page.getByTestId('receipt').textContent())!.trim();
    expect(receipt).toMatch(/^R-/);
    await page.locator('#receipt-heading:focus').waitFor();
    await page.screenshot({ path: screenshotPath('councils-receipt-desktop-es'), fullPage: true });

    await receiptBox.getByRole('link', { name: 'Verificar mi voto' }).click();
    const found = page.getByTestId('receipt-found');
    await found.waitFor();
    expect(await found.locator('li').allTextContents()).toEqual(['Ana María Rojas', 'Carla Díaz']);
    expect(await page.getByLabel('Código de recibo').inputValue()).toBe(receipt);

    // A made-up receipt is not found, and the page says so in Spanish.
    await page.getByLabel('Código de recibo').fill('R-inventado-000');
    await page.getByRole('button', { name: 'Verificar', exact: true }).click();
    await page.getByText('Ninguna boleta de esta elección lleva ese recibo.', { exact: false }).waitFor();

    // The app does not know who voted (the ballot is secret): after a reload the ballot
    // is offered again, and the server's refusal is named.
    await page.reload();
    await page.getByRole('button', { name: 'Añadir a Carla Díaz' }).click();
    await page.getByRole('button', { name: 'Emitir mi voto' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ya votaste en esta elección' }).waitFor();
    await page.screenshot({ path: screenshotPath('councils-already-voted-desktop-es'), fullPage: true });

    // Others vote; a week later the vote has closed and is counted.
    for (const [voter, ranking] of [['carla', ['carla']], ['dario', ['ana', 'carla']]] as const)
      expect((await as(voter).post(`/elections/${byElection}/ballots`, { ranking: ranking.map(id) })).status).toBe(201);
    clock.advance(7 * 86_400_000 + 1000);
    const counted = await as('carla').post(`/elections/${byElection}/count`, {});
    expect(counted.body.elected).toEqual([id('ana')]);
    await page.locator('.status--counted').waitFor(); // the live stream brought the count
    await page.getByText('Elegidos: Ana María Rojas.').waitFor();
    await page.locator('.candidate--elected', { hasText: 'Ana María Rojas' }).getByText('Elegido/a').waitFor();
    await page.getByLabel('Código de recibo').fill(receipt);
    await page.getByRole('button', { name: 'Verificar', exact: true }).click();
    expect(await page.getByTestId('receipt-found').locator('li').allTextContents()).toEqual(['Ana María Rojas', 'Carla Díaz']);
    await page.screenshot({ path: screenshotPath('councils-counted-desktop-es'), fullPage: true });

    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await inLanguage(page, 'en');
    await page.getByText('Counted: the result is final').waitFor();
    await page.getByRole('heading', { name: 'Election of delegates: Sumar Algodón', level: 1 }).waitFor();
    await page.goto(`${s.url}/#/councils/${body.sumar}`);
    await page.getByRole('heading', { name: 'Its delegation to Cordón Vicuña Mackenna' }).waitFor();
    await seatCard(page).getByText('0 of 3 withdrawals to recall').waitFor();
    await seatCard(page).getByText('Ana María Rojas').waitFor();
    await page.screenshot({ path: screenshotPath('councils-body-desktop-en'), fullPage: true });
    await page.context().close();
  });

  test('on a 360 px phone: the tree, and a recall decided by the person’s own withdrawal, cascading up', async () => {
    const page = await signedIn('fabio', phone360);
    await page.getByRole('button', { name: 'Menú' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Cordones' }).click();
    await page.getByRole('heading', { name: 'Cordones y consejos', level: 1 }).waitFor();
    await treeNode(page, 'Cordón Vicuña Mackenna').getByRole('button', { name: /cuerpos en Cordón Vicuña Mackenna/ }).click();
    await treeNode(page, 'Madeco').getByText('Gina Araya').waitFor();
    await treeNode(page, 'Sumar Algodón').getByText('Ana María Rojas').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: screenshotPath('councils-tree-phone-es'), fullPage: true });

    const seat = (await as('hugo').get(`/bodies/${body.madeco}/delegation`)).body.seats[0].seatId;
    await withdrawFrom('hugo', seat);
    await page.getByRole('link', { name: 'Madeco', exact: true }).click();
    await page.locator('h1:focus', { hasText: 'Madeco' }).waitFor();
    const card = seatCard(page);
    await card.getByText('1 de 2 retiros para revocar').waitFor();
    await card.getByText('(uno más revoca el mandato)').waitFor();
    await card.getByRole('button', { name: 'Retirar mi confianza' }).click();
    await card.getByText('Tu retiro alcanza el umbral: el mandato terminará ahora mismo.').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: screenshotPath('councils-recall-decisive-phone-es'), fullPage: true });
    await card.getByRole('button', { name: 'Sí, retirar mi confianza' }).click();

    const outcome = page.getByTestId('recall-outcome');
    await outcome.getByText('Mandato revocado: con 2 de 2 retiros, Gina Araya dejó de ser delegado/a.').waitFor();
    await outcome.getByText('su escaño en Cordón Vicuña Mackenna').waitFor();
    await outcome.getByText('en cascada, su escaño en Asamblea Popular Nacional').waitFor();
    await outcome.getByRole('link', { name: 'Madeco elige su delegado/a en Cordón Vicuña Mackenna' }).waitFor();
    await outcome.getByRole('link', { name: 'Cordón Vicuña Mackenna elige su delegado/a en Asamblea Popular Nacional' }).waitFor();
    await card.getByText('Escaño vacante').waitFor();
    await page.locator('.recall__result:focus').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: screenshotPath('councils-recalled-phone-es'), fullPage: true });

    // A vote on the phone: the ballot's buttons fit beside the names, the receipt is readable.
    const vote = await callElection({ ...s.system, clock }, { constituencyId: body.madeco, candidates: [id('hugo'), id('fabio')], days: 7 });
    await page.goto(`${s.url}/#/elections/${vote.id}`);
    const ballot = page.locator('form.ballot');
    await ballot.getByRole('button', { name: 'Añadir a Hugo Flores' }).click();
    await ballot.getByRole('button', { name: 'Añadir a Fabio Torres' }).click();
    await ballot.getByRole('button', { name: 'Subir a Fabio Torres' }).click();
    expect(await ballot.locator('.ballot__name').allTextContents()).toEqual(['Fabio Torres', 'Hugo Flores']);
    expect(await horizontalOverflow(page)).toBe(0);
    await ballot.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('councils-ballot-phone-es'), fullPage: true });
    await ballot.getByRole('button', { name: 'Emitir mi voto' }).click();
    await page.getByTestId('receipt').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: screenshotPath('councils-receipt-phone-es'), fullPage: true });

    // A member of another body sees no recall buttons.
    await page.goto(`${s.url}/#/councils/${body.sumar}`);
    await page.getByRole('heading', { name: 'Sumar Algodón', level: 1 }).waitFor();
    await seatCard(page).getByText('Ana María Rojas').waitFor();
    expect(await page.getByRole('button', { name: 'Retirar mi confianza' }).count()).toBe(0);

    // The election's page on the phone, as a non-member sees it.
    await page.goto(`${s.url}/#/elections/${byElection}`);
    await page.getByText('Elegidos: Ana María Rojas.').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: screenshotPath('councils-election-phone-es'), fullPage: true });
    await page.context().close();
  });
});
