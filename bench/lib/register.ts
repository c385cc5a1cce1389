// Synthetic household registers for the supply benchmarks: households of 1–7 people with
// Chilean names, birth dates and a few special needs, from a seed, one committee's CSV
// (docs/formats.md) at a time so a national register never has to sit in memory.
import { randomUUID } from 'node:crypto';
import { seededRandom } from '../../src/core/seeded.js';
import type { Db, Queryable } from '../../src/db/db.js';

// Common names come up often (as González does in Chile); the long tail is made from
// syllables, so that names are about as varied as a real register's.
const FIRST = ['Ana', 'Luis', 'María', 'José', 'Rosa', 'Juan', 'Carmen', 'Pedro', 'Inés', 'Jorge', 'Elena', 'Víctor', 'Marta', 'Pablo', 'Lucía', 'Hugo', 'Camila', 'Diego', 'Valentina', 'Matías', 'Javiera', 'Felipe', 'Catalina', 'Tomás', 'Francisca', 'Benjamín', 'Isidora', 'Vicente', 'Fernanda', 'Cristóbal', 'Daniela', 'Sebastián'];
const LAST = ['González', 'Muñoz', 'Rojas', 'Díaz', 'Pérez', 'Soto', 'Contreras', 'Silva', 'Martínez', 'Sepúlveda', 'Morales', 'Rodríguez', 'López', 'Fuentes', 'Araya', 'Torres', 'Espinoza', 'Flores', 'Castillo', 'Valenzuela', 'Ramírez', 'Reyes', 'Gutiérrez', 'Castro', 'Vargas', 'Álvarez', 'Vásquez', 'Tapia', 'Fernández', 'Sánchez', 'Carrasco', 'Gómez'];
const SYLLABLES = ['ca', 'le', 'mi', 'no', 'ru', 'ta', 've', 'si', 'lo', 'ma', 'ne', 'ri', 'go', 'pa', 'du', 'be', 'za', 'to', 'qui', 'gue', 'llo', 'rra', 'ño', 'che', 'bal', 'mar', 'cas', 'tel', 'ron', 'dez'];

export interface RegisterGenerator {
  /** The register CSV of committee `c` (1-based) with `n` households; `people` counts the members. */
  committee(c: number, n: number): { csv: string; people: number };
  /**
   * People registered twice on purpose (about 1 in 500: someone who moved and was
   * registered again elsewhere, half of them with a letter of the name changed): the
   * duplicate detection should flag each of them.
   */
  planted: { name: string; birth: string }[];
}

export function registerGenerator(seed: number): RegisterGenerator {
  const rnd = seededRandom(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const coined = (parts: number) => {
    let w = '';
    for (let i = 0; i < parts; i++) w += pick(SYLLABLES);
    return w[0]!.toUpperCase() + w.slice(1);
  };
  const first = () => (rnd() < 0.6 ? pick(FIRST) : coined(2 + Math.floor(rnd() * 2)));
  const last = () => (rnd() < 0.4 ? pick(LAST) : coined(2 + Math.floor(rnd() * 2)));
  const birth = (minAge: number, maxAge: number) => {
    const d = new Date(Date.UTC(2026 - minAge, 10, 1) - Math.floor(rnd() * (maxAge - minAge) * 365.25) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const recent: { name: string; birth: string }[] = [];
  const planted: { name: string; birth: string }[] = [];
  const typo = (name: string) => {
    const i = 1 + Math.floor(rnd() * (name.length - 2));
    return name[i] === ' ' ? name : name.slice(0, i) + (name[i] === 'a' ? 'e' : 'a') + name.slice(i + 1);
  };
  return {
    planted,
    committee(c, n) {
      const lines = ['household,zone,address,name,birth_date,needs'];
      let people = 0;
      for (let h = 1; h <= n; h++) {
        const size = 1 + Math.floor(rnd() * rnd() * 7);
        const surname = `${last()} ${last()}`;
        const address = `"Pasaje ${1 + Math.floor(rnd() * 60)}, casa ${h}"`;
        for (let p = 0; p < size; p++) {
          const adult = p < 2 || rnd() < 0.3;
          const b = adult ? birth(18, 80) : rnd() < 0.1 ? birth(0, 1) : birth(1, 17);
          const needs = b > '2025-11-01' ? 'infant' : rnd() < 0.03 ? 'chronic_illness' : '';
          let name = `${first()} ${surname}`;
          let born = b;
          if (recent.length > 100 && rnd() < 0.002) {
            const twice = recent[Math.floor(rnd() * recent.length)]!;
            planted.push(twice);
            name = rnd() < 0.5 ? twice.name : typo(twice.name);
            born = twice.birth;
          } else if (rnd() < 0.01) recent[recent.length < 5000 ? recent.length : Math.floor(rnd() * 5000)] = { name, birth: b };
          lines.push(`H-${c}-${h},Zona ${1 + (h % 5)},${address},${name},${born},${born > '2025-11-01' ? 'infant' : needs}`);
          people++;
        }
      }
      return { csv: lines.join('\n'), people };
    },
  };
}

/** Households of committee c when `total` are spread over `committees`. */
export const householdsOf = (c: number, total: number, committees: number) => Math.floor(total / committees) + (c <= total % committees ? 1 : 0);

/** How many of the people registered twice on purpose have a duplicate flag. */
export async function plantedFound(db: Queryable, planted: readonly { name: string; birth: string }[]): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    `select count(*)::int as n from unnest($1::text[], $2::date[]) as p(name, birth)
     where exists (select 1 from duplicate_flag f join household_member a on a.id = f.member_id join household_member b on b.id = f.other_member_id
                   where a.birth_date = p.birth and (a.name = p.name or b.name = p.name))`,
    [planted.map((p) => p.name), planted.map((p) => p.birth)],
  );
  return r!.n;
}

/**
 * The reference for an import: the same number of household and member rows written by
 * plain INSERT … SELECT FROM unnest, 5,000 households at a time, into tables with no
 * index, check or trigger, on the same server. Returns milliseconds.
 */
export async function referenceInsert(db: Db, households: number, people: number): Promise<number> {
  await db.exec('drop table if exists ref_household, ref_member; create table ref_household (id uuid, ref text, zone text, address text); create table ref_member (id uuid, household uuid, name text, birth date)');
  const perHousehold = people / households;
  const t0 = performance.now();
  for (let i = 0; i < households; i += 5000) {
    const n = Math.min(5000, households - i);
    const m = Math.round(n * perHousehold);
    await db.transaction(async (tx) => {
      const ids = Array.from({ length: n }, () => randomUUID());
      await tx.query('insert into ref_household select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[])', [ids, ids.map((_, k) => `H-${i + k}`), ids.map(() => 'Zona 1'), ids.map((_, k) => `Pasaje 1, casa ${k}`)]);
      await tx.query('insert into ref_member select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]::date[])', [
        Array.from({ length: m }, () => randomUUID()),
        Array.from({ length: m }, (_, k) => ids[k % n]!),
        Array.from({ length: m }, (_, k) => `Persona ${k} Pérez Soto`),
        Array.from({ length: m }, (_, k) => `19${50 + (k % 50)}-0${1 + (k % 9)}-1${k % 10}`),
      ]);
    });
  }
  const ms = performance.now() - t0;
  await db.exec('drop table ref_household, ref_member');
  return ms;
}
