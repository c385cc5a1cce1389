import { systemActor } from '../core/actor.js';
import type { Ctx } from '../core/context.js';
import { addMembers, createBody, grantOffice } from '../councils/index.js';
import { addPerson } from '../people/index.js';
import { SMALL_BODIES, smallPeople } from './small.js';

export interface DemoResult {
  adminUsername: string;
  adminPassword: string;
  bodies: number;
  people: number;
}

/** Loads the small demo federation and an administrator whose password is returned
 *  (to be printed once). Goes through the services, so it is all on the audit chain. */
export async function loadSmallDemo(ctx: Ctx, seed = 1972): Promise<DemoResult> {
  const sys = { ...ctx, actor: systemActor('demo') };
  const adminPassword = ctx.ids.secret(12);
  await addPerson(sys, { username: 'admin', displayName: 'Administración', password: adminPassword, isAdmin: true });
  const bodyIds = new Map<string, string>();
  for (const b of SMALL_BODIES) {
    const body = await createBody(sys, { kind: b.kind, name: b.name, parentId: b.parent ? bodyIds.get(b.parent)! : null });
    bodyIds.set(b.key, body.id);
  }
  const people = smallPeople(seed);
  const byBase = new Map<string, string[]>();
  for (const p of people) {
    const person = await addPerson(sys, { username: p.username, displayName: p.displayName });
    for (const base of p.bases) byBase.set(base, [...(byBase.get(base) ?? []), person.id]);
  }
  for (const b of SMALL_BODIES) {
    const members = byBase.get(b.key) ?? [];
    if (members.length === 0) continue;
    const bodyId = bodyIds.get(b.key)!;
    await addMembers(sys, bodyId, members);
    for (const [i, title] of b.offices.entries()) await grantOffice(sys, { bodyId, personId: members[i]!, title });
  }
  return { adminUsername: 'admin', adminPassword, bodies: SMALL_BODIES.length, people: people.length + 1 };
}
