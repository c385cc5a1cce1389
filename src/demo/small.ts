import type { BodyKind } from '../councils/index.js';
import { seededRandom } from '../core/seeded.js';

/**
 * The small demo federation `npm start` loads on first start: a slice of Santiago in
 * 1972 — the national popular assembly, the Metropolitan region, two industrial
 * cordones with their workplaces, and two neighbourhoods' supply committees (JAPs).
 * Pure: the same seed gives the same federation.
 */
export interface DemoBody {
  key: string;
  kind: BodyKind;
  name: string;
  parent?: string;
  /** How many people are members (base bodies only). */
  members: number;
  /** Offices held by the first members, in order. */
  offices: string[];
}

export interface DemoPerson {
  username: string;
  displayName: string;
  bases: string[];
}

export const SMALL_BODIES: readonly DemoBody[] = [
  { key: 'assembly', kind: 'national_assembly', name: 'Asamblea Popular Nacional', members: 0, offices: [] },
  { key: 'metro', kind: 'regional', name: 'Consejo Regional Metropolitano', parent: 'assembly', members: 0, offices: [] },
  { key: 'cerrillos', kind: 'cordon', name: 'Cordón Cerrillos-Maipú', parent: 'metro', members: 0, offices: [] },
  { key: 'vicuna', kind: 'cordon', name: 'Cordón Vicuña Mackenna', parent: 'metro', members: 0, offices: [] },
  { key: 'perlak', kind: 'workplace', name: 'Perlak (conservas)', parent: 'cerrillos', members: 9, offices: ['chair', 'secretary'] },
  { key: 'polycron', kind: 'workplace', name: 'Polycron (fibras sintéticas)', parent: 'cerrillos', members: 8, offices: ['chair', 'secretary'] },
  { key: 'fensa', kind: 'workplace', name: 'Fensa (línea blanca)', parent: 'cerrillos', members: 8, offices: ['chair'] },
  { key: 'sumar', kind: 'workplace', name: 'Sumar Algodón (textil)', parent: 'vicuna', members: 9, offices: ['chair', 'secretary'] },
  { key: 'madeco', kind: 'workplace', name: 'Madeco (cobre elaborado)', parent: 'vicuna', members: 8, offices: ['chair'] },
  { key: 'legua', kind: 'supply_committee', name: 'JAP Población La Legua', parent: 'vicuna', members: 7, offices: ['chair', 'supply_officer'] },
  { key: 'villafrancia', kind: 'supply_committee', name: 'JAP Villa Francia', parent: 'cerrillos', members: 7, offices: ['chair', 'supply_officer'] },
];

const GIVEN = ['María', 'José', 'Juan', 'Ana', 'Luis', 'Rosa', 'Carlos', 'Carmen', 'Pedro', 'Teresa', 'Manuel', 'Juana',
  'Jorge', 'Elena', 'Miguel', 'Gloria', 'Raúl', 'Violeta', 'Víctor', 'Olga', 'Héctor', 'Marta', 'Sergio', 'Inés'];
const FAMILY = ['González', 'Muñoz', 'Rojas', 'Díaz', 'Pérez', 'Soto', 'Contreras', 'Silva', 'Martínez', 'Sepúlveda',
  'Morales', 'Rodríguez', 'López', 'Fuentes', 'Hernández', 'Torres', 'Araya', 'Flores', 'Espinoza', 'Valenzuela'];

function ascii(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** The members of every base body, with unique usernames. */
export function smallPeople(seed: number): DemoPerson[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const people: DemoPerson[] = [];
  const taken = new Set<string>();
  for (const b of SMALL_BODIES) {
    for (let i = 0; i < b.members; i++) {
      const given = pick(GIVEN);
      const family = `${pick(FAMILY)} ${pick(FAMILY)}`;
      let username = ascii(`${given}.${family.split(' ')[0]}`);
      for (let n = 2; taken.has(username); n++) username = ascii(`${given}.${family.split(' ')[0]}${n}`);
      taken.add(username);
      people.push({ username, displayName: `${given} ${family}`, bases: [b.key] });
    }
  }
  return people;
}
