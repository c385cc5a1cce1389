import { systemActor } from '../core/actor.js';
import type { Ctx } from '../core/context.js';
import { addMembers, createBody, createSeats, grantOffice, recordDelegate } from '../councils/index.js';
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
  const firstMember = new Map<string, string>();
  for (const b of SMALL_BODIES) {
    const members = byBase.get(b.key) ?? [];
    if (members.length === 0) continue;
    const bodyId = bodyIds.get(b.key)!;
    await addMembers(sys, bodyId, members);
    for (const [i, title] of b.offices.entries()) await grantOffice(sys, { bodyId, personId: members[i]!, title });
    // the delegate is the member after the officers, so offices and mandates are held by different people
    firstMember.set(b.key, members[b.offices.length] ?? members[0]!);
  }
  // Delegations as they stand: each base's delegate sits in its cordón; each cordón
  // sends one of its delegates to the regional council, which sends one to the assembly.
  const sendUp = async (key: string, delegate: string) => {
    const [seat] = await createSeats(sys, bodyIds.get(key)!);
    await recordDelegate(sys, { seatId: seat!.id, personId: delegate });
  };
  for (const b of SMALL_BODIES) if (firstMember.has(b.key)) await sendUp(b.key, firstMember.get(b.key)!);
  for (const cordon of ['cerrillos', 'vicuna']) {
    const child = SMALL_BODIES.find((b) => b.parent === cordon && firstMember.has(b.key))!;
    await sendUp(cordon, firstMember.get(child.key)!);
  }
  await sendUp('metro', firstMember.get(SMALL_BODIES.find((b) => b.parent === 'cerrillos' && firstMember.has(b.key))!.key)!);
  return { adminUsername: 'admin', adminPassword, bodies: SMALL_BODIES.length, people: people.length + 1 };
}
