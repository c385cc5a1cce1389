import type { Page } from 'playwright-core';
import type { ManualClock } from '../../src/core/clock.js';
import { addMembers, createBody, grantOffice } from '../../src/councils/index.js';
import { computeRations, createGood, createPeriod, entitlementOf, recordStockMove, registerHousehold } from '../../src/supply/index.js';
import type { TestServer } from '../support/server.js';
import { addPeople, type TestPerson } from './app.js';

export interface SupplyWorld {
  people: Record<string, TestPerson>;
  /** The cordón JAP Norte belongs to. */
  cordon: string;
  norte: string;
  period: string;
  /** Households by reference: id and live card. */
  h: Record<Ref, { id: string; card: string }>;
  /** A household's entitlement as the database has it now: need, ration, collected, left per good (flour, milk). */
  entitlement(ref: Ref): Promise<{ good: string; need: number; ration: number; collected: number; left: number }[]>;
}

type Ref = 'N-1' | 'N-2' | 'N-3';

const day = (d: Date, offset: number) => new Date(d.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * JAP Norte in a cordón: Marta its supply officer, Vecina a member without office;
 * flour (g, per equivalent adult) and milk (ml, per child); three households — N-1 two
 * adults and a child, N-2 Rosa with a chronic illness, N-3 one adult — with less flour in
 * stock than they need, so the dashboard shows unmet need; a period around the clock's
 * day with its rations computed.
 */
export async function setUpSupply(s: TestServer, clock: ManualClock): Promise<SupplyWorld> {
  const sys = { ...s.system, clock };
  const people = await addPeople(s, { marta: 'Marta Rivas', vecina: 'Vecina Soto' });
  const cordon = (await createBody(sys, { kind: 'cordon', name: 'Cordón Vicuña Mackenna' })).id;
  const norte = (await createBody(sys, { kind: 'supply_committee', name: 'JAP Norte', parentId: cordon })).id;
  await addMembers(sys, norte, [people.marta!.id, people.vecina!.id]);
  await grantOffice(sys, { bodyId: norte, personId: people.marta!.id, title: 'supply_officer' });

  await createGood(sys, { code: 'flour', name: 'Harina', unit: 'g', needRule: { kind: 'equivalent_adult', perAdult: 1000 } });
  await createGood(sys, { code: 'milk', name: 'Leche', unit: 'ml', needRule: { kind: 'per_child', perChild: 2000 } });
  const register = async (ref: string, members: { name: string; birthDate: string; needs?: string[] }[]) => {
    const r = await registerHousehold(sys, { committeeId: norte, ref, zone: 'Villa Francia', address: `Pasaje ${ref}`, members });
    return { id: r.id, card: r.card! };
  };
  const h = {
    'N-1': await register('N-1', [
      { name: 'Ana Pérez Soto', birthDate: '1985-04-02' },
      { name: 'Luis Pérez', birthDate: '1983-01-20' },
      { name: 'Inés Pérez', birthDate: '2016-05-01' },
    ]),
    'N-2': await register('N-2', [{ name: 'Rosa Díaz', birthDate: '1950-07-07', needs: ['chronic_illness'] }]),
    'N-3': await register('N-3', [{ name: 'Jorge Ruiz', birthDate: '1990-03-03' }]),
  };
  // need: flour 1800 + 1000 + 1000 = 3800 g, milk 2000 ml
  await recordStockMove(sys, { committeeId: norte, kind: 'delivery', good: 'flour', quantity: 3000 });
  await recordStockMove(sys, { committeeId: norte, kind: 'delivery', good: 'milk', quantity: 2000 });
  const now = clock.now();
  const period = (await createPeriod(sys, { name: 'Semana 45', starts: day(now, -1), ends: day(now, 5), goods: ['flour', 'milk'] })).id;
  await computeRations(sys, { periodId: period, committeeId: norte });
  return { people, cordon, norte, period, h, entitlement: async (ref) => (await entitlementOf(s.testDb.db, period, h[ref].id))! };
}

/** Grams as the Spanish pages write them: `1.800 g`. */
export const grams = (n: number) => `${n.toLocaleString('es-CL')} g`;

/** The row of a good in the desk's entitlement table. */
export const goodRow = (page: Page, code: string) => page.locator(`tr[data-good="${code}"]`);
export const leftOf = (page: Page, code: string) => goodRow(page, code).getByTestId('left').textContent();
