import type { Actor } from '../core/actor.js';
import { personOf } from '../core/actor.js';
import { problem } from '../core/problem.js';

/** The signed-in person's id, or an `unauthenticated` problem. */
export function requirePerson(actor: Actor): string {
  const id = personOf(actor);
  if (!id) throw problem.unauthenticated('sign in first');
  return id;
}

/** Administrators manage accounts and the federation's structure; the system actor
 *  (start-up, CLI run by the operator) counts as one. */
export function requireAdmin(actor: Actor): void {
  if (actor.kind === 'system') return;
  requirePerson(actor);
  if (!(actor.kind === 'person' || actor.kind === 'token') || !actor.isAdmin)
    throw problem.forbidden('only an administrator may do this', 'admin_only');
}

/** Whether the actor may act as an administrator (the system actor counts as one). */
export function isAdminActor(actor: Actor): boolean {
  return actor.kind === 'system' || ((actor.kind === 'person' || actor.kind === 'token') && actor.isAdmin);
}
