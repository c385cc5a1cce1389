import type { Queryable } from '../db/db.js';
import type { Body, BodyKind } from './model.js';

interface BodyRow {
  id: string;
  kind: BodyKind;
  name: string;
  parent_id: string | null;
  created_at: Date;
  charter: Record<string, unknown>;
}

const toBody = (r: BodyRow): Body => ({ id: r.id, kind: r.kind, name: r.name, parentId: r.parent_id, createdAt: r.created_at, charter: r.charter });

export async function insertBody(q: Queryable, b: Body): Promise<Body> {
  await q.query('insert into body (id, kind, name, parent_id, created_at, charter) values ($1, $2, $3, $4, $5, $6::text::jsonb)', [
    b.id,
    b.kind,
    b.name,
    b.parentId,
    b.createdAt,
    JSON.stringify(b.charter),
  ]);
  return b;
}

export async function bodyById(q: Queryable, id: string): Promise<Body | undefined> {
  const [r] = await q.query<BodyRow>('select * from body where id = $1', [id]);
  return r && toBody(r);
}

export async function listBodies(q: Queryable, parentId?: string | null): Promise<(Body & { members: number })[]> {
  const rows = await q.query<BodyRow & { members: number }>(
    `select b.*, ((select count(*) from membership m where m.body_id = b.id and m.until is null)
               + (select count(*) from seat s where s.body_id = b.id and s.holder_id is not null))::int8 as members
     from body b
     where ($1::boolean is false or b.parent_id is not distinct from $2::uuid)
     order by b.name`,
    [parentId !== undefined, parentId ?? null],
  );
  return rows.map((r) => ({ ...toBody(r), members: r.members }));
}

export async function insertMembers(q: Queryable, bodyId: string, rows: { id: string; personId: string }[], since: Date): Promise<number> {
  const inserted = await q.query(
    `insert into membership (id, body_id, person_id, since)
     select u.id, $1, u.person_id, $2 from unnest($3::uuid[], $4::uuid[]) as u(id, person_id)
     on conflict (body_id, person_id) where until is null do nothing
     returning id`,
    [bodyId, since, rows.map((r) => r.id), rows.map((r) => r.personId)],
  );
  return inserted.length;
}

export async function insertOffice(
  q: Queryable,
  o: { id: string; bodyId: string; personId: string; title: string; since: Date },
): Promise<boolean> {
  const rows = await q.query(
    `insert into office (id, body_id, person_id, title, since) values ($1, $2, $3, $4, $5)
     on conflict (body_id, person_id, title) where until is null do nothing returning id`,
    [o.id, o.bodyId, o.personId, o.title, o.since],
  );
  return rows.length > 0;
}

export async function membersOf(q: Queryable, bodyId: string) {
  return q.query<{ person_id: string; display_name: string; since: Date; offices: string[] }>(
    `select m.person_id, p.display_name, m.since,
            coalesce((select array_agg(o.title order by o.title) from office o
                      where o.body_id = m.body_id and o.person_id = m.person_id and o.until is null), '{}') as offices
     from membership m join person p on p.id = m.person_id
     where m.body_id = $1 and m.until is null order by p.display_name`,
    [bodyId],
  );
}
