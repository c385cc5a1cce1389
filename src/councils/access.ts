import type { Actor } from '../core/actor.js';
import { personOf } from '../core/actor.js';
import { problem } from '../core/problem.js';
import type { Queryable } from '../db/db.js';

/**
 * Authorisation that later modules build on: membership of a body and office in it.
 * Rights come from the person's place in the federation, not from a global role:
 * an administrator is not thereby a member of any body or an officer of it.
 */

/** A member of a base body is in its membership; a member of a higher body holds one
 *  of the seats that sit in it (delegates sent up by the bodies below). */
export async function isMember(q: Queryable, personId: string, bodyId: string): Promise<boolean> {
  const rows = await q.query(
    `select 1 from membership where body_id = $1 and person_id = $2 and until is null
     union all
     select 1 from seat where body_id = $1 and holder_id = $2
     limit 1`,
    [bodyId, personId],
  );
  return rows.length > 0;
}

export async function holdsOffice(q: Queryable, personId: string, bodyId: string, title: string): Promise<boolean> {
  const rows = await q.query(
    'select 1 from office where body_id = $1 and person_id = $2 and title = $3 and until is null',
    [bodyId, personId, title],
  );
  return rows.length > 0;
}

/** The acting person, who must be a current member of `bodyId`. */
export async function requireMember(q: Queryable, actor: Actor, bodyId: string): Promise<string> {
  const person = personOf(actor);
  if (!person) throw problem.unauthenticated('sign in first');
  if (!(await isMember(q, person, bodyId))) throw problem.forbidden('only members of this body may do this', 'not_member');
  return person;
}

/** The acting person, who must currently hold `title` in `bodyId`. */
export async function requireOffice(q: Queryable, actor: Actor, bodyId: string, title: string): Promise<string> {
  const person = personOf(actor);
  if (!person) throw problem.unauthenticated('sign in first');
  if (!(await holdsOffice(q, person, bodyId, title)))
    throw problem.forbidden(`only the body's ${title.replaceAll('_', ' ')} may do this`, 'not_officer');
  return person;
}
